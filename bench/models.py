#!/usr/bin/python3
"""Writes the ONNX models the benchmarks measure.

Usage:
    /usr/bin/python3 bench/models.py gemm M N K OUT.onnx
        Y[M,N] = MatMul(A, W): A [M,K] a graph input, W [K,N] an initializer.
    /usr/bin/python3 bench/models.py gemm_int8 M N K OUT.onnx
        Y[M,N] = MatMulInteger(A, W) in int32: A [M,K] an int8 graph input, W [K,N] an int8
        initializer, no zero points (the integer microkernel alone).
    /usr/bin/python3 bench/models.py gpt2_block OUT.onnx [--seq 64] [--hidden 256] [--heads 4] [--ffn 1024]
        One GPT-2 block (HF GPT2Block as torch.onnx exports it) on x [1,seq,hidden].

Weights are deterministic (fixed seeds), so every run measures the same model. The inputs are not
stored: the harnesses and bench/ort-time.js fill them with the same integer formula.
The block is test/models/gen_models.py's gpt2_block graph (gpt2_block_model) at benchmark sizes.
"""

import argparse
import os
import sys

import onnx
import numpy as np
from onnx import TensorProto, helper

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "models"))
from gen_models import Weights, f32, gpt2_block_model, make_model  # noqa: E402

SEED = 20250101


def build_gemm(m, n, k):
    w = Weights(SEED)
    w.normal("W", [k, n])
    node = helper.make_node("MatMul", ["A", "W"], ["Y"], name="matmul")
    return make_model(f"gemm_{m}x{n}x{k}", [node], [f32("A", [m, k])], [f32("Y", [m, n])], w)


def build_gemm_int8(m, n, k):
    w = Weights(SEED + 2)
    w.add("W", w.rng.integers(-128, 128, size=[k, n], dtype=np.int8))
    node = helper.make_node("MatMulInteger", ["A", "W"], ["Y"], name="matmul_integer")
    return make_model(f"gemm_int8_{m}x{n}x{k}", [node],
                      [helper.make_tensor_value_info("A", TensorProto.INT8, [m, k])],
                      [helper.make_tensor_value_info("Y", TensorProto.INT32, [m, n])], w)


def build_gpt2_block(seq, hidden, heads, ffn, eps=1e-5):
    # The test suite's gpt2_block graph at benchmark sizes; the causal buffer covers seq positions.
    return gpt2_block_model(Weights(SEED + 1), seq, hidden, heads, ffn, seq, eps)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="model", required=True)
    for kind in ("gemm", "gemm_int8"):
        gemm = sub.add_parser(kind)
        for dim in ("M", "N", "K"):
            gemm.add_argument(dim, type=int)
        gemm.add_argument("out")
    block = sub.add_parser("gpt2_block")
    block.add_argument("out")
    block.add_argument("--seq", type=int, default=64)
    block.add_argument("--hidden", type=int, default=256)
    block.add_argument("--heads", type=int, default=4)
    block.add_argument("--ffn", type=int, default=1024)
    args = parser.parse_args()

    if args.model == "gemm":
        m = build_gemm(args.M, args.N, args.K)
    elif args.model == "gemm_int8":
        m = build_gemm_int8(args.M, args.N, args.K)
    else:
        if args.hidden % args.heads:
            parser.error("--hidden must be a multiple of --heads")
        m = build_gpt2_block(args.seq, args.hidden, args.heads, args.ffn)
    onnx.save(m, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
