// RUN: edgecc-opt %s --split-input-file --edge-fuse-normalization | FileCheck %s

// The exporter's LayerNorm: ReduceMean, Sub, Pow 2, ReduceMean, Add eps,
// Sqrt, Div, Mul gamma, Add beta.
// CHECK-LABEL: func.func @layer_norm(
// CHECK-SAME:      %[[X:.+]]: tensor<2x8xf32>, %[[G:.+]]: tensor<8xf32>, %[[B:.+]]: tensor<8xf32>)
// CHECK:         %[[N:.+]] = edge.normalize %[[X]] scale %[[G]] bias %[[B]] {center = true, epsilon = 9.99999974E-6 : f32}
// CHECK-NOT:     edge.reduce_mean
// CHECK:         return %[[N]]
func.func @layer_norm(%x: tensor<2x8xf32>, %g: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<2x8xf32> {
  %m = edge.reduce_mean %x {axes = array<i64: 1>, keepdims = true} : (tensor<2x8xf32>) -> tensor<2x1xf32>
  %d = edge.sub %x, %m : (tensor<2x8xf32>, tensor<2x1xf32>) -> tensor<2x8xf32>
  %two = edge.constant dense<2.0> : tensor<f32>
  %sq = edge.pow %d, %two : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  %var = edge.reduce_mean %sq {axes = array<i64: 1>, keepdims = true} : (tensor<2x8xf32>) -> tensor<2x1xf32>
  %eps = edge.constant dense<1.0e-5> : tensor<f32>
  %ve = edge.add %var, %eps : (tensor<2x1xf32>, tensor<f32>) -> tensor<2x1xf32>
  %sd = edge.sqrt %ve : (tensor<2x1xf32>) -> tensor<2x1xf32>
  %n = edge.div %d, %sd : (tensor<2x8xf32>, tensor<2x1xf32>) -> tensor<2x8xf32>
  %s = edge.mul %n, %g : (tensor<2x8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  %y = edge.add %s, %b : (tensor<2x8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

// LLaMA's RMSNorm: x * reciprocal(sqrt(mean(x^2) + eps)) * w.
// CHECK-LABEL: func.func @rms_norm(
// CHECK:         edge.normalize %{{.+}} scale %{{.+}} {center = false, epsilon = 9.99999997E-7 : f32}
// CHECK-NOT:     edge.sqrt
func.func @rms_norm(%x: tensor<2x8xf32>, %w: tensor<8xf32>) -> tensor<2x8xf32> {
  %two = edge.constant dense<2.0> : tensor<f32>
  %sq = edge.pow %x, %two : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  %ms = edge.reduce_mean %sq {axes = array<i64: 1>, keepdims = true} : (tensor<2x8xf32>) -> tensor<2x1xf32>
  %eps = edge.constant dense<1.0e-6> : tensor<f32>
  %ve = edge.add %ms, %eps : (tensor<2x1xf32>, tensor<f32>) -> tensor<2x1xf32>
  %sd = edge.sqrt %ve : (tensor<2x1xf32>) -> tensor<2x1xf32>
  %r = edge.reciprocal %sd : (tensor<2x1xf32>) -> tensor<2x1xf32>
  %n = edge.mul %x, %r : (tensor<2x8xf32>, tensor<2x1xf32>) -> tensor<2x8xf32>
  %y = edge.mul %n, %w : (tensor<2x8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

// The mean is over the first dim, not the last: left alone.
// CHECK-LABEL: func.func @other_axis(
// CHECK-NOT:     edge.normalize
func.func @other_axis(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %m = edge.reduce_mean %x {axes = array<i64: 0>, keepdims = true} : (tensor<2x8xf32>) -> tensor<1x8xf32>
  %d = edge.sub %x, %m : (tensor<2x8xf32>, tensor<1x8xf32>) -> tensor<2x8xf32>
  %sq = edge.mul %d, %d : (tensor<2x8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  %var = edge.reduce_mean %sq {axes = array<i64: 0>, keepdims = true} : (tensor<2x8xf32>) -> tensor<1x8xf32>
  %eps = edge.constant dense<1.0e-5> : tensor<f32>
  %ve = edge.add %var, %eps : (tensor<1x8xf32>, tensor<f32>) -> tensor<1x8xf32>
  %sd = edge.sqrt %ve : (tensor<1x8xf32>) -> tensor<1x8xf32>
  %n = edge.div %d, %sd : (tensor<2x8xf32>, tensor<1x8xf32>) -> tensor<2x8xf32>
  return %n : tensor<2x8xf32>
}
