// RUN: edgecc-opt %s --split-input-file --edge-fold-quantized-matmul | FileCheck %s

// MatMul(DQ(x_q), DQ(w_q)) with per-tensor parameters becomes
// matmul_integer on the 8-bit values and one multiply by 0.5 * 0.25.
// CHECK-LABEL: func.func @qdq(
// CHECK-SAME:      %[[X:.+]]: tensor<2x4xui8>)
// CHECK-DAG:     %[[W:.+]] = edge.constant dense<{{.+}}> : tensor<4x3xi8>
// CHECK-DAG:     %[[ZX:.+]] = edge.constant dense<7> : tensor<ui8>
// CHECK-DAG:     %[[ZW:.+]] = edge.constant dense<0> : tensor<i8>
// CHECK:         %[[I:.+]] = edge.matmul_integer %[[X]], %[[W]], %[[ZX]], %[[ZW]] : {{.*}} -> tensor<2x3xi32>
// CHECK:         %[[F:.+]] = edge.cast %[[I]] : (tensor<2x3xi32>) -> tensor<2x3xf32>
// CHECK:         %[[S:.+]] = edge.constant dense<1.250000e-01> : tensor<f32>
// CHECK:         %[[Y:.+]] = edge.mul %[[F]], %[[S]]
// CHECK-NOT:     edge.matmul %
// CHECK:         return %[[Y]]
func.func @qdq(%x: tensor<2x4xui8>) -> tensor<2x3xf32> {
  %w = edge.constant dense<[[1, -2, 3], [4, 5, -6], [7, 8, 9], [-10, 11, 12]]> : tensor<4x3xi8>
  %zx = edge.constant dense<7> : tensor<ui8>
  %zw = edge.constant dense<0> : tensor<i8>
  %sx = edge.constant dense<0.5> : tensor<f32>
  %sw = edge.constant dense<0.25> : tensor<f32>
  %xf = edge.cast %x : (tensor<2x4xui8>) -> tensor<2x4xf32>
  %zxf = edge.cast %zx : (tensor<ui8>) -> tensor<f32>
  %xs = edge.sub %xf, %zxf : (tensor<2x4xf32>, tensor<f32>) -> tensor<2x4xf32>
  %xd = edge.mul %xs, %sx : (tensor<2x4xf32>, tensor<f32>) -> tensor<2x4xf32>
  %wf = edge.cast %w : (tensor<4x3xi8>) -> tensor<4x3xf32>
  %zwf = edge.cast %zw : (tensor<i8>) -> tensor<f32>
  %ws = edge.sub %wf, %zwf : (tensor<4x3xf32>, tensor<f32>) -> tensor<4x3xf32>
  %wd = edge.mul %ws, %sw : (tensor<4x3xf32>, tensor<f32>) -> tensor<4x3xf32>
  %y = edge.matmul %xd, %wd : (tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// Per-column weight scales: the combined scale is a vector, 0.5 * sw.
// CHECK-LABEL: func.func @per_column(
// CHECK:         edge.matmul_integer
// CHECK:         edge.constant dense<[1.250000e-01, 2.500000e-01, 5.000000e-01]> : tensor<3xf32>
// CHECK-NOT:     edge.matmul %
func.func @per_column(%x: tensor<2x4xui8>, %w: tensor<4x3xi8>) -> tensor<2x3xf32> {
  %zx = edge.constant dense<7> : tensor<ui8>
  %zw = edge.constant dense<0> : tensor<i8>
  %sx = edge.constant dense<0.5> : tensor<f32>
  %sw = edge.constant dense<[0.25, 0.5, 1.0]> : tensor<3xf32>
  %xf = edge.cast %x : (tensor<2x4xui8>) -> tensor<2x4xf32>
  %zxf = edge.cast %zx : (tensor<ui8>) -> tensor<f32>
  %xs = edge.sub %xf, %zxf : (tensor<2x4xf32>, tensor<f32>) -> tensor<2x4xf32>
  %xd = edge.mul %xs, %sx : (tensor<2x4xf32>, tensor<f32>) -> tensor<2x4xf32>
  %wf = edge.cast %w : (tensor<4x3xi8>) -> tensor<4x3xf32>
  %zwf = edge.cast %zw : (tensor<i8>) -> tensor<f32>
  %ws = edge.sub %wf, %zwf : (tensor<4x3xf32>, tensor<f32>) -> tensor<4x3xf32>
  %wd = edge.mul %ws, %sw : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  %y = edge.matmul %xd, %wd : (tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// A per-row (per-tensor required) activation scale is not folded.
// CHECK-LABEL: func.func @activation_per_row(
// CHECK-NOT:     edge.matmul_integer
// CHECK:         edge.matmul %
func.func @activation_per_row(%x: tensor<2x4xui8>, %w: tensor<4x3xi8>) -> tensor<2x3xf32> {
  %zx = edge.constant dense<7> : tensor<ui8>
  %zw = edge.constant dense<0> : tensor<i8>
  %sx = edge.constant dense<[[0.5], [0.25]]> : tensor<2x1xf32>
  %sw = edge.constant dense<0.25> : tensor<f32>
  %xf = edge.cast %x : (tensor<2x4xui8>) -> tensor<2x4xf32>
  %zxf = edge.cast %zx : (tensor<ui8>) -> tensor<f32>
  %xs = edge.sub %xf, %zxf : (tensor<2x4xf32>, tensor<f32>) -> tensor<2x4xf32>
  %xd = edge.mul %xs, %sx : (tensor<2x4xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
  %wf = edge.cast %w : (tensor<4x3xi8>) -> tensor<4x3xf32>
  %zwf = edge.cast %zw : (tensor<i8>) -> tensor<f32>
  %ws = edge.sub %wf, %zwf : (tensor<4x3xf32>, tensor<f32>) -> tensor<4x3xf32>
  %wd = edge.mul %ws, %sw : (tensor<4x3xf32>, tensor<f32>) -> tensor<4x3xf32>
  %y = edge.matmul %xd, %wd : (tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
