// RUN: edgecc-opt %s --convert-edge-to-linalg | FileCheck %s

// edge.attention becomes one loop over the 1 * 2 * 4 = 8 query rows whose
// temporaries are rows of T = 4 scores (tensor<4xf32>); no 4 x 4 score
// matrix exists anywhere.
// CHECK-LABEL: func.func @attention(
// CHECK:         %[[ROWS:.+]] = arith.constant 8 : index
// CHECK:         scf.for %{{.+}} = %{{.+}} to %[[ROWS]] step %{{.+}} iter_args(%{{.+}} = %{{.+}}) -> (tensor<1x2x4x8xf32>)
// CHECK:           tensor.extract_slice {{.*}} to tensor<8xf32>
// CHECK:           linalg.generic {{.*}} iterator_types = ["reduction", "parallel"]} ins({{.*}} : tensor<8xf32>, tensor<8x4xf32>) outs({{.*}} : tensor<4xf32>)
// CHECK:           math.exp
// CHECK:           linalg.generic {{.*}} iterator_types = ["reduction", "parallel"]} ins({{.*}} : tensor<4xf32>, tensor<4x8xf32>) outs({{.*}} : tensor<8xf32>)
// CHECK:           tensor.insert_slice
// CHECK:         } {edge.kernel = "attention"}
// CHECK-NOT:     tensor<1x2x4x4xf32>
func.func @attention(%q: tensor<1x2x4x8xf32>, %kt: tensor<1x2x8x4xf32>, %v: tensor<1x2x4x8xf32>, %m: tensor<1x1x1x4xf32>) -> tensor<1x2x4x8xf32> {
  %a = edge.attention %q, %kt, %v bias %m {fill = 0.0 : f32, scale = 0.125 : f32} : (tensor<1x2x4x8xf32>, tensor<1x2x8x4xf32>, tensor<1x2x4x8xf32>, tensor<1x1x1x4xf32>) -> tensor<1x2x4x8xf32>
  return %a : tensor<1x2x4x8xf32>
}
