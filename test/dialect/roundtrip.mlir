// RUN: edgecc-opt %s | edgecc-opt | FileCheck %s
// Every edge op prints and parses back unchanged.

// CHECK-LABEL: func.func @ops
func.func @ops(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>, %b: tensor<4xf32>) -> tensor<4x2xf32> {
  // CHECK: edge.constant dense<1.000000e+00> : tensor<4xf32>
  %c = edge.constant dense<1.0> : tensor<4xf32>
  // CHECK: edge.matmul %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %0 = edge.matmul %x, %w : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  // CHECK: edge.gemm %{{.*}}, %{{.*}}, %{{.*}} {alpha = 5.000000e-01 : f32, transB = true}
  %c2 = edge.constant dense<2.0> : tensor<2xf32>
  %g = edge.gemm %x, %x, %c2 {alpha = 0.5 : f32, transB = true} : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  // CHECK: edge.add
  %1 = edge.add %0, %b : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  // CHECK: edge.sub
  %2 = edge.sub %1, %c : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  // CHECK: edge.mul
  %3 = edge.mul %2, %2 : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  // CHECK: edge.div
  %4 = edge.div %3, %c : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  // CHECK: edge.relu
  %5 = edge.relu %4 : (tensor<2x4xf32>) -> tensor<2x4xf32>
  // CHECK: edge.softmax %{{.*}} {axis = 1 : i64}
  %6 = edge.softmax %5 {axis = 1} : (tensor<2x4xf32>) -> tensor<2x4xf32>
  // CHECK: edge.reshape %{{.*}} : (tensor<2x4xf32>) -> tensor<8xf32>
  %7 = edge.reshape %6 : (tensor<2x4xf32>) -> tensor<8xf32>
  %8 = edge.reshape %7 : (tensor<8xf32>) -> tensor<2x4xf32>
  // CHECK: edge.transpose %{{.*}} {perm = array<i64: 1, 0>}
  %9 = edge.transpose %8 {perm = array<i64: 1, 0>} : (tensor<2x4xf32>) -> tensor<4x2xf32>
  return %9 : tensor<4x2xf32>
}
