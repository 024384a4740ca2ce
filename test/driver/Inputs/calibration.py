#!/usr/bin/python3
"""Model, calibration sets and independent checks for test/driver/calibration.test.

make DIR:   DIR/model.onnx = Relu(x @ W1) @ W2 with x [64, 16], and DIR/cal/set_K/input_0.pb for
            K < 4: normal inputs with one outlier of 40 in set 2, so the methods disagree.
verify DIR: reads DIR/{minmax,percentile,entropy}.json (edgecc report --quant --format=json) and
            checks each layer's range against numpy on the same calibration inputs.
make-nan DIR, verify-nan DIR: the same sets with a NaN and an infinity, which calibration skips.
"""
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

SETS = 4


def weights():
    rng = np.random.default_rng(7)
    return (rng.standard_normal([16, 8]) * 0.3).astype(np.float32), \
        (rng.standard_normal([8, 4]) * 0.3).astype(np.float32)


def calibration_inputs():
    rng = np.random.default_rng(11)
    sets = [rng.standard_normal([64, 16]).astype(np.float32) for _ in range(SETS)]
    sets[2][1, 5] = 40.0
    return sets


def make(out):
    w1, w2 = weights()
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["x", "w1"], ["h"], name="fc1"),
         helper.make_node("Relu", ["h"], ["r"], name="relu"),
         helper.make_node("MatMul", ["r", "w2"], ["y"], name="fc2")],
        "calibration",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [64, 16])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [64, 4])],
        [numpy_helper.from_array(w1, "w1"), numpy_helper.from_array(w2, "w2")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    onnx.save(model, os.path.join(out, "model.onnx"))
    for k, x in enumerate(calibration_inputs()):
        d = os.path.join(out, "cal", f"set_{k}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "input_0.pb"), "wb") as f:
            f.write(numpy_helper.from_array(x, "x").SerializeToString())


def nearest_rank(values, percent):
    ordered = np.sort(values)
    return ordered[int(round(percent / 100.0 * (len(ordered) - 1)))]


def verify(out):
    w1, _ = weights()
    xs = calibration_inputs()
    layer_inputs = {
        "fc1": np.concatenate([x.ravel() for x in xs]),
        "fc2": np.concatenate([np.maximum(x.astype(np.float64) @ w1, 0).ravel() for x in xs]),
    }
    ok = True

    def expect(condition, what):
        nonlocal ok
        print(("ok: " if condition else "FAILED: ") + what)
        ok = ok and condition

    reports = {m: json.load(open(os.path.join(out, m + ".json")))
               for m in ("minmax", "percentile", "entropy")}
    for method, report in reports.items():
        for layer in report["layers"]:
            values = layer_inputs[layer["node"]]
            lo, hi = layer["range"]
            if method == "minmax":
                want = (values.min(), values.max())
            elif method == "percentile":
                want = (nearest_rank(values, 100 - 99.9), nearest_rank(values, 99.9))
            else:
                # Entropy clips within the observed range, never beyond it.
                want = None
                expect(values.min() - 1e-4 <= lo <= 0 <= hi <= values.max() + 1e-4,
                       f"{method} {layer['node']} range [{lo:.4f}, {hi:.4f}] within the observed")
            if want is not None:
                close = np.allclose([lo, hi], want, rtol=1e-4, atol=1e-5)
                expect(close, f"{method} {layer['node']} range [{lo:.4f}, {hi:.4f}] "
                       f"= numpy [{want[0]:.4f}, {want[1]:.4f}]")
    # The outlier (40 among N(0, 1)) is what entropy calibration exists to clip.
    fc1 = [l for l in reports["entropy"]["layers"] if l["node"] == "fc1"][0]
    expect(fc1["range"][1] < 20, f"entropy clips the outlier of fc1 (hi {fc1['range'][1]:.2f})")
    return ok


def make_nan(out):
    """DIR/cal_nan: the calibration sets with a NaN and an infinity in set 0's input."""
    for k, x in enumerate(calibration_inputs()):
        if k == 0:
            x[0, 0], x[0, 1] = np.nan, np.inf
        d = os.path.join(out, "cal_nan", f"set_{k}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "input_0.pb"), "wb") as f:
            f.write(numpy_helper.from_array(x, "x").SerializeToString())


def verify_nan(out):
    """Non-finite samples are left out of the range: fc1's minmax range is that of the finite
    inputs."""
    xs = calibration_inputs()
    xs[0][0, 0], xs[0][0, 1] = np.nan, np.inf
    values = np.concatenate([x.ravel() for x in xs])
    values = values[np.isfinite(values)]
    report = json.load(open(os.path.join(out, "nan.json")))
    lo, hi = [l for l in report["layers"] if l["node"] == "fc1"][0]["range"]
    ok = np.allclose([lo, hi], [values.min(), values.max()], rtol=1e-6)
    print(("ok: " if ok else "FAILED: ") + f"fc1 range [{lo:.4f}, {hi:.4f}] with NaN and inf samples")
    return ok


if __name__ == "__main__":
    command, out = sys.argv[1], sys.argv[2]
    if command == "make":
        make(out)
        sys.exit(0)
    if command == "make-nan":
        make_nan(out)
        sys.exit(0)
    sys.exit(0 if (verify_nan(out) if command == "verify-nan" else verify(out)) else 1)
