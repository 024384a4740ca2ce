// RUN: edgecc-opt %s --split-input-file --edge-fold-quantized-matmul | FileCheck %s

// MatMul(DQ(x_q), DQ(w_q)) with per-tensor parameters becomes
// matmul_integer on the 8-bit values and one multiply by 0.5 * 0.25.
// CHECK-LABEL: func.func @qdq(
// CHECK-SAME:      %[[X:.+]]: tensor<2x4xui8>)
// CHECK-DAG:     %[[W:.+]] = edge.constant dense<{{.+}}> : tensor<4x3xi8>
// CHECK-DAG:     %[[ZX:.+]] = edge.constant dense<7> : tensor<ui8>
// CHECK-DAG:     %[[ZW:.+]] = edge.constant dense<0> : tensor<i8>
// CHECK:         %[[I:.+]] = edge.matmul_integer %[[X]], %[[W]], %[[ZX]], %[[ZW]] : {{.*}} -> tensor<2x3xi32>
// CHECK-DAG:     %[[S:.+]] = edge.constant dense<1.250000e-01> : tensor<f32>
// CHECK-DAG:     %[[F:.+]] = edge.cast %[[I]] : (tensor<2x3xi32>) -> tensor<2x3xf32>
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

// -----

// Gemm with transB: the 8-bit codes of B [N, K] are transposed at compile
// time into [K, N]; alpha joins the scale (2 * 0.5 * [0.25, 0.5]) and
// beta * C is added in float.
// CHECK-LABEL: func.func @gemm_trans_b(
// CHECK-DAG:     %[[WT:.+]] = edge.constant dense<{{\[\[}}1, 4], [2, 5], [3, 6]]> : tensor<3x2xi8>
// CHECK:         %[[I:.+]] = edge.matmul_integer %{{.+}}, %[[WT]], %{{.+}}, %{{.+}} : {{.*}} -> tensor<2x2xi32>
// CHECK-DAG:     %[[S:.+]] = edge.constant dense<[2.500000e-01, 5.000000e-01]> : tensor<2xf32>
// CHECK-DAG:     %[[F:.+]] = edge.cast %[[I]]
// CHECK:         %[[Y:.+]] = edge.mul %[[F]], %[[S]]
// CHECK:         %[[C:.+]] = edge.mul %{{.+}}, %{{.+}} : (tensor<2xf32>, tensor<f32>)
// CHECK:         edge.add %[[Y]], %[[C]]
// CHECK-NOT:     edge.gemm
func.func @gemm_trans_b(%x: tensor<2x3xui8>, %c: tensor<2xf32>) -> tensor<2x2xf32> {
  %w = edge.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi8>
  %zx = edge.constant dense<7> : tensor<ui8>
  %zw = edge.constant dense<0> : tensor<2x1xi8>
  %sx = edge.constant dense<0.5> : tensor<f32>
  %sw = edge.constant dense<[[0.25], [0.5]]> : tensor<2x1xf32>
  %xf = edge.cast %x : (tensor<2x3xui8>) -> tensor<2x3xf32>
  %zxf = edge.cast %zx : (tensor<ui8>) -> tensor<f32>
  %xs = edge.sub %xf, %zxf : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  %xd = edge.mul %xs, %sx : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  %wf = edge.cast %w : (tensor<2x3xi8>) -> tensor<2x3xf32>
  %zwf = edge.cast %zw : (tensor<2x1xi8>) -> tensor<2x1xf32>
  %ws = edge.sub %wf, %zwf : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
  %wd = edge.mul %ws, %sw : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
  %y = edge.gemm %xd, %wd, %c {transB = true, alpha = 2.0 : f32, beta = 3.0 : f32} : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

// Conv with per-filter scales [M, 1, 1, 1]: conv_integer, then the scale
// as [M, 1, 1] against [N, M, H, W] and the float bias reshaped likewise.
// CHECK-LABEL: func.func @conv_per_filter(
// CHECK:         %[[I:.+]] = edge.conv_integer {{.*}} -> tensor<1x2x3x3xi32>
// CHECK:         %[[S:.+]] = edge.constant dense<{{\[\[\[}}5.000000e-01]], {{\[\[}}1.000000e+00]]]> : tensor<2x1x1xf32>
// CHECK:         %[[Y:.+]] = edge.mul %{{.+}}, %[[S]]
// CHECK:         %[[B:.+]] = edge.reshape %{{.+}} : (tensor<2xf32>) -> tensor<2x1x1xf32>
// CHECK:         edge.add %[[Y]], %[[B]]
// CHECK-NOT:     edge.conv %
func.func @conv_per_filter(%x: tensor<1x1x3x3xui8>, %bias: tensor<2xf32>) -> tensor<1x2x3x3xf32> {
  %w = edge.constant dense<1> : tensor<2x1x1x1xi8>
  %zx = edge.constant dense<7> : tensor<ui8>
  %zw = edge.constant dense<0> : tensor<2x1x1x1xi8>
  %sx = edge.constant dense<0.5> : tensor<f32>
  %sw = edge.constant dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf32>
  %xf = edge.cast %x : (tensor<1x1x3x3xui8>) -> tensor<1x1x3x3xf32>
  %zxf = edge.cast %zx : (tensor<ui8>) -> tensor<f32>
  %xs = edge.sub %xf, %zxf : (tensor<1x1x3x3xf32>, tensor<f32>) -> tensor<1x1x3x3xf32>
  %xd = edge.mul %xs, %sx : (tensor<1x1x3x3xf32>, tensor<f32>) -> tensor<1x1x3x3xf32>
  %wf = edge.cast %w : (tensor<2x1x1x1xi8>) -> tensor<2x1x1x1xf32>
  %zwf = edge.cast %zw : (tensor<2x1x1x1xi8>) -> tensor<2x1x1x1xf32>
  %ws = edge.sub %wf, %zwf : (tensor<2x1x1x1xf32>, tensor<2x1x1x1xf32>) -> tensor<2x1x1x1xf32>
  %wd = edge.mul %ws, %sw : (tensor<2x1x1x1xf32>, tensor<2x1x1x1xf32>) -> tensor<2x1x1x1xf32>
  %y = edge.conv %xd, %wd, %bias {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  return %y : tensor<1x2x3x3xf32>
}

// -----

// A Conv whose weights have different zero points per filter stays float
// (conv_integer takes one weight zero point here).
// CHECK-LABEL: func.func @conv_asymmetric_filters(
// CHECK:         edge.conv %
// CHECK-NOT:     edge.conv_integer
func.func @conv_asymmetric_filters(%x: tensor<1x1x3x3xui8>) -> tensor<1x2x3x3xf32> {
  %w = edge.constant dense<1> : tensor<2x1x1x1xi8>
  %zx = edge.constant dense<7> : tensor<ui8>
  %zw = edge.constant dense<[[[[0]]], [[[3]]]]> : tensor<2x1x1x1xi8>
  %sx = edge.constant dense<0.5> : tensor<f32>
  %sw = edge.constant dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf32>
  %xf = edge.cast %x : (tensor<1x1x3x3xui8>) -> tensor<1x1x3x3xf32>
  %zxf = edge.cast %zx : (tensor<ui8>) -> tensor<f32>
  %xs = edge.sub %xf, %zxf : (tensor<1x1x3x3xf32>, tensor<f32>) -> tensor<1x1x3x3xf32>
  %xd = edge.mul %xs, %sx : (tensor<1x1x3x3xf32>, tensor<f32>) -> tensor<1x1x3x3xf32>
  %wf = edge.cast %w : (tensor<2x1x1x1xi8>) -> tensor<2x1x1x1xf32>
  %zwf = edge.cast %zw : (tensor<2x1x1x1xi8>) -> tensor<2x1x1x1xf32>
  %ws = edge.sub %wf, %zwf : (tensor<2x1x1x1xf32>, tensor<2x1x1x1xf32>) -> tensor<2x1x1x1xf32>
  %wd = edge.mul %ws, %sw : (tensor<2x1x1x1xf32>, tensor<2x1x1x1xf32>) -> tensor<2x1x1x1xf32>
  %y = edge.conv %xd, %wd {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x3x3xf32>
  return %y : tensor<1x2x3x3xf32>
}
