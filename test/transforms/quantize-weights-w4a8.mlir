// RUN: edgecc-opt %s --edge-quantize-weights="group=16 int8-activations=true" | FileCheck %s

// w4a8: the same 4-bit codes and scales as weight-only int4 (see
// quantize-weights.mlir: 3.5 and 0.5 at scale 0.5 are codes 15 and 9), and
// x quantized to uint8 at run time by its min/max (including 0), into
// edge.matmul_w4a8 with x's scale and zero point.
// CHECK-LABEL: func.func @w4a8(
// CHECK-SAME:      %[[X:.+]]: tensor<2x16xf32>)
// CHECK-DAG:     %[[C:.+]] = edge.constant dense<{{\[\[\[}}159, 153, 153, 153, 153, 153, 153, 153]]]> : tensor<1x1x8xui8>
// CHECK-DAG:     %[[S:.+]] = edge.constant dense<5.000000e-01> : tensor<1xf32>
// CHECK-DAG:     edge.reduce_min %[[X]]
// CHECK-DAG:     edge.reduce_max %[[X]]
// CHECK:         %[[XQ:.+]] = edge.cast %{{.+}} : (tensor<2x16xf32>) -> tensor<2x16xui8>
// CHECK:         %[[ZQ:.+]] = edge.cast %{{.+}} : (tensor<f32>) -> tensor<ui8>
// CHECK:         edge.matmul_w4a8 %[[XQ]], %{{.+}}, %[[ZQ]], %[[C]], %[[S]] {block_size = 16 : i64} : (tensor<2x16xui8>, tensor<f32>, tensor<ui8>, tensor<1x1x8xui8>, tensor<1xf32>) -> tensor<2x1xf32>
// CHECK-NOT:     edge.matmul %
func.func @w4a8(%x: tensor<2x16xf32>) -> tensor<2x1xf32> {
  %w = edge.constant dense<[[3.5], [0.5], [0.5], [0.5], [0.5], [0.5], [0.5], [0.5],
                            [0.5], [0.5], [0.5], [0.5], [0.5], [0.5], [0.5], [0.5]]> : tensor<16x1xf32>
  %y = edge.matmul %x, %w : (tensor<2x16xf32>, tensor<16x1xf32>) -> tensor<2x1xf32>
  return %y : tensor<2x1xf32>
}
