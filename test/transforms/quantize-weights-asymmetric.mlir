// RUN: edgecc-opt %s --edge-quantize-weights="group=16 asymmetric=true" | FileCheck %s

// One column of 16 weights in [-1.5, 3]: scale 4.5 / 15 = 0.3, zero point
// round(1.5 / 0.3) = 5, codes round(w / 0.3) + 5: 3 -> 15, -1.5 -> 0,
// 0 -> 5. Two per byte, low nibble first: 15 | 0 << 4 = 15, then 5 | 5 << 4
// = 85; the one group's zero point 5 is the low nibble of its byte.
// CHECK-LABEL: func.func @int4_asymmetric(
// CHECK-DAG:     %[[C:.+]] = edge.constant dense<{{\[\[\[}}15, 85, 85, 85, 85, 85, 85, 85]]]> : tensor<1x1x8xui8>
// CHECK-DAG:     %[[S:.+]] = edge.constant dense<3.000000e-01> : tensor<1xf32>
// CHECK-DAG:     %[[Z:.+]] = edge.constant dense<5> : tensor<1xui8>
// CHECK:         edge.matmul_nbits %{{.+}}, %[[C]], %[[S]] zero_points %[[Z]] {block_size = 16 : i64}
func.func @int4_asymmetric(%x: tensor<2x16xf32>) -> tensor<2x1xf32> {
  %w = edge.constant dense<[[3.0], [-1.5], [0.0], [0.0], [0.0], [0.0], [0.0], [0.0],
                            [0.0], [0.0], [0.0], [0.0], [0.0], [0.0], [0.0], [0.0]]> : tensor<16x1xf32>
  %y = edge.matmul %x, %w : (tensor<2x16xf32>, tensor<16x1xf32>) -> tensor<2x1xf32>
  return %y : tensor<2x1xf32>
}
