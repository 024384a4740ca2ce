#!/usr/bin/python3
"""Writes inputs.h for main.c: each input_K.pb of a data set as an aligned byte
array, and `model_inputs`, the pointer array edge_model_run takes."""
import glob
import os
import sys

import onnx
from onnx import numpy_helper

data_set = sys.argv[1]
files = sorted(glob.glob(os.path.join(data_set, "input_*.pb")),
               key=lambda f: int(f.rsplit("_", 1)[1].split(".")[0]))
print("/* inputs.h - written by examples/firmware/write_inputs.py */")
for k, path in enumerate(files):
    tensor = onnx.TensorProto()
    with open(path, "rb") as f:
        tensor.ParseFromString(f.read())
    data = numpy_helper.to_array(tensor).tobytes()
    body = ",".join(str(b) for b in data) or "0"
    print(f"static const unsigned char input_{k}[] __attribute__((aligned(64))) = {{{body}}};")
names = ",".join(f"input_{k}" for k in range(len(files))) or "0"
print(f"static const void *const model_inputs[] = {{{names}}};")
