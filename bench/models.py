#!/usr/bin/python3
"""Writes the ONNX models the benchmarks measure.

Usage:
    /usr/bin/python3 bench/models.py gemm M N K OUT.onnx
        Y[M,N] = MatMul(A, W): A [M,K] a graph input, W [K,N] an initializer.
    /usr/bin/python3 bench/models.py gpt2_block OUT.onnx [--seq 64] [--hidden 256] [--heads 4] [--ffn 1024]
        One GPT-2 block (HF GPT2Block as torch.onnx exports it) on x [1,seq,hidden].

Weights are deterministic (fixed seeds), so every run measures the same model. The inputs are not
stored: the harnesses and bench/ort-time.js fill them with the same integer formula.
The block reuses the graph helpers of test/models/gen_models.py, whose own gpt2_block has fixed
test sizes; only the sizes differ here, the graph is built the same way.
"""

import argparse
import math
import os
import sys

import numpy as np
import onnx
from onnx import helper

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "models"))
from gen_models import (Graph, Weights, conv1d, f32, fixed_shape, attention,  # noqa: E402
                        gelu_tanh, layer_norm, make_model, merge_heads, split_heads)

SEED = 20250101


def build_gemm(m, n, k):
    w = Weights(SEED)
    w.normal("W", [k, n])
    node = helper.make_node("MatMul", ["A", "W"], ["Y"], name="matmul")
    return make_model(f"gemm_{m}x{n}x{k}", [node], [f32("A", [m, k])], [f32("Y", [m, n])], w)


def build_gpt2_block(seq, hidden, heads, ffn, eps=1e-5):
    # Mirrors gpt2_block in test/models/gen_models.py: LayerNormalization, Conv1D as
    # Reshape+Gemm+Reshape, Split into q/k/v, the causal `bias` buffer sliced and applied with
    # Where, gelu_new written out with Tanh.
    d, max_pos = hidden // heads, seq
    w = Weights(SEED + 1)
    w.norm_scale("ln_1.weight", [hidden])
    w.normal("ln_1.bias", [hidden])
    w.normal("attn.c_attn.weight", [hidden, 3 * hidden])
    w.normal("attn.c_attn.bias", [3 * hidden])
    w.normal("attn.c_proj.weight", [hidden, hidden])
    w.normal("attn.c_proj.bias", [hidden])
    w.norm_scale("ln_2.weight", [hidden])
    w.normal("ln_2.bias", [hidden])
    w.normal("mlp.c_fc.weight", [hidden, ffn])
    w.normal("mlp.c_fc.bias", [ffn])
    w.normal("mlp.c_proj.weight", [ffn, hidden])
    w.normal("mlp.c_proj.bias", [hidden])
    w.add("attn.bias", np.tril(np.ones([max_pos, max_pos], dtype=np.bool_))[None, None])

    g = Graph(w)
    h = layer_norm(g, "x", "ln_1.weight", "ln_1.bias", eps, "/ln_1")
    qkv = conv1d(g, h, "attn.c_attn.weight", "attn.c_attn.bias", hidden, [1, seq, 3 * hidden],
                 "/attn/c_attn")
    q, k, v = g.op("Split", [qkv, g.int64s("/attn/split_sizes", [hidden] * 3)], "/attn/Split",
                   num_outputs=3, axis=2)
    head_shape = fixed_shape([1, seq, heads, d])
    q = split_heads(g, q, head_shape, "/attn/q_heads")
    k_t = split_heads(g, k, head_shape, "/attn/k_heads", perm=(0, 2, 3, 1))
    v = split_heads(g, v, head_shape, "/attn/v_heads")

    def causal_where(scores):
        rows = g.op("Slice", ["attn.bias", g.int64s("/attn/rows_start", [0]),
                              g.int64s("/attn/rows_end", [seq]), g.int64s("/attn/rows_axes", [2])],
                    "/attn/Slice")
        keep = g.op("Slice", [rows, g.int64s("/attn/cols_start", [0]), g.int64s("/attn/cols_end", [seq]),
                              g.int64s("/attn/cols_axes", [3])], "/attn/Slice_1")
        lowest = g.constant("/attn/mask_value", np.finfo(np.float32).min)
        return g.op("Where", [keep, scores, lowest], "/attn/Where")

    ctx = attention(g, q, k_t, v, "/attn", "Div", math.sqrt(d), mask=causal_where)
    ctx = merge_heads(g, ctx, fixed_shape([1, seq, hidden]), "/attn/merge_heads")
    attn_out = conv1d(g, ctx, "attn.c_proj.weight", "attn.c_proj.bias", hidden, [1, seq, hidden],
                      "/attn/c_proj")
    h = g.op("Add", [attn_out, "x"], "/Add")
    m2 = layer_norm(g, h, "ln_2.weight", "ln_2.bias", eps, "/ln_2")
    m2 = conv1d(g, m2, "mlp.c_fc.weight", "mlp.c_fc.bias", hidden, [1, seq, ffn], "/mlp/c_fc")
    m2 = gelu_tanh(g, m2, "/mlp/act")
    m2 = conv1d(g, m2, "mlp.c_proj.weight", "mlp.c_proj.bias", ffn, [1, seq, hidden], "/mlp/c_proj")
    g.op("Add", [h, m2], "/Add_1", out="y")
    return make_model("gpt2_block", g.nodes, [f32("x", [1, seq, hidden])], [f32("y", [1, seq, hidden])], w)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="model", required=True)
    gemm = sub.add_parser("gemm")
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
    else:
        if args.hidden % args.heads:
            parser.error("--hidden must be a multiple of --heads")
        m = build_gpt2_block(args.seq, args.hidden, args.heads, args.ffn)
    onnx.save(m, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
