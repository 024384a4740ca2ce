// RUN: edgecc-opt %s --edge-quantize-weights="group=16" | FileCheck %s

// One column of 16 weights, max |w| = 3.5: scale 3.5 / 7 = 0.5, codes
// round(w / 0.5) + 8, so 3.5 -> 15 and 0.5 -> 9; two per byte, low nibble
// first: 15 | 9 << 4 = 159, then 9 | 9 << 4 = 153.
// CHECK-LABEL: func.func @int4(
// CHECK-DAG:     %[[C:.+]] = edge.constant dense<{{\[\[\[}}159, 153, 153, 153, 153, 153, 153, 153]]]> : tensor<1x1x8xui8>
// CHECK-DAG:     %[[S:.+]] = edge.constant dense<5.000000e-01> : tensor<1xf32>
// CHECK:         edge.matmul_nbits %{{.+}}, %[[C]], %[[S]] {block_size = 16 : i64}
// CHECK-NOT:     edge.matmul %
func.func @int4(%x: tensor<2x16xf32>) -> tensor<2x1xf32> {
  %w = edge.constant dense<[[3.5], [0.5], [0.5], [0.5], [0.5], [0.5], [0.5], [0.5],
                            [0.5], [0.5], [0.5], [0.5], [0.5], [0.5], [0.5], [0.5]]> : tensor<16x1xf32>
  %y = edge.matmul %x, %w : (tensor<2x16xf32>, tensor<16x1xf32>) -> tensor<2x1xf32>
  return %y : tensor<2x1xf32>
}
