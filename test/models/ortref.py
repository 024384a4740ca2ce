#!/usr/bin/python3
"""Writes ONNX backend-test-style cases whose expected outputs come from ONNX Runtime.

Layout produced (the same as the ONNX backend node tests):
    DIR/model.onnx
    DIR/test_data_set_0/input_K.pb    graph-input order, TensorProto.name = input name
    DIR/test_data_set_0/output_K.pb   graph-output order, TensorProto.name = output name

ORT is driven through scripts/ort-reference.js (onnxruntime-node), because the Debian Python has
onnx but no onnxruntime wheel; tensors cross over as raw binary files.

As a library:  ortref.write_test_case(model, {"x": array}, out_dir)
As a CLI:      /usr/bin/python3 test/models/ortref.py MODEL_DIR
    recomputes output_K.pb of every test_data_set_N in MODEL_DIR from its existing input_K.pb.
"""

import glob
import json
import os
import re
import subprocess
import sys
import tempfile

import numpy as np
import onnx
from google.protobuf.message import DecodeError
from onnx import numpy_helper

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ORT_SCRIPT = os.path.join(REPO_ROOT, "scripts", "ort-reference.js")

# numpy dtype -> ORT dtype string. float16 goes over as raw bits, so both sides agree bit-exactly.
_ORT_DTYPES = {
    np.dtype(np.float32): "float32",
    np.dtype(np.float64): "float64",
    np.dtype(np.float16): "float16",
    np.dtype(np.int8): "int8",
    np.dtype(np.uint8): "uint8",
    np.dtype(np.int16): "int16",
    np.dtype(np.uint16): "uint16",
    np.dtype(np.int32): "int32",
    np.dtype(np.uint32): "uint32",
    np.dtype(np.int64): "int64",
    np.dtype(np.uint64): "uint64",
    np.dtype(np.bool_): "bool",
}
_NP_DTYPES = {v: k for k, v in _ORT_DTYPES.items()}


class OrtError(RuntimeError):
    pass


def graph_inputs(model):
    """Names of the graph inputs a caller must feed (initializers may also be listed as inputs)."""
    initializers = {t.name for t in model.graph.initializer}
    return [i.name for i in model.graph.input if i.name not in initializers]


def run_ort(model_path, inputs):
    """Runs model_path in ONNX Runtime; returns {output name: np.ndarray} in ORT's output order."""
    node = os.environ.get("EDGECC_NODE", "node")
    with tempfile.TemporaryDirectory(prefix="ortref-") as tmp:
        specs = []
        for k, (name, value) in enumerate(inputs.items()):
            arr = np.asarray(value)
            dtype = arr.dtype.newbyteorder("=")
            if dtype not in _ORT_DTYPES:
                raise OrtError(f"input {name}: unsupported dtype {arr.dtype}")
            file = f"input_{k}.bin"
            # Explicit little-endian, C-contiguous bytes: that is what the node script reads.
            np.ascontiguousarray(arr, dtype=arr.dtype.newbyteorder("<")).tofile(os.path.join(tmp, file))
            specs.append({"name": name, "dtype": _ORT_DTYPES[dtype],
                          "dims": list(arr.shape), "path": file})
        request = os.path.join(tmp, "request.json")
        with open(request, "w") as f:
            json.dump({"inputs": specs, "output_dir": "out"}, f)

        proc = subprocess.run([node, ORT_SCRIPT, os.path.abspath(model_path), request],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            raise OrtError((proc.stderr.strip() or f"node exited with {proc.returncode}").splitlines()[-1])

        out_dir = os.path.join(tmp, "out")
        with open(os.path.join(out_dir, "outputs.json")) as f:
            index = json.load(f)
        outputs = {}
        for spec in index["outputs"]:
            dtype = _NP_DTYPES[spec["dtype"]].newbyteorder("<")
            data = np.fromfile(os.path.join(out_dir, spec["path"]), dtype=dtype)
            outputs[spec["name"]] = data.astype(dtype.newbyteorder("="), copy=False).reshape(spec["dims"])
        return outputs


def _write_tensor(array, name, path):
    tensor = numpy_helper.from_array(np.asarray(array), name)
    with open(path, "wb") as f:
        f.write(tensor.SerializeToString())


def write_outputs(model, model_path, inputs, data_dir):
    """Runs ORT on inputs and writes output_K.pb into data_dir in graph-output order."""
    results = run_ort(model_path, inputs)
    for old in glob.glob(os.path.join(data_dir, "output_*.pb")):
        os.remove(old)
    for k, out in enumerate(model.graph.output):
        if out.name not in results:
            raise OrtError(f"ONNX Runtime produced no output named {out.name}")
        _write_tensor(results[out.name], out.name, os.path.join(data_dir, f"output_{k}.pb"))
    return results


def write_test_case(model, inputs, out_dir):
    """Saves model and inputs to out_dir and fills in ORT's outputs. Returns {name: ndarray}."""
    names = graph_inputs(model)
    missing = [n for n in names if n not in inputs]
    unknown = [n for n in inputs if n not in names]
    if missing or unknown:
        raise OrtError(f"inputs do not match the graph: missing {missing}, unknown {unknown}")

    data_dir = os.path.join(out_dir, "test_data_set_0")
    os.makedirs(data_dir, exist_ok=True)
    model_path = os.path.join(out_dir, "model.onnx")
    onnx.save(model, model_path)
    for old in glob.glob(os.path.join(data_dir, "input_*.pb")):
        os.remove(old)
    ordered = {}
    for k, name in enumerate(names):
        ordered[name] = np.asarray(inputs[name])
        _write_tensor(ordered[name], name, os.path.join(data_dir, f"input_{k}.pb"))
    return write_outputs(model, model_path, ordered, data_dir)


def _numbered(data_dir, prefix):
    """prefix_K.pb files sorted by K as a number, so input_10 follows input_9."""
    numbered = []
    for file in glob.glob(os.path.join(data_dir, f"{prefix}_*.pb")):
        match = re.search(r"_(\d+)\.pb$", file)
        if match:
            numbered.append((int(match.group(1)), file))
    return [file for _, file in sorted(numbered)]


def recompute(model_dir):
    """Rewrites output_K.pb of every test_data_set_N in model_dir from its input_K.pb."""
    model_path = os.path.join(model_dir, "model.onnx")
    # Skip external data: ORT reads the model from the path itself; we only need the graph here.
    model = onnx.load(model_path, load_external_data=False)
    names = graph_inputs(model)
    # input_K.pb of sequence/optional inputs hold other protos that would misparse as tensors.
    for value in [*model.graph.input, *model.graph.output]:
        if value.type.WhichOneof("value") != "tensor_type":
            raise OrtError(f"{value.name}: only tensor inputs and outputs are supported")
    data_dirs = sorted(glob.glob(os.path.join(model_dir, "test_data_set_*")))
    if not data_dirs:
        raise OrtError(f"{model_dir}: no test_data_set_* directory")
    for data_dir in data_dirs:
        inputs = {}
        for k, file in enumerate(_numbered(data_dir, "input")):
            tensor = onnx.TensorProto()
            with open(file, "rb") as f:
                tensor.ParseFromString(f.read())
            # Backend tests name every tensor, but fall back to graph order if one is unnamed.
            name = tensor.name or (names[k] if k < len(names) else None)
            if name is None:
                raise OrtError(f"{file}: unnamed tensor beyond the graph's inputs")
            inputs[name] = numpy_helper.to_array(tensor)
        write_outputs(model, model_path, inputs, data_dir)


def main(argv):
    if len(argv) != 2 or argv[1].startswith("-"):
        print("usage: ortref.py MODEL_DIR", file=sys.stderr)
        return 2
    try:
        recompute(argv[1])
    except (OrtError, OSError, DecodeError, ValueError, TypeError) as e:
        print(f"ortref: {argv[1]}: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
