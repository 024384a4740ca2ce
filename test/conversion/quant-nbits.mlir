// edge.matmul_nbits with constant weights: the codes are re-laid out at
// compile time (still 4 bits each) into words of 8 consecutive k per column,
// 16 columns per tile: column 0 has codes 0..7 for k 0..7 (bytes 0x10, 0x32,
// 0x54, 0x76 in ONNX Runtime's layout), so its word is 0x76543210 =
// 1985229328; column 1 has all codes 15 (0xFFFFFFFF = -1); the padded
// columns 2..15 are 0. The generic decodes in its body and no float copy of
// the weights exists.
// RUN: edgecc-opt %s --split-input-file --convert-edge-to-linalg | FileCheck %s

// CHECK-LABEL: func.func @packed
// CHECK-DAG: arith.constant dense<{{\[\[\[}}1985229328, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]]]> : tensor<1x1x16xi32>
// CHECK-DAG: arith.constant dense<{{\[\[\[}}5.000000e-01, 2.500000e-01, 0.000000e+00, {{.*}}]]]> : tensor<1x1x16xf32>
// CHECK-NOT: tensor<8x2xf32>
// CHECK: linalg.generic
// CHECK-SAME: ins({{.*}} : tensor<1x8xf32>, tensor<1x1x16xi32>, tensor<1x1x16xf32>)
// CHECK-SAME: edge.nbits_matmul = {block_size = 8 : i64}
// CHECK: arith.shrui
// CHECK: arith.andi
// CHECK: arith.sitofp
func.func @packed(%x: tensor<1x8xf32>) -> tensor<1x2xf32> {
  %w = edge.constant dense<[[[16, 50, 84, 118]], [[255, 255, 255, 255]]]> : tensor<2x1x4xui8>
  %s = edge.constant dense<[0.5, 0.25]> : tensor<2xf32>
  %y = edge.matmul_nbits %x, %w, %s {block_size = 8 : i64} : (tensor<1x8xf32>, tensor<2x1x4xui8>, tensor<2xf32>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

// Zero points move beside their tile's columns: column c's zero point in
// the low (c even) or high (c odd) nibble of byte c / 2. Here columns 0 and
// 1 have zero points 3 and 12 (ONNX Runtime: one byte per column, block 0 in
// the low nibble), so byte 0 is 0xC3 = -61 as i8.
// CHECK-LABEL: func.func @zero_points
// CHECK-DAG: arith.constant dense<{{\[\[\[}}-61, 0, 0, 0, 0, 0, 0, 0]]]> : tensor<1x1x8xi8>
// CHECK: linalg.generic
// CHECK-SAME: tensor<1x1x16xi32>, tensor<1x1x16xf32>, tensor<1x1x8xi8>)
// CHECK-SAME: edge.nbits_matmul
func.func @zero_points(%x: tensor<1x8xf32>) -> tensor<1x2xf32> {
  %w = edge.constant dense<[[[16, 50, 84, 118]], [[255, 255, 255, 255]]]> : tensor<2x1x4xui8>
  %s = edge.constant dense<[0.5, 0.25]> : tensor<2xf32>
  %z = edge.constant dense<[3, 12]> : tensor<2xui8>
  %y = edge.matmul_nbits %x, %w, %s zero_points %z {block_size = 8 : i64} : (tensor<1x8xf32>, tensor<2x1x4xui8>, tensor<2xf32>, tensor<2xui8>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

// Weights computed at run time keep ONNX Runtime's layout and get no tag.
// CHECK-LABEL: func.func @computed
// CHECK: linalg.generic
// CHECK-SAME: tensor<2x1x4xi8>
// CHECK-NOT: edge.nbits_matmul
// CHECK: return
func.func @computed(%x: tensor<1x8xf32>, %w: tensor<2x1x4xui8>) -> tensor<1x2xf32> {
  %s = edge.constant dense<[0.5, 0.25]> : tensor<2xf32>
  %y = edge.matmul_nbits %x, %w, %s {block_size = 8 : i64} : (tensor<1x8xf32>, tensor<2x1x4xui8>, tensor<2xf32>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}
