// RUN: edgecc-opt %s --split-input-file --edge-fuse-activations --canonicalize | FileCheck %s

// HF's exact gelu as written in Python: (x * 0.5) * (1 + erf(x / 1.4142)).
// CHECK-LABEL: func.func @gelu_erf_div(
// CHECK-SAME:      %[[X:.+]]: tensor<2x8xf32>)
// CHECK-NEXT:    %[[G:.+]] = edge.gelu %[[X]] {tanh_approximation = false}
// CHECK-NEXT:    return %[[G]]
func.func @gelu_erf_div(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %half = edge.constant dense<0.5> : tensor<f32>
  %sqrt2 = edge.constant dense<1.4142> : tensor<f32>
  %one = edge.constant dense<1.0> : tensor<f32>
  %hx = edge.mul %x, %half : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  %s = edge.div %x, %sqrt2 : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  %e = edge.erf %s : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %p = edge.add %one, %e : (tensor<f32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %y = edge.mul %hx, %p : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

// Mul by 0.7071, and the halving last: (x * (erf(..) + 1)) * 0.5.
// CHECK-LABEL: func.func @gelu_erf_mul_half_last(
// CHECK-SAME:      %[[X:.+]]: tensor<2x8xf32>)
// CHECK-NEXT:    %[[G:.+]] = edge.gelu %[[X]] {tanh_approximation = false}
// CHECK-NEXT:    return %[[G]]
func.func @gelu_erf_mul_half_last(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %half = edge.constant dense<0.5> : tensor<f32>
  %rsqrt2 = edge.constant dense<0.7071> : tensor<f32>
  %one = edge.constant dense<1.0> : tensor<f32>
  %s = edge.mul %rsqrt2, %x : (tensor<f32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %e = edge.erf %s : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %p = edge.add %e, %one : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  %xp = edge.mul %x, %p : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %y = edge.mul %xp, %half : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

// The halving on (1 + erf) as Div by 2, then times x.
// CHECK-LABEL: func.func @gelu_erf_half_on_sum(
// CHECK-NEXT:    edge.gelu %{{.+}} {tanh_approximation = false}
// CHECK-NEXT:    return
func.func @gelu_erf_half_on_sum(%x: tensor<8xf32>) -> tensor<8xf32> {
  %two = edge.constant dense<2.0> : tensor<f32>
  %sqrt2 = edge.constant dense<1.41421354> : tensor<f32>
  %one = edge.constant dense<1.0> : tensor<f32>
  %s = edge.div %x, %sqrt2 : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %e = edge.erf %s : (tensor<8xf32>) -> tensor<8xf32>
  %p = edge.add %one, %e : (tensor<f32>, tensor<8xf32>) -> tensor<8xf32>
  %h = edge.div %p, %two : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %y = edge.mul %h, %x : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// -----

// Near miss: divided by 1.5, not sqrt 2. Nothing changes.
// CHECK-LABEL: func.func @gelu_erf_wrong_constant(
// CHECK-NOT:     edge.gelu
// CHECK:         edge.erf
func.func @gelu_erf_wrong_constant(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %half = edge.constant dense<0.5> : tensor<f32>
  %c = edge.constant dense<1.5> : tensor<f32>
  %one = edge.constant dense<1.0> : tensor<f32>
  %hx = edge.mul %x, %half : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  %s = edge.div %x, %c : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  %e = edge.erf %s : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %p = edge.add %one, %e : (tensor<f32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %y = edge.mul %hx, %p : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

// Near miss: the halved value is not the erf's argument's x.
// CHECK-LABEL: func.func @gelu_erf_other_value(
// CHECK-NOT:     edge.gelu
func.func @gelu_erf_other_value(%x: tensor<8xf32>, %z: tensor<8xf32>) -> tensor<8xf32> {
  %half = edge.constant dense<0.5> : tensor<f32>
  %sqrt2 = edge.constant dense<1.4142> : tensor<f32>
  %one = edge.constant dense<1.0> : tensor<f32>
  %hz = edge.mul %z, %half : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %s = edge.div %x, %sqrt2 : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %e = edge.erf %s : (tensor<8xf32>) -> tensor<8xf32>
  %p = edge.add %one, %e : (tensor<f32>, tensor<8xf32>) -> tensor<8xf32>
  %y = edge.mul %hz, %p : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// -----

// Near miss: 1 + erf is also returned, so it must stay.
// CHECK-LABEL: func.func @gelu_erf_shared_sum(
// CHECK-NOT:     edge.gelu
func.func @gelu_erf_shared_sum(%x: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %half = edge.constant dense<0.5> : tensor<f32>
  %sqrt2 = edge.constant dense<1.4142> : tensor<f32>
  %one = edge.constant dense<1.0> : tensor<f32>
  %hx = edge.mul %x, %half : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %s = edge.div %x, %sqrt2 : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %e = edge.erf %s : (tensor<8xf32>) -> tensor<8xf32>
  %p = edge.add %one, %e : (tensor<f32>, tensor<8xf32>) -> tensor<8xf32>
  %y = edge.mul %hx, %p : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  return %y, %p : tensor<8xf32>, tensor<8xf32>
}

// -----

// GPT-2's gelu_new as exported: 0.5 * x, Pow(x, 3), constants first.
// CHECK-LABEL: func.func @gelu_tanh_pow(
// CHECK-SAME:      %[[X:.+]]: tensor<2x8xf32>)
// CHECK-NEXT:    %[[G:.+]] = edge.gelu %[[X]] {tanh_approximation = true}
// CHECK-NEXT:    return %[[G]]
func.func @gelu_tanh_pow(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %half = edge.constant dense<0.5> : tensor<f32>
  %three = edge.constant dense<3.0> : tensor<f32>
  %c = edge.constant dense<0.044715> : tensor<f32>
  %k = edge.constant dense<0.797884583> : tensor<f32>
  %one = edge.constant dense<1.0> : tensor<f32>
  %hx = edge.mul %half, %x : (tensor<f32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %cube = edge.pow %x, %three : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  %cc = edge.mul %c, %cube : (tensor<f32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %in = edge.add %x, %cc : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %ins = edge.mul %k, %in : (tensor<f32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %t = edge.tanh %ins : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %p = edge.add %one, %t : (tensor<f32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %y = edge.mul %hx, %p : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

// x^3 as x * (x * x), operands the other way round, halving last.
// CHECK-LABEL: func.func @gelu_tanh_products(
// CHECK-SAME:      %[[X:.+]]: tensor<8xf32>)
// CHECK-NEXT:    %[[G:.+]] = edge.gelu %[[X]] {tanh_approximation = true}
// CHECK-NEXT:    return %[[G]]
func.func @gelu_tanh_products(%x: tensor<8xf32>) -> tensor<8xf32> {
  %half = edge.constant dense<0.5> : tensor<f32>
  %c = edge.constant dense<0.044715> : tensor<f32>
  %k = edge.constant dense<0.7978845608> : tensor<f32>
  %one = edge.constant dense<1.0> : tensor<f32>
  %sq = edge.mul %x, %x : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %cube = edge.mul %x, %sq : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %cc = edge.mul %cube, %c : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %in = edge.add %cc, %x : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %ins = edge.mul %in, %k : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %t = edge.tanh %ins : (tensor<8xf32>) -> tensor<8xf32>
  %p = edge.add %t, %one : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %xp = edge.mul %p, %x : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %y = edge.mul %half, %xp : (tensor<f32>, tensor<8xf32>) -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// -----

// Near miss: 0.05 instead of 0.044715 in front of x^3.
// CHECK-LABEL: func.func @gelu_tanh_wrong_coefficient(
// CHECK-NOT:     edge.gelu
// CHECK:         edge.tanh
func.func @gelu_tanh_wrong_coefficient(%x: tensor<8xf32>) -> tensor<8xf32> {
  %half = edge.constant dense<0.5> : tensor<f32>
  %three = edge.constant dense<3.0> : tensor<f32>
  %c = edge.constant dense<0.05> : tensor<f32>
  %k = edge.constant dense<0.7978845608> : tensor<f32>
  %one = edge.constant dense<1.0> : tensor<f32>
  %hx = edge.mul %half, %x : (tensor<f32>, tensor<8xf32>) -> tensor<8xf32>
  %cube = edge.pow %x, %three : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %cc = edge.mul %c, %cube : (tensor<f32>, tensor<8xf32>) -> tensor<8xf32>
  %in = edge.add %x, %cc : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %ins = edge.mul %k, %in : (tensor<f32>, tensor<8xf32>) -> tensor<8xf32>
  %t = edge.tanh %ins : (tensor<8xf32>) -> tensor<8xf32>
  %p = edge.add %one, %t : (tensor<f32>, tensor<8xf32>) -> tensor<8xf32>
  %y = edge.mul %hx, %p : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// -----

// Near miss: Pow(x, 2), a square, is not the cube.
// CHECK-LABEL: func.func @gelu_tanh_square(
// CHECK-NOT:     edge.gelu
func.func @gelu_tanh_square(%x: tensor<8xf32>) -> tensor<8xf32> {
  %half = edge.constant dense<0.5> : tensor<f32>
  %two = edge.constant dense<2.0> : tensor<f32>
  %c = edge.constant dense<0.044715> : tensor<f32>
  %k = edge.constant dense<0.7978845608> : tensor<f32>
  %one = edge.constant dense<1.0> : tensor<f32>
  %hx = edge.mul %half, %x : (tensor<f32>, tensor<8xf32>) -> tensor<8xf32>
  %cube = edge.pow %x, %two : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  %cc = edge.mul %c, %cube : (tensor<f32>, tensor<8xf32>) -> tensor<8xf32>
  %in = edge.add %x, %cc : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %ins = edge.mul %k, %in : (tensor<f32>, tensor<8xf32>) -> tensor<8xf32>
  %t = edge.tanh %ins : (tensor<8xf32>) -> tensor<8xf32>
  %p = edge.add %one, %t : (tensor<f32>, tensor<8xf32>) -> tensor<8xf32>
  %y = edge.mul %hx, %p : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// -----

// SiLU, Sigmoid second or first.
// CHECK-LABEL: func.func @silu(
// CHECK-SAME:      %[[X:.+]]: tensor<8xf32>, %[[Z:.+]]: tensor<8xf32>)
// CHECK-DAG:     %[[A:.+]] = edge.silu %[[X]]
// CHECK-DAG:     %[[B:.+]] = edge.silu %[[Z]]
// CHECK-NOT:     edge.sigmoid
// CHECK:         return %[[A]], %[[B]]
func.func @silu(%x: tensor<8xf32>, %z: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %s = edge.sigmoid %x : (tensor<8xf32>) -> tensor<8xf32>
  %y = edge.mul %x, %s : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %t = edge.sigmoid %z : (tensor<8xf32>) -> tensor<8xf32>
  %w = edge.mul %t, %z : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  return %y, %w : tensor<8xf32>, tensor<8xf32>
}

// -----

// Near miss: the sigmoid gates another value (a GLU, not a SiLU).
// CHECK-LABEL: func.func @sigmoid_gate(
// CHECK-NOT:     edge.silu
// CHECK:         edge.sigmoid
func.func @sigmoid_gate(%x: tensor<8xf32>, %z: tensor<8xf32>) -> tensor<8xf32> {
  %s = edge.sigmoid %x : (tensor<8xf32>) -> tensor<8xf32>
  %y = edge.mul %z, %s : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// -----

// LLaMA's MLP gate: SiLU(x W1) * (x W3).
// CHECK-LABEL: func.func @swiglu(
// CHECK:         %[[G:.+]] = edge.matmul
// CHECK:         %[[U:.+]] = edge.matmul
// CHECK:         %[[S:.+]] = edge.swiglu %[[G]], %[[U]]
// CHECK-NOT:     edge.sigmoid
// CHECK-NOT:     edge.mul
// CHECK:         return %[[S]]
func.func @swiglu(%x: tensor<4x8xf32>, %w1: tensor<8x16xf32>, %w3: tensor<8x16xf32>) -> tensor<4x16xf32> {
  %g = edge.matmul %x, %w1 : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  %u = edge.matmul %x, %w3 : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  %s = edge.sigmoid %g : (tensor<4x16xf32>) -> tensor<4x16xf32>
  %a = edge.mul %g, %s : (tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<4x16xf32>
  %y = edge.mul %a, %u : (tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}

// -----

// Near miss for SwiGLU: the other factor broadcasts, so the SiLU stays a
// SiLU and the product a Mul.
// CHECK-LABEL: func.func @silu_times_broadcast(
// CHECK:         %[[A:.+]] = edge.silu
// CHECK:         edge.mul %[[A]]
// CHECK-NOT:     edge.swiglu
func.func @silu_times_broadcast(%x: tensor<4x16xf32>, %v: tensor<16xf32>) -> tensor<4x16xf32> {
  %s = edge.sigmoid %x : (tensor<4x16xf32>) -> tensor<4x16xf32>
  %a = edge.mul %x, %s : (tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<4x16xf32>
  %y = edge.mul %a, %v : (tensor<4x16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}
