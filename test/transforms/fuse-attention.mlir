// RUN: edgecc-opt %s --split-input-file --edge-fuse-attention | FileCheck %s

// MatMul, Div by a scalar, additive mask, Softmax, MatMul: one op, the scale
// folded to 1/8, the mask kept as bias.
// CHECK-LABEL: func.func @additive_mask(
// CHECK-SAME:      %[[Q:.+]]: tensor<1x2x4x8xf32>, %[[KT:.+]]: tensor<1x2x8x4xf32>, %[[V:.+]]: tensor<1x2x4x8xf32>, %[[M:.+]]: tensor<1x1x1x4xf32>)
// CHECK:         %[[A:.+]] = edge.attention %[[Q]], %[[KT]], %[[V]] bias %[[M]] {fill = 0.000000e+00 : f32, scale = 1.250000e-01 : f32}
// CHECK-NOT:     edge.softmax
// CHECK-NOT:     edge.matmul
// CHECK:         return %[[A]]
func.func @additive_mask(%q: tensor<1x2x4x8xf32>, %kt: tensor<1x2x8x4xf32>, %v: tensor<1x2x4x8xf32>, %m: tensor<1x1x1x4xf32>) -> tensor<1x2x4x8xf32> {
  %s = edge.matmul %q, %kt : (tensor<1x2x4x8xf32>, tensor<1x2x8x4xf32>) -> tensor<1x2x4x4xf32>
  %c = edge.constant dense<8.0> : tensor<f32>
  %d = edge.div %s, %c : (tensor<1x2x4x4xf32>, tensor<f32>) -> tensor<1x2x4x4xf32>
  %a = edge.add %d, %m : (tensor<1x2x4x4xf32>, tensor<1x1x1x4xf32>) -> tensor<1x2x4x4xf32>
  %p = edge.softmax %a {axis = 3 : i64} : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %o = edge.matmul %p, %v : (tensor<1x2x4x4xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}

// -----

// A causal mask as Where(keep, scores, fill).
// CHECK-LABEL: func.func @where_mask(
// CHECK:         edge.attention %{{.+}}, %{{.+}}, %{{.+}} keep %{{.+}} {fill = -1.000000e+04 : f32, scale = 1.000000e+00 : f32}
func.func @where_mask(%q: tensor<2x4x8xf32>, %kt: tensor<2x8x4xf32>, %v: tensor<2x4x8xf32>, %keep: tensor<4x4xi1>) -> tensor<2x4x8xf32> {
  %s = edge.matmul %q, %kt : (tensor<2x4x8xf32>, tensor<2x8x4xf32>) -> tensor<2x4x4xf32>
  %f = edge.constant dense<-10000.0> : tensor<f32>
  %w = edge.where %keep, %s, %f : (tensor<4x4xi1>, tensor<2x4x4xf32>, tensor<f32>) -> tensor<2x4x4xf32>
  %p = edge.softmax %w {axis = 2 : i64} : (tensor<2x4x4xf32>) -> tensor<2x4x4xf32>
  %o = edge.matmul %p, %v : (tensor<2x4x4xf32>, tensor<2x4x8xf32>) -> tensor<2x4x8xf32>
  return %o : tensor<2x4x8xf32>
}

// -----

// The probabilities are also a result: nothing is fused.
// CHECK-LABEL: func.func @probabilities_used(
// CHECK-NOT:     edge.attention
// CHECK:         edge.softmax
func.func @probabilities_used(%q: tensor<2x4x8xf32>, %kt: tensor<2x8x4xf32>, %v: tensor<2x4x8xf32>) -> (tensor<2x4x8xf32>, tensor<2x4x4xf32>) {
  %s = edge.matmul %q, %kt : (tensor<2x4x8xf32>, tensor<2x8x4xf32>) -> tensor<2x4x4xf32>
  %p = edge.softmax %s {axis = 2 : i64} : (tensor<2x4x4xf32>) -> tensor<2x4x4xf32>
  %o = edge.matmul %p, %v : (tensor<2x4x4xf32>, tensor<2x4x8xf32>) -> tensor<2x4x8xf32>
  return %o, %p : tensor<2x4x8xf32>, tensor<2x4x4xf32>
}

// -----

// BERT's mask is itself a Mul ((1 - m) * -10000) and comes first in the Add:
// the scores are the operand that leads back to the matmul.
// CHECK-LABEL: func.func @mask_first(
// CHECK:         %[[B:.+]] = edge.mul %{{.+}}, %{{.+}} : (tensor<1x1x1x4xf32>, tensor<f32>)
// CHECK:         edge.attention %{{.+}}, %{{.+}}, %{{.+}} bias %[[B]] {fill = 0.000000e+00 : f32, scale = 2.500000e-01 : f32}
func.func @mask_first(%q: tensor<1x2x4x8xf32>, %kt: tensor<1x2x8x4xf32>, %v: tensor<1x2x4x8xf32>, %m: tensor<1x1x1x4xf32>) -> tensor<1x2x4x8xf32> {
  %big = edge.constant dense<-10000.0> : tensor<f32>
  %bias = edge.mul %m, %big : (tensor<1x1x1x4xf32>, tensor<f32>) -> tensor<1x1x1x4xf32>
  %s = edge.matmul %q, %kt : (tensor<1x2x4x8xf32>, tensor<1x2x8x4xf32>) -> tensor<1x2x4x4xf32>
  %c = edge.constant dense<0.25> : tensor<f32>
  %d = edge.mul %s, %c : (tensor<1x2x4x4xf32>, tensor<f32>) -> tensor<1x2x4x4xf32>
  %a = edge.add %bias, %d : (tensor<1x1x1x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %p = edge.softmax %a {axis = 3 : i64} : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %o = edge.matmul %p, %v : (tensor<1x2x4x4xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}
