#!/usr/bin/python3
"""Prints the firmware's outputs next to the ONNX Runtime reference
(output_K.pb) and exits 1 unless every value is within atol + rtol * |ref|
(floats) or equal (integers)."""
import os
import sys

import numpy as np
import onnx
from onnx import numpy_helper

RTOL, ATOL = 1e-3, 1e-4

stdout_path, data_set = sys.argv[1], sys.argv[2]
lines = open(stdout_path).read().split("\n")
print(lines[0])
outputs, i = [], 1
while i < len(lines) and lines[i].startswith("output "):
    count = int(lines[i].split()[-2])
    outputs.append((lines[i], lines[i + 1:i + 1 + count]))
    i += 1 + count

ok = True
for k, (header, values) in enumerate(outputs):
    tensor = onnx.TensorProto()
    with open(os.path.join(data_set, f"output_{k}.pb"), "rb") as f:
        tensor.ParseFromString(f.read())
    ref = numpy_helper.to_array(tensor).reshape(-1)
    got = np.array([float(v) for v in values])
    if got.shape != ref.shape:
        print(f"{header}: {got.size} values, reference has {ref.size}")
        ok = False
        continue
    err = np.abs(got - ref.astype(np.float64))
    bad = err > (ATOL + RTOL * np.abs(ref)) if ref.dtype.kind == "f" else err != 0
    print(f"{header}  (first 8; edgecc | onnxruntime)")
    for g, r in list(zip(got, ref))[:8]:
        print(f"  {g:>14.7g} | {r:>14.7g}")
    print(f"  max_abs_err={err.max():.3g} mismatches={int(bad.sum())}")
    ok = ok and not bad.any()
print("PASS" if ok else "FAIL")
sys.exit(0 if ok else 1)
