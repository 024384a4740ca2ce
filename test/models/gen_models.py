#!/usr/bin/python3
"""Generates edgecc's own small transformer-style test models, with ONNX Runtime reference outputs.

Usage: /usr/bin/python3 test/models/gen_models.py --out DIR [--self-check] [NAME ...]
    Writes DIR/NAME/model.onnx and DIR/NAME/test_data_set_0/{input,output}_K.pb for each named
    model (all of them if none are named). --self-check also recomputes every output with numpy and
    exits non-zero if ORT disagrees, which proves the ORT plumbing end to end.

Everything is deterministic: each model draws its weights and inputs from its own fixed seed, so
adding a model never changes the others. Models use opset 17, float32, weights as initializers.
To add a model, write one builder returning a Case and decorate it with @model("name").
"""

import argparse
import os
import sys
from dataclasses import dataclass
from typing import Callable, Dict, Optional

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ortref  # noqa: E402

OPSET = 17
SEED = 20240917


@dataclass
class Case:
    model: onnx.ModelProto
    inputs: Dict[str, np.ndarray]
    # Same computation in float64 numpy: inputs -> {output name: array}. Used by --self-check.
    reference: Optional[Callable[[Dict[str, np.ndarray]], Dict[str, np.ndarray]]] = None


MODELS: Dict[str, Callable[[], Case]] = {}


def model(name):
    def register(builder):
        MODELS[name] = builder
        return builder
    return register


class Weights:
    """Draws small float32 weights and records them as initializers."""

    def __init__(self, seed):
        self.rng = np.random.default_rng(seed)
        self.initializers = []
        self.values = {}

    def add(self, name, array):
        self.values[name] = array
        self.initializers.append(numpy_helper.from_array(array, name))
        return name

    def normal(self, name, shape, scale=0.1):
        # Small magnitudes keep activations near 1, so float32 rounding stays far below tolerances.
        return self.add(name, (self.rng.standard_normal(shape) * scale).astype(np.float32))


def make_model(name, nodes, inputs, outputs, weights):
    graph = helper.make_graph(nodes, name, inputs, outputs, initializer=weights.initializers)
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                          producer_name="edgecc-gen-models")
    onnx.checker.check_model(m, full_check=True)
    return m


def f32(name, shape):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, shape)


@model("mlp2")
def build_mlp2():
    # Layer 1 uses Gemm and layer 2 MatMul+Add so both lowering paths are exercised.
    w = Weights(SEED + 1)
    w.normal("W1", [64, 128])
    w.normal("b1", [128])
    w.normal("W2", [128, 32])
    w.normal("b2", [32])
    nodes = [
        helper.make_node("Gemm", ["x", "W1", "b1"], ["h_pre"], name="fc1"),
        helper.make_node("Relu", ["h_pre"], ["h"], name="relu1"),
        helper.make_node("MatMul", ["h", "W2"], ["y_pre"], name="fc2_matmul"),
        helper.make_node("Add", ["y_pre", "b2"], ["y"], name="fc2_bias"),
    ]
    m = make_model("mlp2", nodes, [f32("x", [4, 64])], [f32("y", [4, 32])], w)
    x = w.rng.standard_normal([4, 64]).astype(np.float32)

    def reference(inputs):
        v = {k: a.astype(np.float64) for k, a in w.values.items()}
        h = np.maximum(inputs["x"].astype(np.float64) @ v["W1"] + v["b1"], 0.0)
        return {"y": h @ v["W2"] + v["b2"]}

    return Case(m, {"x": x}, reference)


@model("attention1h")
def build_attention1h():
    # One self-attention head over x[1,16,64] with an output projection and a residual connection.
    # The output projection runs as a 2-D Gemm on ctx reshaped to [16,64], then reshapes back.
    seq, hidden = 16, 64
    w = Weights(SEED + 2)
    for p in ("q", "k", "v"):
        w.normal(f"W{p}", [hidden, hidden])
        w.normal(f"b{p}", [hidden])
    w.normal("Wo", [hidden, hidden])
    w.normal("bo", [hidden])
    w.add("scale", np.array(np.sqrt(hidden), dtype=np.float32))  # scalar, broadcast by Div
    w.add("shape_2d", np.array([seq, hidden], dtype=np.int64))
    w.add("shape_3d", np.array([1, seq, hidden], dtype=np.int64))

    nodes = []
    for p in ("q", "k", "v"):
        nodes.append(helper.make_node("MatMul", ["x", f"W{p}"], [f"{p}_mm"], name=f"{p}_proj"))
        nodes.append(helper.make_node("Add", [f"{p}_mm", f"b{p}"], [p], name=f"{p}_bias"))
    nodes += [
        helper.make_node("Transpose", ["k"], ["k_t"], name="k_transpose", perm=[0, 2, 1]),
        helper.make_node("MatMul", ["q", "k_t"], ["scores"], name="qk"),
        helper.make_node("Div", ["scores", "scale"], ["scores_scaled"], name="scale_scores"),
        helper.make_node("Softmax", ["scores_scaled"], ["probs"], name="softmax", axis=-1),
        helper.make_node("MatMul", ["probs", "v"], ["ctx"], name="attend"),
        helper.make_node("Reshape", ["ctx", "shape_2d"], ["ctx_2d"], name="ctx_flatten"),
        helper.make_node("Gemm", ["ctx_2d", "Wo", "bo"], ["out_2d"], name="o_proj"),
        helper.make_node("Reshape", ["out_2d", "shape_3d"], ["out"], name="out_unflatten"),
        helper.make_node("Add", ["out", "x"], ["y"], name="residual"),
    ]
    m = make_model("attention1h", nodes, [f32("x", [1, seq, hidden])], [f32("y", [1, seq, hidden])], w)
    x = w.rng.standard_normal([1, seq, hidden]).astype(np.float32)

    def reference(inputs):
        v = {k: a.astype(np.float64) for k, a in w.values.items()}
        x = inputs["x"].astype(np.float64)
        q, k, val = (x @ v[f"W{p}"] + v[f"b{p}"] for p in ("q", "k", "v"))
        scores = q @ k.transpose(0, 2, 1) / v["scale"]
        e = np.exp(scores - scores.max(axis=-1, keepdims=True))
        ctx = (e / e.sum(axis=-1, keepdims=True)) @ val
        out = ctx.reshape(seq, hidden) @ v["Wo"] + v["bo"]
        return {"y": out.reshape(1, seq, hidden) + x}

    return Case(m, {"x": x}, reference)


def read_outputs(model_dir, m):
    """Reads back output_K.pb from disk, so the self-check covers the files tests will consume."""
    data_dir = os.path.join(model_dir, "test_data_set_0")
    outputs = {}
    for k, out in enumerate(m.graph.output):
        tensor = onnx.load_tensor(os.path.join(data_dir, f"output_{k}.pb"))
        if tensor.name != out.name:
            raise ortref.OrtError(f"output_{k}.pb is named {tensor.name!r}, expected {out.name!r}")
        outputs[out.name] = numpy_helper.to_array(tensor)
    return outputs


def self_check(name, model_dir, case, rtol=1e-4, atol=1e-5):
    if case.reference is None:
        print(f"{name}: no numpy reference, self-check skipped")
        return True
    ok = True
    expected = case.reference(case.inputs)
    for out, got in read_outputs(model_dir, case.model).items():
        want = expected[out]
        err = float(np.max(np.abs(got.astype(np.float64) - want))) if got.size else 0.0
        match = got.shape == want.shape and np.allclose(got, want, rtol=rtol, atol=atol)
        print(f"{name}: {out} {list(got.shape)} max|ort-numpy|={err:.3g} {'ok' if match else 'MISMATCH'}")
        ok = ok and match
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True, help="directory that receives one folder per model")
    parser.add_argument("--self-check", action="store_true",
                        help="compare ONNX Runtime's outputs with a numpy computation of each graph")
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"models to build (default: all of "
                        f"{', '.join(MODELS)})")
    args = parser.parse_args()

    unknown = [n for n in args.names if n not in MODELS]
    if unknown:
        parser.error(f"unknown model(s) {', '.join(unknown)}; known: {', '.join(MODELS)}")

    ok = True
    for name in args.names or list(MODELS):
        case = MODELS[name]()
        model_dir = os.path.join(args.out, name)
        try:
            ortref.write_test_case(case.model, case.inputs, model_dir)
            onnx.checker.check_model(os.path.join(model_dir, "model.onnx"), full_check=True)
        except ortref.OrtError as e:
            print(f"gen_models: {name}: {e}", file=sys.stderr)
            return 1
        if args.self_check:
            ok = self_check(name, model_dir, case) and ok
        else:
            print(f"{name}: wrote {model_dir}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
