#!/usr/bin/python3
"""Generates edgecc's own small transformer-style test models, with ONNX Runtime reference outputs.

Usage: /usr/bin/python3 test/models/gen_models.py --out DIR [--self-check] [NAME ...]
    Writes DIR/NAME/model.onnx and DIR/NAME/test_data_set_0/{input,output}_K.pb for each named
    model (all of them if none are named). --self-check also recomputes every output with numpy and
    exits non-zero if ORT disagrees, which proves the ORT plumbing end to end.

Everything is deterministic: each model draws its weights and inputs from its own fixed seed, so
adding a model never changes the others. Models use opset 17, float32, weights as initializers.
To add a model, write one builder returning a Case and decorate it with @model("name").

The transformer families (bert_encoder, gpt2_block, llama_block, vit_patch) are built the way
torch.onnx and optimum export them, because those are the graphs users bring: nn.Linear as MatMul
+ Add, decomposed or fused normalisations, Gelu written out, Reshape targets from Shape chains or
folded constants, masks built from buffers. Shared pieces (attention, norms, activations, head
splits) are helpers below, each with an independent float64 numpy counterpart for --self-check.
"""

import argparse
import math
import os
import sys
import tempfile
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

    def norm_scale(self, name, shape):
        # Trained norm scales sit near 1; exactly 1 would hide a missing multiply.
        return self.add(name, (1.0 + self.rng.standard_normal(shape) * 0.1).astype(np.float32))

    def float64(self):
        """The weights as float64 for numpy references; integer and bool buffers keep their type."""
        return {k: a.astype(np.float64) if a.dtype.kind == "f" else a for k, a in self.values.items()}


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


def quantize_4bit_blocks(weight, block, symmetric):
    """ONNX Runtime's MatMulNBits layout of weight [K, N]: codes packed two per
    byte, low nibble first along K, as B [N, K / block, block / 2]; scales
    [N * blocks]; zero points packed the same way, [N * ceil(blocks / 2)]."""
    k, n = weight.shape
    blocks = k // block
    codes = np.zeros((n, blocks, block), dtype=np.uint8)
    scales = np.zeros((n, blocks), dtype=np.float32)
    zeros = np.full((n, blocks), 8, dtype=np.uint8)
    for col in range(n):
        for b in range(blocks):
            w = weight[b * block:(b + 1) * block, col].astype(np.float64)
            if symmetric:
                scale = max(np.abs(w).max() / 7.0, 1e-8)
                zp = 8
            else:
                lo, hi = min(w.min(), 0.0), max(w.max(), 0.0)
                scale = max((hi - lo) / 15.0, 1e-8)
                zp = int(np.clip(np.round(-lo / scale), 0, 15))
            scales[col, b] = scale
            zeros[col, b] = zp
            codes[col, b] = np.clip(np.round(w / np.float32(scale)) + zp, 0, 15)
    packed = (codes[:, :, 0::2] | (codes[:, :, 1::2] << 4)).astype(np.uint8)
    zero_bytes = np.zeros((n, (blocks + 1) // 2), dtype=np.uint8)
    for b in range(blocks):
        zero_bytes[:, b // 2] |= (zeros[:, b] << (4 * (b % 2))).astype(np.uint8)
    dequantized = ((codes.astype(np.float64) - zeros[:, :, None]) *
                   scales[:, :, None].astype(np.float64)).reshape(n, k).T
    return packed, scales.reshape(-1), zero_bytes.reshape(-1), dequantized


def build_matmul_nbits(seed, symmetric):
    # One 4-bit block-quantized linear layer (block 32), the form ONNX
    # Runtime's quantizer writes for LLM weights, plus a bias input.
    k, n, block = 64, 32, 32
    w = Weights(seed)
    weight = (w.rng.standard_normal([k, n]) * 0.1).astype(np.float32)
    packed, scales, zero_bytes, dequantized = quantize_4bit_blocks(weight, block, symmetric)
    w.add("B", packed)
    w.add("scales", scales)
    inputs = ["x", "B", "scales"]
    if not symmetric:
        w.add("zero_points", zero_bytes)
        inputs.append("zero_points")
    w.normal("bias", [n])
    inputs += ["", "bias"] if not symmetric else ["", "", "bias"]
    node = helper.make_node("MatMulNBits", inputs, ["y"], name="fc_q4", domain="com.microsoft",
                            K=k, N=n, bits=4, block_size=block)
    graph = helper.make_graph([node], "matmul_nbits", [f32("x", [2, 3, k])], [f32("y", [2, 3, n])],
                              initializer=w.initializers)
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET),
                                                helper.make_opsetid("com.microsoft", 1)],
                          producer_name="edgecc-gen-models")
    x = w.rng.standard_normal([2, 3, k]).astype(np.float32)

    def reference(inputs):
        return {"y": inputs["x"].astype(np.float64) @ dequantized + w.values["bias"].astype(np.float64)}

    return Case(m, {"x": x}, reference)


@model("matmul_nbits_q4")
def build_matmul_nbits_symmetric():
    return build_matmul_nbits(SEED + 20, symmetric=True)


@model("matmul_nbits_q4_zp")
def build_matmul_nbits_zero_points():
    return build_matmul_nbits(SEED + 21, symmetric=False)


def build_matmul_nbits_shape(seed, rows, k, n, block, symmetric):
    # MatMulNBits at a given shape for the vector 4-bit kernel: M = 1 (decode)
    # or a few rows, block sizes other than 32, N not a multiple of the
    # kernel's 16-column tile and K not a multiple of the block (ONNX
    # Runtime's layout pads the last block; its codes multiply nothing).
    w = Weights(seed)
    blocks = -(-k // block)
    weight = (w.rng.standard_normal([k, n]) * 0.1).astype(np.float32)
    padded = np.zeros([blocks * block, n], dtype=np.float32)
    padded[:k] = weight
    packed, scales, zero_bytes, dequantized = quantize_4bit_blocks(padded, block, symmetric)
    dequantized = dequantized[:k]
    w.add("B", packed)
    w.add("scales", scales)
    inputs = ["x", "B", "scales"]
    if not symmetric:
        w.add("zero_points", zero_bytes)
        inputs.append("zero_points")
    node = helper.make_node("MatMulNBits", inputs, ["y"], name="fc_q4", domain="com.microsoft",
                            K=k, N=n, bits=4, block_size=block)
    graph = helper.make_graph([node], "matmul_nbits", [f32("x", [rows, k])], [f32("y", [rows, n])],
                              initializer=w.initializers)
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET),
                                                helper.make_opsetid("com.microsoft", 1)],
                          producer_name="edgecc-gen-models")
    x = w.rng.standard_normal([rows, k]).astype(np.float32)

    def reference(inputs):
        return {"y": inputs["x"].astype(np.float64) @ dequantized}

    return Case(m, {"x": x}, reference)


@model("matmul_nbits_q4_gemv")
def build_matmul_nbits_gemv():
    # Decode: one row, block 32, default zero point, whole tiles.
    return build_matmul_nbits_shape(SEED + 40, rows=1, k=256, n=64, block=32, symmetric=True)


@model("matmul_nbits_q4_gemv_b16_zp")
def build_matmul_nbits_gemv_b16_zp():
    # One row, block 16 with zero points, K = 72 (4.5 blocks), N = 40 (a partial tile).
    return build_matmul_nbits_shape(SEED + 41, rows=1, k=72, n=40, block=16, symmetric=False)


@model("matmul_nbits_q4_m5_b128")
def build_matmul_nbits_m5_b128():
    # Five rows (two 2-row tiles and one row), block 128, K = 200 (the second block cut), N = 48.
    return build_matmul_nbits_shape(SEED + 42, rows=5, k=200, n=48, block=128, symmetric=True)


@model("matmul_nbits_q4_m3_zp")
def build_matmul_nbits_m3_zp():
    # Three rows with zero points, block 32, N = 56 (three tiles, the last partial).
    return build_matmul_nbits_shape(SEED + 43, rows=3, k=128, n=56, block=32, symmetric=False)


def np_quantize(x, scale, zero, lo, hi):
    return np.clip(np.round(x / scale) + zero, lo, hi)  # numpy rounds half to even, as ONNX


@model("qdq_mlp")
def build_qdq_mlp():
    # A statically quantized two-layer MLP in ONNX Runtime's QDQ format:
    # activations uint8 per tensor, weights int8 symmetric (per tensor, then
    # per output channel), each
    # MatMul between two DequantizeLinear results, float bias and Relu.
    w = Weights(SEED + 22)
    sizes = [(64, 48), (48, 16)]
    nodes = []
    weights_q, weight_scales = [], []
    for i, (k, n) in enumerate(sizes, 1):
        weight = (w.rng.standard_normal([k, n]) * 0.1).astype(np.float32)
        # Layer 1 per tensor, layer 2 per output channel (axis 1).
        if i == 1:
            scale = np.float32(np.abs(weight).max() / 127.0)
        else:
            scale = (np.abs(weight).max(axis=0) / 127.0).astype(np.float32)
        q = np_quantize(weight, scale, 0, -127, 127).astype(np.int8)
        weights_q.append(q)
        weight_scales.append(scale)
        w.add(f"W{i}_q", q)
        w.add(f"W{i}_scale", np.array(scale, dtype=np.float32))
        w.add(f"W{i}_zero", np.zeros(np.shape(scale), dtype=np.int8))
        w.normal(f"b{i}", [n])
    act_scales = [np.float32(0.03), np.float32(0.02)]
    for i, scale in enumerate(act_scales, 1):
        w.add(f"a{i}_scale", np.array(scale, dtype=np.float32))
        w.add(f"a{i}_zero", np.array(128, dtype=np.uint8))
    x_in = "x"
    for i in (1, 2):
        nodes += [
            helper.make_node("QuantizeLinear", [x_in, f"a{i}_scale", f"a{i}_zero"], [f"q{i}"], name=f"quant{i}"),
            helper.make_node("DequantizeLinear", [f"q{i}", f"a{i}_scale", f"a{i}_zero"], [f"dq{i}"], name=f"dequant{i}"),
            helper.make_node("DequantizeLinear", [f"W{i}_q", f"W{i}_scale", f"W{i}_zero"], [f"W{i}"],
                             name=f"dequant_w{i}", axis=1),
            helper.make_node("MatMul", [f"dq{i}", f"W{i}"], [f"mm{i}"], name=f"fc{i}"),
            helper.make_node("Add", [f"mm{i}", f"b{i}"], [f"h{i}" if i == 1 else "y"], name=f"bias{i}"),
        ]
        if i == 1:
            nodes.append(helper.make_node("Relu", ["h1"], ["r1"], name="relu1"))
            x_in = "r1"
    m = make_model("qdq_mlp", nodes, [f32("x", [4, 64])], [f32("y", [4, 16])], w)
    x = (w.rng.standard_normal([4, 64]) * 1.0).astype(np.float32)

    def reference(inputs):
        h = inputs["x"].astype(np.float64)
        for i in (0, 1):
            s = float(act_scales[i])
            dq = (np_quantize(h.astype(np.float32), np.float32(s), 128, 0, 255) - 128) * s
            h = dq @ (weights_q[i].astype(np.float64) * weight_scales[i].astype(np.float64)) + w.values[f"b{i + 1}"]
            if i == 0:
                h = np.maximum(h, 0.0)
        return {"y": h}

    return Case(m, {"x": x}, reference)


@model("qdq_conv_gemm")
def build_qdq_conv_gemm():
    # QDQ Conv and QDQ Gemm as ONNX Runtime's static quantization writes them:
    # uint8 activations per tensor, int8 symmetric weights per output channel
    # (Conv: axis 0 of [M, C, kh, kw]; Gemm with transB: axis 0 of [N, K]),
    # the Conv bias int32 with scale x_scale * w_scale, the Gemm bias float.
    w = Weights(SEED + 23)
    conv_w = (w.rng.standard_normal([8, 3, 3, 3]) * 0.2).astype(np.float32)
    conv_scale = (np.abs(conv_w).reshape(8, -1).max(axis=1) / 127.0).astype(np.float32)
    conv_q = np_quantize(conv_w, conv_scale[:, None, None, None], 0, -127, 127).astype(np.int8)
    x_scale, h_scale = np.float32(0.03), np.float32(0.02)
    bias_scale = (x_scale * conv_scale).astype(np.float32)
    bias_q = np.round(w.rng.standard_normal([8]) * 0.1 / bias_scale).astype(np.int32)
    gemm_w = (w.rng.standard_normal([10, 512]) * 0.05).astype(np.float32)
    gemm_scale = (np.abs(gemm_w).max(axis=1) / 127.0).astype(np.float32)
    gemm_q = np_quantize(gemm_w, gemm_scale[:, None], 0, -127, 127).astype(np.int8)
    w.add("conv_q", conv_q)
    w.add("conv_scale", conv_scale)
    w.add("conv_zero", np.zeros([8], dtype=np.int8))
    w.add("bias_q", bias_q)
    w.add("bias_scale", bias_scale)
    w.add("bias_zero", np.zeros([8], dtype=np.int32))
    w.add("gemm_q", gemm_q)
    w.add("gemm_scale", gemm_scale)
    w.add("gemm_zero", np.zeros([10], dtype=np.int8))
    w.normal("gemm_bias", [10])
    w.add("x_scale", np.array(x_scale))
    w.add("x_zero", np.array(128, dtype=np.uint8))
    w.add("h_scale", np.array(h_scale))
    w.add("h_zero", np.array(0, dtype=np.uint8))
    nodes = [
        helper.make_node("QuantizeLinear", ["x", "x_scale", "x_zero"], ["xq"], name="quant_x"),
        helper.make_node("DequantizeLinear", ["xq", "x_scale", "x_zero"], ["xdq"], name="dequant_x"),
        helper.make_node("DequantizeLinear", ["conv_q", "conv_scale", "conv_zero"], ["conv_w"],
                         name="dequant_conv_w", axis=0),
        helper.make_node("DequantizeLinear", ["bias_q", "bias_scale", "bias_zero"], ["conv_b"],
                         name="dequant_conv_b", axis=0),
        helper.make_node("Conv", ["xdq", "conv_w", "conv_b"], ["c"], name="conv", pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["c"], ["r"], name="relu"),
        helper.make_node("Flatten", ["r"], ["f"], name="flatten"),
        helper.make_node("QuantizeLinear", ["f", "h_scale", "h_zero"], ["fq"], name="quant_h"),
        helper.make_node("DequantizeLinear", ["fq", "h_scale", "h_zero"], ["fdq"], name="dequant_h"),
        helper.make_node("DequantizeLinear", ["gemm_q", "gemm_scale", "gemm_zero"], ["gemm_w"],
                         name="dequant_gemm_w", axis=0),
        helper.make_node("Gemm", ["fdq", "gemm_w", "gemm_bias"], ["y"], name="fc", transB=1),
    ]
    m = make_model("qdq_conv_gemm", nodes, [f32("x", [1, 3, 8, 8])], [f32("y", [1, 10])], w)
    x = w.rng.standard_normal([1, 3, 8, 8]).astype(np.float32)

    def reference(inputs):
        xdq = (np_quantize(inputs["x"], x_scale, 128, 0, 255) - 128).astype(np.float64) * float(x_scale)
        wdq = conv_q.astype(np.float64) * conv_scale.astype(np.float64)[:, None, None, None]
        padded = np.pad(xdq, ((0, 0), (0, 0), (1, 1), (1, 1)))
        c = np.zeros([1, 8, 8, 8])
        for i in range(8):
            for j in range(8):
                c[0, :, i, j] = np.tensordot(wdq, padded[0, :, i:i + 3, j:j + 3], axes=3)
        c += (bias_q.astype(np.float64) * bias_scale.astype(np.float64))[None, :, None, None]
        f = np.maximum(c, 0).reshape(1, 512)
        fdq = np_quantize(f.astype(np.float32), h_scale, 0, 0, 255).astype(np.float64) * float(h_scale)
        gw = gemm_q.astype(np.float64) * gemm_scale.astype(np.float64)[:, None]
        return {"y": fdq @ gw.T + w.values["gemm_bias"]}

    return Case(m, {"x": x}, reference)


@model("dynamic_quant_mlp")
def build_dynamic_quant_mlp():
    # A two-layer MLP as ONNX Runtime's dynamic quantization writes it: each activation goes
    # through DynamicQuantizeLinear (uint8, range at run time), MatMulInteger against int8
    # weights (layer 1 per tensor, layer 2 per output column through b_zero_point [N]), Cast to
    # float and a Mul by x_scale * w_scale, then the float bias.
    w = Weights(SEED + 24)
    sizes = [(64, 48), (48, 16)]
    weights_q, weight_scales = [], []
    nodes = []
    x_in = "x"
    for i, (k, n) in enumerate(sizes, 1):
        weight = (w.rng.standard_normal([k, n]) * 0.1).astype(np.float32)
        if i == 1:
            scale = np.float32(np.abs(weight).max() / 127.0)
            zero = np.array(0, dtype=np.int8)
        else:
            scale = (np.abs(weight).max(axis=0) / 127.0).astype(np.float32)
            zero = np.zeros([n], dtype=np.int8)
        q = np_quantize(weight, scale, 0, -127, 127).astype(np.int8)
        weights_q.append(q)
        weight_scales.append(scale)
        w.add(f"W{i}_q", q)
        w.add(f"W{i}_scale", np.array(scale, dtype=np.float32))
        w.add(f"W{i}_zero", zero)
        w.normal(f"b{i}", [n])
        nodes += [
            helper.make_node("DynamicQuantizeLinear", [x_in], [f"x{i}_q", f"x{i}_scale", f"x{i}_zero"],
                             name=f"dynamic_quant{i}"),
            helper.make_node("MatMulInteger", [f"x{i}_q", f"W{i}_q", f"x{i}_zero", f"W{i}_zero"], [f"acc{i}"],
                             name=f"fc{i}"),
            helper.make_node("Cast", [f"acc{i}"], [f"acc{i}_f"], name=f"cast{i}", to=TensorProto.FLOAT),
            helper.make_node("Mul", [f"x{i}_scale", f"W{i}_scale"], [f"scale{i}"], name=f"scale{i}"),
            helper.make_node("Mul", [f"acc{i}_f", f"scale{i}"], [f"mm{i}"], name=f"rescale{i}"),
            helper.make_node("Add", [f"mm{i}", f"b{i}"], [f"h{i}" if i == 1 else "y"], name=f"bias{i}"),
        ]
        if i == 1:
            nodes.append(helper.make_node("Relu", ["h1"], ["r1"], name="relu1"))
            x_in = "r1"
    m = make_model("dynamic_quant_mlp", nodes, [f32("x", [4, 64])], [f32("y", [4, 16])], w)
    x = w.rng.standard_normal([4, 64]).astype(np.float32)

    def reference(inputs):
        h = inputs["x"].astype(np.float32)
        for i in (0, 1):
            lo, hi = min(float(h.min()), 0.0), max(float(h.max()), 0.0)
            scale = np.float32((hi - lo) / 255.0)
            zero = np.clip(np.round(-lo / scale), 0, 255)
            codes = np_quantize(h, scale, zero, 0, 255) - zero
            h = (codes @ weights_q[i].astype(np.float64)) * float(scale) * weight_scales[i].astype(np.float64) \
                + w.values[f"b{i + 1}"]
            if i == 0:
                h = np.maximum(h, 0.0).astype(np.float32)
        return {"y": h}

    return Case(m, {"x": x}, reference)


@model("matmul_integer_tails")
def build_matmul_integer_tails():
    # MatMulInteger at shapes that leave remainders in every dimension of the int8 microkernel
    # (tiles of 8 rows x 8 columns, k by 16): K = 37, N = 50. y1: int8 A [7, 37] (one partial
    # row tile) with zero point 3 against int8 weights with a zero point per column; y2: uint8 A
    # [2, 9, 37] (18 rows: whole tiles and a tail) with zero point 131 against int8 weights with
    # zero point -2; y3: uint8 A against uint8 weights, both with zero points. Integer outputs
    # must match ONNX Runtime exactly.
    w = Weights(SEED + 40)
    k, n = 37, 50
    w.add("W1", w.rng.integers(-128, 128, size=[k, n], dtype=np.int8))
    w.add("W1_zero", w.rng.integers(-5, 6, size=[n], dtype=np.int8))
    w.add("W2", w.rng.integers(-128, 128, size=[k, n], dtype=np.int8))
    w.add("W3", w.rng.integers(0, 256, size=[k, n], dtype=np.uint8))
    w.add("a1_zero", np.array(3, dtype=np.int8))
    w.add("a2_zero", np.array(131, dtype=np.uint8))
    w.add("W2_zero", np.array(-2, dtype=np.int8))
    w.add("W3_zero", np.array(120, dtype=np.uint8))
    nodes = [
        helper.make_node("MatMulInteger", ["a1", "W1", "a1_zero", "W1_zero"], ["y1"], name="mmi_s8"),
        helper.make_node("MatMulInteger", ["a2", "W2", "a2_zero", "W2_zero"], ["y2"], name="mmi_u8"),
        helper.make_node("MatMulInteger", ["a2", "W3", "a2_zero", "W3_zero"], ["y3"], name="mmi_u8u8"),
    ]
    inputs = [helper.make_tensor_value_info("a1", TensorProto.INT8, [7, k]),
              helper.make_tensor_value_info("a2", TensorProto.UINT8, [2, 9, k])]
    outputs = [helper.make_tensor_value_info("y1", TensorProto.INT32, [7, n]),
               helper.make_tensor_value_info("y2", TensorProto.INT32, [2, 9, n]),
               helper.make_tensor_value_info("y3", TensorProto.INT32, [2, 9, n])]
    m = make_model("matmul_integer_tails", nodes, inputs, outputs, w)
    a1 = w.rng.integers(-128, 128, size=[7, k], dtype=np.int8)
    a2 = w.rng.integers(0, 256, size=[2, 9, k], dtype=np.uint8)

    def reference(inputs):
        v = {name: a.astype(np.int64) for name, a in w.values.items()}
        x1 = inputs["a1"].astype(np.int64) - v["a1_zero"]
        x2 = inputs["a2"].astype(np.int64) - v["a2_zero"]
        return {"y1": x1 @ (v["W1"] - v["W1_zero"]),
                "y2": x2 @ (v["W2"] - v["W2_zero"]),
                "y3": x2 @ (v["W3"] - v["W3_zero"])}

    return Case(m, {"a1": a1, "a2": a2}, reference)


def qdq_quantized(case, name):
    """The float model of `case` as ONNX Runtime's static QDQ quantization writes it: every MatMul
    with a constant [K, N] weight gets int8 weights symmetric per output column (DequantizeLinear
    axis 1) and a QuantizeLinear/DequantizeLinear pair on its activation, uint8 per tensor with
    the range ORT measures on the case's own input (min/max widened to include 0)."""
    model = onnx.ModelProto()
    model.CopyFrom(case.model)
    graph = model.graph
    initializers = {t.name: t for t in graph.initializer}
    matmuls = [n for n in graph.node if n.op_type == "MatMul" and n.input[1] in initializers
               and len(initializers[n.input[1]].dims) == 2]
    # Measure each activation: the same graph with the MatMul inputs as extra outputs.
    probe = onnx.ModelProto()
    probe.CopyFrom(model)
    for node in matmuls:
        probe.graph.output.append(helper.make_tensor_value_info(node.input[0], TensorProto.FLOAT, None))
    with tempfile.TemporaryDirectory(prefix="qdq-") as tmp:
        path = os.path.join(tmp, "probe.onnx")
        onnx.save(probe, path)
        measured = ortref.run_ort(path, case.inputs)
    nodes = []
    for node in graph.node:
        if node in matmuls:
            x, weight_name = node.input[0], node.input[1]
            tag = node.name.replace("/", "_").strip("_")
            lo = min(float(measured[x].min()), 0.0)
            hi = max(float(measured[x].max()), 0.0)
            scale = np.float32((hi - lo) / 255.0)
            zero = np.uint8(np.clip(np.round(-lo / scale), 0, 255))
            weight = numpy_helper.to_array(initializers[weight_name])
            w_scale = (np.abs(weight).max(axis=0) / 127.0).astype(np.float32)
            w_q = np_quantize(weight, w_scale, 0, -127, 127).astype(np.int8)
            graph.initializer.remove(initializers[weight_name])
            graph.initializer.extend([
                numpy_helper.from_array(w_q, f"{tag}/w_q"),
                numpy_helper.from_array(w_scale, f"{tag}/w_scale"),
                numpy_helper.from_array(np.zeros([w_q.shape[1]], np.int8), f"{tag}/w_zero"),
                numpy_helper.from_array(np.array(scale, np.float32), f"{tag}/x_scale"),
                numpy_helper.from_array(np.array(zero, np.uint8), f"{tag}/x_zero")])
            nodes += [
                helper.make_node("QuantizeLinear", [x, f"{tag}/x_scale", f"{tag}/x_zero"], [f"{tag}/x_q"],
                                 name=f"{tag}/QuantizeLinear"),
                helper.make_node("DequantizeLinear", [f"{tag}/x_q", f"{tag}/x_scale", f"{tag}/x_zero"],
                                 [f"{tag}/x_dq"], name=f"{tag}/DequantizeLinear"),
                helper.make_node("DequantizeLinear", [f"{tag}/w_q", f"{tag}/w_scale", f"{tag}/w_zero"],
                                 [f"{tag}/w_dq"], name=f"{tag}/DequantizeLinear_w", axis=1)]
            node.input[0], node.input[1] = f"{tag}/x_dq", f"{tag}/w_dq"
        nodes.append(node)
    del graph.node[:]
    graph.node.extend(nodes)
    graph.name = name
    return Case(model, case.inputs)


@model("qdq_bert_encoder")
def build_qdq_bert_encoder():
    return qdq_quantized(build_bert_encoder(), "qdq_bert_encoder")


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


# ---------------------------------------------------------------------------------------------
# Building blocks of exported transformer graphs
# ---------------------------------------------------------------------------------------------

class Graph:
    """Collects the nodes of one model, named as torch.onnx names them: a node gets a module path
    (/attn/q_proj/MatMul) and its output is <path>_output_0, so error messages read like the ones
    users see on real exports."""

    def __init__(self, weights):
        self.weights = weights
        self.nodes = []

    def op(self, op_type, inputs, name, out=None, num_outputs=1, **attrs):
        outs = [out] if out else [f"{name}_output_{i}" for i in range(num_outputs)]
        self.nodes.append(helper.make_node(op_type, inputs, outs, name=name, **attrs))
        return outs[0] if num_outputs == 1 else outs

    def constant(self, name, value, dtype=np.float32):
        """A Constant node: torch.onnx emits scalars and small index lists this way, not as initializers."""
        out = f"{name}_output_0"
        tensor = numpy_helper.from_array(np.array(value, dtype=dtype), out)
        self.nodes.append(helper.make_node("Constant", [], [out], name=name, value=tensor))
        return out

    def int64s(self, name, values):
        """A 1-D int64 initializer (shapes, axes, slice bounds), as exporters store folded shapes."""
        return self.weights.add(name, np.array(values, dtype=np.int64))


def fixed_shape(dims):
    """Reshape target known at export time, stored as an initializer (0 copies, -1 infers)."""
    def build(g, src, name):
        return g.int64s(f"{name}/shape", dims)
    return build


def traced_shape(keep, tail):
    """Reshape target `src.size()[:keep] + tail` as torch.onnx traces it: Shape, then per kept dim
    Gather(scalar index) and Unsqueeze to 1-D, then Concat with the constant tail. Every value in
    the chain is static, so a compiler has to fold it to get static shapes."""
    def build(g, src, name):
        shape = g.op("Shape", [src], f"{name}/Shape")
        axes0 = g.constant(f"{name}/axes0", [0], np.int64)
        parts = []
        for i in range(keep):
            index = g.constant(f"{name}/index{i}", i, np.int64)
            dim = g.op("Gather", [shape, index], f"{name}/Gather_{i}", axis=0)
            parts.append(g.op("Unsqueeze", [dim, axes0], f"{name}/Unsqueeze_{i}"))
        parts += [g.constant(f"{name}/tail{i}", [d], np.int64) for i, d in enumerate(tail)]
        return g.op("Concat", parts, f"{name}/Concat", axis=0)
    return build


def linear(g, x, weight, bias, name):
    """nn.Linear on a 3-D input: MatMul by the stored (already transposed) weight, then Add(bias, y)
    with the bias first, which is the operand order torch.onnx emits."""
    y = g.op("MatMul", [x, weight], f"{name}/MatMul")
    return g.op("Add", [bias, y], f"{name}/Add") if bias else y


def conv1d(g, x, weight, bias, in_features, out_shape, name):
    """GPT-2's Conv1D computes addmm(b, x.view(-1, nx), W) and views back: Reshape, Gemm, Reshape."""
    flat = g.op("Reshape", [x, g.int64s(f"{name}/flat_shape", [-1, in_features])], f"{name}/Reshape")
    y = g.op("Gemm", [flat, weight, bias], f"{name}/Gemm")
    return g.op("Reshape", [y, g.int64s(f"{name}/out_shape", out_shape)], f"{name}/Reshape_1")


def split_heads(g, x, target_shape, name, perm=(0, 2, 1, 3)):
    """[1,S,heads*d] -> [1,heads,S,d] (or [1,heads,d,S] with perm (0,2,3,1), GPT-2's key layout)."""
    split = g.op("Reshape", [x, target_shape(g, x, name)], f"{name}/Reshape")
    return g.op("Transpose", [split], f"{name}/Transpose", perm=list(perm))


def merge_heads(g, ctx, target_shape, name):
    """[1,heads,S,d] -> [1,S,heads*d]; the target shape is taken from the transposed tensor."""
    t = g.op("Transpose", [ctx], f"{name}/Transpose", perm=[0, 2, 1, 3])
    return g.op("Reshape", [t, target_shape(g, t, name)], f"{name}/Reshape")


def attention(g, q, k_t, v, name, scale_op, scale, mask=None):
    """softmax(mask(scale_op(q @ k_t, scale))) @ v. `mask` maps scores to masked scores so each
    model builds its mask the way its exporter does (additive padding, Where, additive causal)."""
    scores = g.op("MatMul", [q, k_t], f"{name}/MatMul")
    scores = g.op(scale_op, [scores, g.constant(f"{name}/scale", scale)], f"{name}/{scale_op}")
    if mask:
        scores = mask(scores)
    probs = g.op("Softmax", [scores], f"{name}/Softmax", axis=-1)
    return g.op("MatMul", [probs, v], f"{name}/MatMul_1")


def decomposed_layer_norm(g, x, gamma, beta, eps, name, out=None):
    """LayerNorm as exported below opset 17 (and by HF's TF-style BERT LayerNorm): the mean and
    biased variance over the last axis, spelled out op by op."""
    mean = g.op("ReduceMean", [x], f"{name}/ReduceMean", axes=[-1], keepdims=1)
    centred = g.op("Sub", [x, mean], f"{name}/Sub")
    square = g.op("Pow", [centred, g.constant(f"{name}/two", 2.0)], f"{name}/Pow")
    var = g.op("ReduceMean", [square], f"{name}/ReduceMean_1", axes=[-1], keepdims=1)
    var_eps = g.op("Add", [var, g.constant(f"{name}/eps", eps)], f"{name}/Add")
    std = g.op("Sqrt", [var_eps], f"{name}/Sqrt")
    normed = g.op("Div", [centred, std], f"{name}/Div")
    scaled = g.op("Mul", [normed, gamma], f"{name}/Mul")
    return g.op("Add", [scaled, beta], f"{name}/Add_1", out=out)


def layer_norm(g, x, gamma, beta, eps, name, out=None):
    """The fused LayerNormalization op that opset 17 exports produce; only Y is used."""
    return g.op("LayerNormalization", [x, gamma, beta], f"{name}/LayerNormalization", out=out,
                axis=-1, epsilon=eps)


def rms_norm(g, x, weight, eps, name, rsqrt="Reciprocal"):
    """LLaMA's RMSNorm: x * rsqrt(mean(x^2) + eps) * weight. torch.onnx versions spell rsqrt as
    Sqrt + Reciprocal or as Div(1, Sqrt); `rsqrt` picks which, so both reach the compiler."""
    square = g.op("Pow", [x, g.constant(f"{name}/two", 2.0)], f"{name}/Pow")
    var = g.op("ReduceMean", [square], f"{name}/ReduceMean", axes=[-1], keepdims=1)
    var_eps = g.op("Add", [var, g.constant(f"{name}/eps", eps)], f"{name}/Add")
    std = g.op("Sqrt", [var_eps], f"{name}/Sqrt")
    if rsqrt == "Reciprocal":
        inv = g.op("Reciprocal", [std], f"{name}/Reciprocal")
    else:
        inv = g.op("Div", [g.constant(f"{name}/one", 1.0), std], f"{name}/Div")
    normed = g.op("Mul", [x, inv], f"{name}/Mul")
    return g.op("Mul", [weight, normed], f"{name}/Mul_1")


def gelu_erf(g, x, name):
    """HF's exact gelu, x * 0.5 * (1 + erf(x / sqrt(2))), in the order it is written in Python."""
    half_x = g.op("Mul", [x, g.constant(f"{name}/half", 0.5)], f"{name}/Mul")
    scaled = g.op("Div", [x, g.constant(f"{name}/sqrt2", math.sqrt(2.0))], f"{name}/Div")
    erf = g.op("Erf", [scaled], f"{name}/Erf")
    one_plus = g.op("Add", [g.constant(f"{name}/one", 1.0), erf], f"{name}/Add")
    return g.op("Mul", [half_x, one_plus], f"{name}/Mul_1")


def gelu_tanh(g, x, name):
    """GPT-2's gelu_new: 0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * x^3)))."""
    half_x = g.op("Mul", [g.constant(f"{name}/half", 0.5), x], f"{name}/Mul")
    cube = g.op("Pow", [x, g.constant(f"{name}/three", 3.0)], f"{name}/Pow")
    cube_scaled = g.op("Mul", [g.constant(f"{name}/c", 0.044715), cube], f"{name}/Mul_1")
    inner = g.op("Add", [x, cube_scaled], f"{name}/Add")
    inner_scaled = g.op("Mul", [g.constant(f"{name}/sqrt_2_over_pi", math.sqrt(2.0 / math.pi)), inner],
                        f"{name}/Mul_2")
    tanh = g.op("Tanh", [inner_scaled], f"{name}/Tanh")
    one_plus = g.op("Add", [g.constant(f"{name}/one", 1.0), tanh], f"{name}/Add_1")
    return g.op("Mul", [half_x, one_plus], f"{name}/Mul_3")


def silu(g, x, name):
    """SiLU as exported: x * Sigmoid(x)."""
    return g.op("Mul", [x, g.op("Sigmoid", [x], f"{name}/Sigmoid")], f"{name}/Mul")


# float64 numpy counterparts, written from the definitions rather than from the graphs above.

def np_softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def np_layer_norm(x, gamma, beta, eps):
    return (x - x.mean(axis=-1, keepdims=True)) / np.sqrt(x.var(axis=-1, keepdims=True) + eps) * gamma + beta


def np_rms_norm(x, weight, eps):
    return x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps) * weight


_np_erf = np.vectorize(math.erf, otypes=[np.float64])


def np_gelu_erf(x):
    return 0.5 * x * (1.0 + _np_erf(x / math.sqrt(2.0)))


def np_gelu_tanh(x):
    return 0.5 * x * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))


def np_heads(x, heads):
    """[1,S,heads*d] -> [1,heads,S,d]."""
    b, s, hidden = x.shape
    return x.reshape(b, s, heads, hidden // heads).transpose(0, 2, 1, 3)


def np_merge_heads(x):
    b, heads, s, d = x.shape
    return x.transpose(0, 2, 1, 3).reshape(b, s, heads * d)


def np_attention(q, k, v, bias=None, keep=None):
    """softmax(q k^T / sqrt(d) + bias) v over [1,heads,S,d]; `keep` (bool [S,S]) masks to -inf."""
    scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(q.shape[-1])
    if bias is not None:
        scores = scores + bias
    if keep is not None:
        scores = np.where(keep, scores, -np.inf)
    return np_softmax(scores) @ v


# ---------------------------------------------------------------------------------------------
# Transformer families
# ---------------------------------------------------------------------------------------------

@model("bert_encoder")
def build_bert_encoder():
    # One HF BertLayer on hidden states (embeddings excluded), with the padding mask HF builds in
    # get_extended_attention_mask. Head split and merge take their Reshape targets from traced
    # Shape chains, as torch.onnx emits for x.size()[:-1] + (heads, d).
    seq, hidden, heads, ffn, eps = 16, 64, 4, 256, 1e-12
    d = hidden // heads
    w = Weights(SEED + 3)
    for p in ("query", "key", "value"):
        w.normal(f"attention.self.{p}.weight", [hidden, hidden])
        w.normal(f"attention.self.{p}.bias", [hidden])
    w.normal("attention.output.dense.weight", [hidden, hidden])
    w.normal("attention.output.dense.bias", [hidden])
    w.norm_scale("attention.output.LayerNorm.weight", [hidden])
    w.normal("attention.output.LayerNorm.bias", [hidden])
    w.normal("intermediate.dense.weight", [hidden, ffn])
    w.normal("intermediate.dense.bias", [ffn])
    w.normal("output.dense.weight", [ffn, hidden])
    w.normal("output.dense.bias", [hidden])
    w.norm_scale("output.LayerNorm.weight", [hidden])
    w.normal("output.LayerNorm.bias", [hidden])
    # mask[:, None, None, :]: two Unsqueeze nodes whose axes come from an initializer here and
    # from Constant nodes in the shape chains, so both opset-13 sources of axes are covered.
    w.add("mask_axes_1", np.array([1], dtype=np.int64))
    w.add("mask_axes_2", np.array([2], dtype=np.int64))

    g = Graph(w)
    mask4 = g.op("Unsqueeze", [g.op("Unsqueeze", ["mask", "mask_axes_1"], "/mask/Unsqueeze"),
                               "mask_axes_2"], "/mask/Unsqueeze_1")
    inverted = g.op("Sub", [g.constant("/mask/one", 1.0), mask4], "/mask/Sub")
    additive = g.op("Mul", [inverted, g.constant("/mask/neg", -10000.0)], "/mask/Mul")

    split_shape = traced_shape(keep=2, tail=(heads, d))
    qkv = {}
    for p in ("query", "key", "value"):
        proj = linear(g, "x", f"attention.self.{p}.weight", f"attention.self.{p}.bias",
                      f"/attention/self/{p}")
        qkv[p] = split_heads(g, proj, split_shape, f"/attention/self/{p}_heads")
    k_t = g.op("Transpose", [qkv["key"]], "/attention/self/Transpose_k", perm=[0, 1, 3, 2])
    ctx = attention(g, qkv["query"], k_t, qkv["value"], "/attention/self", "Div", math.sqrt(d),
                    mask=lambda s: g.op("Add", [s, additive], "/attention/self/Add_mask"))
    ctx = merge_heads(g, ctx, traced_shape(keep=2, tail=(hidden,)), "/attention/self/context")
    attn_out = linear(g, ctx, "attention.output.dense.weight", "attention.output.dense.bias",
                      "/attention/output/dense")
    h = g.op("Add", [attn_out, "x"], "/attention/output/Add")
    h = decomposed_layer_norm(g, h, "attention.output.LayerNorm.weight",
                              "attention.output.LayerNorm.bias", eps, "/attention/output/LayerNorm")
    inter = linear(g, h, "intermediate.dense.weight", "intermediate.dense.bias", "/intermediate/dense")
    inter = gelu_erf(g, inter, "/intermediate/gelu")
    out = linear(g, inter, "output.dense.weight", "output.dense.bias", "/output/dense")
    out = g.op("Add", [out, h], "/output/Add")
    decomposed_layer_norm(g, out, "output.LayerNorm.weight", "output.LayerNorm.bias", eps,
                          "/output/LayerNorm", out="y")

    m = make_model("bert_encoder", g.nodes, [f32("x", [1, seq, hidden]), f32("mask", [1, seq])],
                   [f32("y", [1, seq, hidden])], w)
    x = w.rng.standard_normal([1, seq, hidden]).astype(np.float32)
    # The last four positions are padding, so masked keys must get (almost) no weight.
    mask = np.array([[1.0] * (seq - 4) + [0.0] * 4], dtype=np.float32)

    def reference(inputs):
        v = w.float64()
        x = inputs["x"].astype(np.float64)
        bias = (1.0 - inputs["mask"].astype(np.float64))[:, None, None, :] * -10000.0
        q, k, val = (np_heads(x @ v[f"attention.self.{p}.weight"] + v[f"attention.self.{p}.bias"], heads)
                     for p in ("query", "key", "value"))
        ctx = np_merge_heads(np_attention(q, k, val, bias=bias))
        h = np_layer_norm(ctx @ v["attention.output.dense.weight"] + v["attention.output.dense.bias"] + x,
                          v["attention.output.LayerNorm.weight"], v["attention.output.LayerNorm.bias"], eps)
        inter = np_gelu_erf(h @ v["intermediate.dense.weight"] + v["intermediate.dense.bias"])
        out = inter @ v["output.dense.weight"] + v["output.dense.bias"] + h
        return {"y": np_layer_norm(out, v["output.LayerNorm.weight"], v["output.LayerNorm.bias"], eps)}

    return Case(m, {"x": x, "mask": mask}, reference)


def gpt2_block_model(w, seq, hidden, heads, mlp, max_pos, eps):
    """One HF GPT2Block as torch.onnx exports it, on x [1, seq, hidden], with its weights drawn
    from `w`: shared by the gpt2_block test model and the benchmarks (bench/models.py)."""
    d = hidden // heads
    w.norm_scale("ln_1.weight", [hidden])
    w.normal("ln_1.bias", [hidden])
    w.normal("attn.c_attn.weight", [hidden, 3 * hidden])
    w.normal("attn.c_attn.bias", [3 * hidden])
    w.normal("attn.c_proj.weight", [hidden, hidden])
    w.normal("attn.c_proj.bias", [hidden])
    w.norm_scale("ln_2.weight", [hidden])
    w.normal("ln_2.bias", [hidden])
    w.normal("mlp.c_fc.weight", [hidden, mlp])
    w.normal("mlp.c_fc.bias", [mlp])
    w.normal("mlp.c_proj.weight", [mlp, hidden])
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
        # self.bias[:, :, k_len - q_len:k_len, :k_len]: one Slice per indexed axis.
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
    m2 = conv1d(g, m2, "mlp.c_fc.weight", "mlp.c_fc.bias", hidden, [1, seq, mlp], "/mlp/c_fc")
    m2 = gelu_tanh(g, m2, "/mlp/act")
    m2 = conv1d(g, m2, "mlp.c_proj.weight", "mlp.c_proj.bias", mlp, [1, seq, hidden], "/mlp/c_proj")
    g.op("Add", [h, m2], "/Add_1", out="y")

    return make_model("gpt2_block", g.nodes, [f32("x", [1, seq, hidden])], [f32("y", [1, seq, hidden])], w)


@model("gpt2_block")
def build_gpt2_block():
    # One HF GPT2Block. Sizes are deliberately not powers of two (48 = 4 heads of 12) so tiling
    # remainders are exercised. The causal mask is GPT-2's `bias` buffer (a lower-triangular bool
    # [1,1,P,P] over max positions P) sliced to the sequence and applied with Where against
    # finfo(float32).min, exactly as HF's eager attention does.
    seq, hidden, heads, max_pos, eps = 12, 48, 4, 32, 1e-5
    mlp = 4 * hidden
    w = Weights(SEED + 4)
    m = gpt2_block_model(w, seq, hidden, heads, mlp, max_pos, eps)
    x = w.rng.standard_normal([1, seq, hidden]).astype(np.float32)

    def reference(inputs):
        v = w.float64()
        x = inputs["x"].astype(np.float64)
        h = np_layer_norm(x, v["ln_1.weight"], v["ln_1.bias"], eps)
        q, k, val = np.split(h @ v["attn.c_attn.weight"] + v["attn.c_attn.bias"], 3, axis=-1)
        causal = np.tril(np.ones([seq, seq], dtype=bool))
        ctx = np_merge_heads(np_attention(np_heads(q, heads), np_heads(k, heads), np_heads(val, heads),
                                          keep=causal))
        h = x + ctx @ v["attn.c_proj.weight"] + v["attn.c_proj.bias"]
        m2 = np_layer_norm(h, v["ln_2.weight"], v["ln_2.bias"], eps)
        m2 = np_gelu_tanh(m2 @ v["mlp.c_fc.weight"] + v["mlp.c_fc.bias"])
        return {"y": h + m2 @ v["mlp.c_proj.weight"] + v["mlp.c_proj.bias"]}

    return Case(m, {"x": x}, reference)


def rope_tables(max_pos, d, base=10000.0):
    """HF's cos/sin caches: angle(p, i) = p / base^(2i/d), the d/2 frequencies repeated twice."""
    inv_freq = 1.0 / base ** (np.arange(0, d, 2, dtype=np.float64) / d)
    angles = np.outer(np.arange(max_pos, dtype=np.float64), inv_freq)
    emb = np.concatenate([angles, angles], axis=-1)
    return np.cos(emb).astype(np.float32), np.sin(emb).astype(np.float32)


def rotary_table_at(g, table, position_ids, name):
    """table[position_ids].unsqueeze(1): Gather rows of a [P,d] cache to [1,1,S,d] so it broadcasts
    over heads."""
    rows = g.op("Gather", [table, position_ids], f"{name}/Gather", axis=0)
    return g.op("Unsqueeze", [rows, g.constant(f"{name}/axes", [1], np.int64)], f"{name}/Unsqueeze")


def apply_rotary(g, x, cos, sin, d, name):
    """x * cos + rotate_half(x) * sin, with rotate_half = cat(-x[..., d/2:], x[..., :d/2]). The
    upper half is sliced to INT64_MAX, which is how torch.onnx spells an open-ended slice."""
    axes = g.int64s(f"{name}/axes", [3])
    lo = g.op("Slice", [x, g.int64s(f"{name}/lo_start", [0]), g.int64s(f"{name}/lo_end", [d // 2]), axes],
              f"{name}/Slice")
    hi = g.op("Slice", [x, g.int64s(f"{name}/hi_start", [d // 2]),
                        g.int64s(f"{name}/hi_end", [np.iinfo(np.int64).max]), axes], f"{name}/Slice_1")
    rotated = g.op("Concat", [g.op("Neg", [hi], f"{name}/Neg"), lo], f"{name}/Concat", axis=-1)
    return g.op("Add", [g.op("Mul", [x, cos], f"{name}/Mul"),
                        g.op("Mul", [rotated, sin], f"{name}/Mul_1")], f"{name}/Add")


def repeat_kv(g, x, kv_heads, n_rep, seq, d, name):
    """HF's repeat_kv: x[:, :, None].expand(1, kv, n_rep, S, d).reshape(1, kv * n_rep, S, d)."""
    x = g.op("Unsqueeze", [x, g.constant(f"{name}/axes", [2], np.int64)], f"{name}/Unsqueeze")
    x = g.op("Expand", [x, g.int64s(f"{name}/expand_shape", [1, kv_heads, n_rep, seq, d])], f"{name}/Expand")
    return g.op("Reshape", [x, g.int64s(f"{name}/shape", [1, kv_heads * n_rep, seq, d])], f"{name}/Reshape")


@model("llama_block")
def build_llama_block():
    # One HF LlamaDecoderLayer: RMSNorm, rotary q/k from cos/sin caches gathered at position_ids,
    # grouped-query attention (4 query heads share 2 kv heads), the additive causal mask HF builds
    # with full(finfo.min) + triu(diagonal=1), and a SwiGLU MLP. No biases, as in LLaMA.
    seq, hidden, heads, kv_heads, inter, max_pos, eps = 16, 64, 4, 2, 176, 32, 1e-6
    d = hidden // heads
    w = Weights(SEED + 5)
    w.norm_scale("input_layernorm.weight", [hidden])
    w.normal("self_attn.q_proj.weight", [hidden, heads * d])
    w.normal("self_attn.k_proj.weight", [hidden, kv_heads * d])
    w.normal("self_attn.v_proj.weight", [hidden, kv_heads * d])
    w.normal("self_attn.o_proj.weight", [heads * d, hidden])
    w.norm_scale("post_attention_layernorm.weight", [hidden])
    w.normal("mlp.gate_proj.weight", [hidden, inter])
    w.normal("mlp.up_proj.weight", [hidden, inter])
    w.normal("mlp.down_proj.weight", [inter, hidden])
    cos_cached, sin_cached = rope_tables(max_pos, d)
    w.add("rotary_emb.cos_cached", cos_cached)
    w.add("rotary_emb.sin_cached", sin_cached)
    w.add("position_ids", np.arange(seq, dtype=np.int64)[None])

    g = Graph(w)
    h = rms_norm(g, "x", "input_layernorm.weight", eps, "/input_layernorm", rsqrt="Reciprocal")
    cos = rotary_table_at(g, "rotary_emb.cos_cached", "position_ids", "/rotary_emb/cos")
    sin = rotary_table_at(g, "rotary_emb.sin_cached", "position_ids", "/rotary_emb/sin")
    q = split_heads(g, linear(g, h, "self_attn.q_proj.weight", None, "/self_attn/q_proj"),
                    fixed_shape([1, seq, heads, d]), "/self_attn/q_heads")
    k = split_heads(g, linear(g, h, "self_attn.k_proj.weight", None, "/self_attn/k_proj"),
                    fixed_shape([1, seq, kv_heads, d]), "/self_attn/k_heads")
    v = split_heads(g, linear(g, h, "self_attn.v_proj.weight", None, "/self_attn/v_proj"),
                    fixed_shape([1, seq, kv_heads, d]), "/self_attn/v_heads")
    q = apply_rotary(g, q, cos, sin, d, "/self_attn/rotary_q")
    k = apply_rotary(g, k, cos, sin, d, "/self_attn/rotary_k")
    k = repeat_kv(g, k, kv_heads, heads // kv_heads, seq, d, "/self_attn/repeat_k")
    v = repeat_kv(g, v, kv_heads, heads // kv_heads, seq, d, "/self_attn/repeat_v")
    k_t = g.op("Transpose", [k], "/self_attn/Transpose_k", perm=[0, 1, 3, 2])

    def causal_add(scores):
        full = g.op("ConstantOfShape", [g.constant("/causal/shape", [seq, seq], np.int64)],
                    "/causal/ConstantOfShape",
                    value=numpy_helper.from_array(np.array([np.finfo(np.float32).min], np.float32)))
        upper = g.op("Trilu", [full, g.constant("/causal/diagonal", 1, np.int64)], "/causal/Trilu", upper=1)
        mask = g.op("Unsqueeze", [upper, g.constant("/causal/axes", [0, 1], np.int64)], "/causal/Unsqueeze")
        return g.op("Add", [scores, mask], "/self_attn/Add_mask")

    # HF's eager attention multiplies by self.scaling = d^-0.5 rather than dividing.
    ctx = attention(g, q, k_t, v, "/self_attn", "Mul", 1.0 / math.sqrt(d), mask=causal_add)
    ctx = merge_heads(g, ctx, fixed_shape([1, seq, hidden]), "/self_attn/merge_heads")
    h = g.op("Add", ["x", linear(g, ctx, "self_attn.o_proj.weight", None, "/self_attn/o_proj")], "/Add")
    m2 = rms_norm(g, h, "post_attention_layernorm.weight", eps, "/post_attention_layernorm", rsqrt="Div")
    gate = silu(g, linear(g, m2, "mlp.gate_proj.weight", None, "/mlp/gate_proj"), "/mlp/act_fn")
    up = linear(g, m2, "mlp.up_proj.weight", None, "/mlp/up_proj")
    down = linear(g, g.op("Mul", [gate, up], "/mlp/Mul"), "mlp.down_proj.weight", None, "/mlp/down_proj")
    g.op("Add", [h, down], "/Add_1", out="y")

    m = make_model("llama_block", g.nodes, [f32("x", [1, seq, hidden])], [f32("y", [1, seq, hidden])], w)
    x = w.rng.standard_normal([1, seq, hidden]).astype(np.float32)

    def reference(inputs):
        v = w.float64()
        x = inputs["x"].astype(np.float64)
        h = np_rms_norm(x, v["input_layernorm.weight"], eps)
        q = np_heads(h @ v["self_attn.q_proj.weight"], heads)
        k = np_heads(h @ v["self_attn.k_proj.weight"], kv_heads)
        val = np_heads(h @ v["self_attn.v_proj.weight"], kv_heads)
        # Rotary embedding as a rotation of the pairs (i, i + d/2) by angle p / 10000^(2i/d).
        angle = np.outer(np.arange(seq), 10000.0 ** (-np.arange(0, d, 2) / d))
        c, s = np.cos(angle), np.sin(angle)

        def rotate(t):
            a, b = t[..., : d // 2], t[..., d // 2:]
            return np.concatenate([a * c - b * s, b * c + a * s], axis=-1)

        group = heads // kv_heads
        k, val = np.repeat(rotate(k), group, axis=1), np.repeat(val, group, axis=1)
        causal = np.tril(np.ones([seq, seq], dtype=bool))
        ctx = np_merge_heads(np_attention(rotate(q), k, val, keep=causal))
        h = x + ctx @ v["self_attn.o_proj.weight"]
        m2 = np_rms_norm(h, v["post_attention_layernorm.weight"], eps)
        gate = m2 @ v["mlp.gate_proj.weight"]
        up = m2 @ v["mlp.up_proj.weight"]
        return {"y": h + (gate / (1.0 + np.exp(-gate)) * up) @ v["mlp.down_proj.weight"]}

    return Case(m, {"x": x}, reference)


def gelu_erf_scaled_last(g, x, name):
    """Exact gelu with the argument as Mul by 1/sqrt(2) to four digits and the halving last:
    (x * (erf(x * 0.7071) + 1)) * 0.5, another order exporters emit."""
    scaled = g.op("Mul", [g.constant(f"{name}/rsqrt2", 0.7071), x], f"{name}/Mul")
    erf = g.op("Erf", [scaled], f"{name}/Erf")
    one_plus = g.op("Add", [erf, g.constant(f"{name}/one", 1.0)], f"{name}/Add")
    product = g.op("Mul", [x, one_plus], f"{name}/Mul_1")
    return g.op("Mul", [product, g.constant(f"{name}/half", 0.5)], f"{name}/Mul_2")


def gelu_tanh_products(g, x, name):
    """gelu_new with x^3 as x * x * x and the halving on (1 + tanh), as hand-written modules do."""
    cube = g.op("Mul", [g.op("Mul", [x, x], f"{name}/Mul"), x], f"{name}/Mul_1")
    inner = g.op("Add", [g.op("Mul", [cube, g.constant(f"{name}/c", 0.044715)], f"{name}/Mul_2"), x],
                 f"{name}/Add")
    tanh = g.op("Tanh", [g.op("Mul", [inner, g.constant(f"{name}/k", 0.7978845608)], f"{name}/Mul_3")],
                f"{name}/Tanh")
    one_plus = g.op("Add", [tanh, g.constant(f"{name}/one", 1.0)], f"{name}/Add_1")
    half = g.op("Div", [one_plus, g.constant(f"{name}/two", 2.0)], f"{name}/Div")
    return g.op("Mul", [half, x], f"{name}/Mul_4")


@model("activations")
def build_activations():
    # Each exported activation spelling edge-fuse-activations recognises, after a Linear so that
    # it is also a matmul epilogue: Gelu erf (Div by sqrt 2, and Mul by 0.7071 halved last), Gelu
    # tanh (Pow 3, and x * x * x), SiLU and LLaMA's SwiGLU. 10 rows and K = 24 leave remainders
    # in the microkernel's row and k loops; the inputs are scaled so that the activations see
    # values out to their tails.
    rows, k, n = 10, 24, 64
    w = Weights(SEED + 7)
    names = ["erf_div", "erf_mul", "tanh_pow", "tanh_mul", "silu", "gate", "up"]
    for name in names:
        w.normal(f"{name}.weight", [k, n], scale=0.5)
        w.normal(f"{name}.bias", [n])

    g = Graph(w)
    lin = {name: linear(g, "x", f"{name}.weight", f"{name}.bias", f"/{name}") for name in names}
    gelu_erf(g, lin["erf_div"], "/act_erf_div")
    g.nodes[-1].output[0] = "y_erf_div"
    gelu_erf_scaled_last(g, lin["erf_mul"], "/act_erf_mul")
    g.nodes[-1].output[0] = "y_erf_mul"
    gelu_tanh(g, lin["tanh_pow"], "/act_tanh_pow")
    g.nodes[-1].output[0] = "y_tanh_pow"
    gelu_tanh_products(g, lin["tanh_mul"], "/act_tanh_mul")
    g.nodes[-1].output[0] = "y_tanh_mul"
    silu(g, lin["silu"], "/act_silu")
    g.nodes[-1].output[0] = "y_silu"
    gate = silu(g, lin["gate"], "/mlp/act_fn")
    g.op("Mul", [gate, lin["up"]], "/mlp/Mul", out="y_swiglu")

    outputs = ["y_erf_div", "y_erf_mul", "y_tanh_pow", "y_tanh_mul", "y_silu", "y_swiglu"]
    m = make_model("activations", g.nodes, [f32("x", [rows, k])], [f32(o, [rows, n]) for o in outputs], w)
    x = (2.0 * w.rng.standard_normal([rows, k])).astype(np.float32)

    def reference(inputs):
        v = w.float64()
        x = inputs["x"].astype(np.float64)
        h = {name: x @ v[f"{name}.weight"] + v[f"{name}.bias"] for name in names}
        sig = lambda t: 1.0 / (1.0 + np.exp(-t))  # noqa: E731
        erf_mul = h["erf_mul"] * (_np_erf(h["erf_mul"] * 0.7071) + 1.0) * 0.5
        return {"y_erf_div": np_gelu_erf(h["erf_div"]), "y_erf_mul": erf_mul,
                "y_tanh_pow": np_gelu_tanh(h["tanh_pow"]), "y_tanh_mul": np_gelu_tanh(h["tanh_mul"]),
                "y_silu": h["silu"] * sig(h["silu"]), "y_swiglu": h["gate"] * sig(h["gate"]) * h["up"]}

    return Case(m, {"x": x}, reference)


@model("matmul_tails")
def build_matmul_tails():
    # Float matmuls whose widths are no multiple of any tile: 13 rows and K = 37 leave remainders
    # in the row and k loops; N = 37, 100 and 250 end in a partial panel of packed, zero-padded
    # weights (one, one and three vectors on NEON, the last partly masked), behind a bias, a Gelu
    # and a SiLU epilogue; a product of two inputs (B computed, N = 29) masks its loads of B.
    rows, k = 13, 37
    widths = {"narrow": 37, "mid": 100, "wide": 250}
    w = Weights(SEED + 11)
    for name, n in widths.items():
        w.normal(f"{name}.weight", [k, n], scale=0.3)
        w.normal(f"{name}.bias", [n])

    g = Graph(w)
    lin = {name: linear(g, "x", f"{name}.weight", f"{name}.bias", f"/{name}") for name in widths}
    gelu_erf(g, lin["narrow"], "/act_narrow")
    g.nodes[-1].output[0] = "y_narrow"
    g.op("Identity", [lin["mid"]], "/out_mid", out="y_mid")
    silu(g, lin["wide"], "/act_wide")
    g.nodes[-1].output[0] = "y_wide"
    g.op("MatMul", ["x", "b"], "/product/MatMul", out="y_product")

    outputs = {"y_narrow": 37, "y_mid": 100, "y_wide": 250, "y_product": 29}
    m = make_model("matmul_tails", g.nodes, [f32("x", [rows, k]), f32("b", [k, 29])],
                   [f32(o, [rows, n]) for o, n in outputs.items()], w)
    x = w.rng.standard_normal([rows, k]).astype(np.float32)
    b = w.rng.standard_normal([k, 29]).astype(np.float32)

    def reference(inputs):
        v = w.float64()
        x = inputs["x"].astype(np.float64)
        h = {name: x @ v[f"{name}.weight"] + v[f"{name}.bias"] for name in widths}
        sig = lambda t: 1.0 / (1.0 + np.exp(-t))  # noqa: E731
        return {"y_narrow": np_gelu_erf(h["narrow"]), "y_mid": h["mid"],
                "y_wide": h["wide"] * sig(h["wide"]), "y_product": x @ inputs["b"].astype(np.float64)}

    return Case(m, {"x": x, "b": b}, reference)


@model("attention_tails")
def build_attention_tails():
    # Attention whose sizes fit no block or vector: 3 heads of 13 queries and keys, head size 12,
    # value size 10. Query rows go in blocks of the microkernel tile's rows (13 leaves a tail on
    # every target) and the rows' reductions over 13 keys take the scalar path. One product masks
    # with a keep mask given as a graph input (Where, converted to bytes at run time), the other
    # adds a bias mask input over keys.
    heads, seq, d, dv = 3, 13, 12, 10
    w = Weights(SEED + 12)
    g = Graph(w)
    keep = lambda s: g.op("Where", ["keep", s, g.constant("/keep/fill", -1.0e4)], "/keep/Where")  # noqa: E731
    bias = lambda s: g.op("Add", [s, "bias"], "/bias/Add")  # noqa: E731
    ctx_keep = attention(g, "q", "k_t", "v", "/keep", "Div", math.sqrt(d), keep)
    g.nodes[-1].output[0] = "y_keep"
    # Its own queries: with the same Q the two score MatMuls would be one node shared by both.
    ctx_bias = attention(g, "q2", "k_t", "v", "/bias", "Mul", 1.0 / math.sqrt(d), bias)
    g.nodes[-1].output[0] = "y_bias"
    del ctx_keep, ctx_bias

    inputs = [f32("q", [1, heads, seq, d]), f32("q2", [1, heads, seq, d]), f32("k_t", [1, heads, d, seq]),
              f32("v", [1, heads, seq, dv]),
              helper.make_tensor_value_info("keep", TensorProto.BOOL, [1, 1, seq, seq]),
              f32("bias", [1, 1, 1, seq])]
    outputs = [f32("y_keep", [1, heads, seq, dv]), f32("y_bias", [1, heads, seq, dv])]
    m = make_model("attention_tails", g.nodes, inputs, outputs, w)
    values = {"q": w.rng.standard_normal([1, heads, seq, d]).astype(np.float32),
              "q2": w.rng.standard_normal([1, heads, seq, d]).astype(np.float32),
              "k_t": w.rng.standard_normal([1, heads, d, seq]).astype(np.float32),
              "v": w.rng.standard_normal([1, heads, seq, dv]).astype(np.float32),
              "keep": w.rng.random([1, 1, seq, seq]) < 0.7,
              "bias": np.where(w.rng.random([1, 1, 1, seq]) < 0.2, -1.0e4, 0.0).astype(np.float32)}
    values["keep"][..., 0] = True  # every query keeps a key

    def reference(inputs):
        q, q2, k_t, v = (inputs[n].astype(np.float64) for n in ("q", "q2", "k_t", "v"))
        keep_scores = np.where(inputs["keep"], (q @ k_t) / math.sqrt(d), -1.0e4)
        bias_scores = (q2 @ k_t) * (1.0 / math.sqrt(d)) + inputs["bias"].astype(np.float64)
        return {"y_keep": np_softmax(keep_scores) @ v, "y_bias": np_softmax(bias_scores) @ v}

    return Case(m, values, reference)


@model("vit_patch")
def build_vit_patch():
    # HF ViTEmbeddings plus the first layer's layernorm_before: a Conv whose kernel equals its
    # stride cuts [1,3,32,32] into 16 patches of 8x8; flatten(2).transpose(1, 2) makes tokens; a
    # class token is prepended and position embeddings added.
    channels, image, patch, hidden, eps = 3, 32, 8, 32, 1e-12
    tokens = (image // patch) ** 2 + 1
    w = Weights(SEED + 6)
    w.normal("patch_embeddings.projection.weight", [hidden, channels, patch, patch])
    w.normal("patch_embeddings.projection.bias", [hidden])
    w.normal("cls_token", [1, 1, hidden], scale=1.0)
    w.normal("position_embeddings", [1, tokens, hidden], scale=1.0)
    w.norm_scale("layernorm_before.weight", [hidden])
    w.normal("layernorm_before.bias", [hidden])

    g = Graph(w)
    patches = g.op("Conv", ["pixel_values", "patch_embeddings.projection.weight",
                            "patch_embeddings.projection.bias"], "/patch_embeddings/projection/Conv",
                   kernel_shape=[patch, patch], strides=[patch, patch])
    # flatten(2) as Reshape [0, 0, -1]: 0 copies the batch and channel dims, -1 infers the rest.
    flat = g.op("Reshape", [patches, g.int64s("/patch_embeddings/flatten_shape", [0, 0, -1])],
                "/patch_embeddings/Reshape")
    seq = g.op("Transpose", [flat], "/patch_embeddings/Transpose", perm=[0, 2, 1])
    # cls_token.expand(batch, -1, -1) with the batch of 1 folded into the shape.
    cls = g.op("Expand", ["cls_token", g.int64s("/cls_expand_shape", [1, 1, 1])], "/Expand")
    emb = g.op("Concat", [cls, seq], "/Concat", axis=1)
    emb = g.op("Add", [emb, "position_embeddings"], "/Add")
    layer_norm(g, emb, "layernorm_before.weight", "layernorm_before.bias", eps, "/layernorm_before",
               out="y")

    m = make_model("vit_patch", g.nodes, [f32("pixel_values", [1, channels, image, image])],
                   [f32("y", [1, tokens, hidden])], w)
    pixels = w.rng.standard_normal([1, channels, image, image]).astype(np.float32)

    def reference(inputs):
        v = w.float64()
        n = image // patch
        px = inputs["pixel_values"].astype(np.float64)
        # Patch (i, j) in row-major order, each flattened as (channel, row, col) like the kernel.
        cut = px.reshape(channels, n, patch, n, patch).transpose(1, 3, 0, 2, 4).reshape(n * n, -1)
        kernel = v["patch_embeddings.projection.weight"].reshape(hidden, -1)
        emb = cut @ kernel.T + v["patch_embeddings.projection.bias"]
        emb = np.concatenate([v["cls_token"][0], emb])[None] + v["position_embeddings"]
        return {"y": np_layer_norm(emb, v["layernorm_before.weight"], v["layernorm_before.bias"], eps)}

    return Case(m, {"pixel_values": pixels}, reference)


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


CALIBRATION_SETS = 8


def write_calibration_sets(case, model_dir):
    """DIR/calibration/set_K/input_I.pb: inputs for --calibration, drawn apart from the test set.

    Float inputs take fresh values with each test input's mean and spread; other inputs (ids,
    masks) are the test set's own.
    """
    rng = np.random.default_rng(SEED + 1)
    for k in range(CALIBRATION_SETS):
        set_dir = os.path.join(model_dir, "calibration", f"set_{k}")
        os.makedirs(set_dir, exist_ok=True)
        for i, (name, value) in enumerate(case.inputs.items()):
            if value.dtype == np.float32:
                value = (value.mean() + rng.standard_normal(value.shape) * value.std()).astype(np.float32)
            with open(os.path.join(set_dir, f"input_{i}.pb"), "wb") as f:
                f.write(numpy_helper.from_array(value, name).SerializeToString())


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
            write_calibration_sets(case, model_dir)
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
