// RUN: edgecc-opt %s --split-input-file --convert-edge-to-linalg | FileCheck %s

// edge.attention becomes a loop over the 1 * 2 batch entries and, in each,
// over blocks of query rows: without a target, blocks of 4, so S = 6 is one
// block and a tail block of 2. Per block the scores are one matmul (Q block
// times K^T), the weighted sum of V another; the softmax goes row by row. The
// largest temporary is a block of scores (tensor<4x4xf32>): no S x T score
// matrix (tensor<6x4xf32>) exists anywhere.
// CHECK-LABEL: func.func @attention(
// CHECK:         scf.for {{.*}} = %c0{{.*}} to %c2{{.*}} step %c1{{.*}} -> (tensor<1x2x6x8xf32>)
// CHECK:           scf.for {{.*}} = %c0{{.*}} to %c4{{.*}} step %c4{{.*}} -> (tensor<1x2x6x8xf32>)
// CHECK:             %[[SCORES:.+]] = linalg.matmul ins(%{{.+}}, %{{.+}} : tensor<4x8xf32>, tensor<8x4xf32>) outs(%{{.+}} : tensor<4x4xf32>)
// CHECK:             %[[ROWS:.+]]:2 = scf.for {{.*}} -> (tensor<4x4xf32>, tensor<4x1xf32>)
// CHECK:               tensor.extract_slice %[[SCORES]]
// CHECK:               math.exp
// CHECK:               arith.divf
// CHECK:             %[[WEIGHTED:.+]] = linalg.matmul ins(%[[ROWS]]#0, %{{.+}} : tensor<4x4xf32>, tensor<4x8xf32>) outs(%{{.+}} : tensor<4x8xf32>)
// CHECK:             linalg.generic {{.*}} ins(%[[WEIGHTED]], %[[ROWS]]#1 : tensor<4x8xf32>, tensor<4x1xf32>)
// CHECK:             tensor.insert_slice {{.*}} [1, 1, 4, 8] [1, 1, 1, 1] : tensor<4x8xf32> into tensor<1x2x6x8xf32>
// The tail block of rows 4 and 5.
// CHECK:           linalg.matmul ins(%{{.+}}, %{{.+}} : tensor<2x8xf32>, tensor<8x4xf32>) outs(%{{.+}} : tensor<2x4xf32>)
// CHECK:           linalg.matmul ins(%{{.+}}, %{{.+}} : tensor<2x4xf32>, tensor<4x8xf32>) outs(%{{.+}} : tensor<2x8xf32>)
// CHECK:           tensor.insert_slice {{.*}} [1, 1, 2, 8] [1, 1, 1, 1] : tensor<2x8xf32> into tensor<1x2x6x8xf32>
// CHECK:         } {edge.kernel = "attention"}
// CHECK-NOT:     tensor<6x4xf32>
func.func @attention(%q: tensor<1x2x6x8xf32>, %kt: tensor<1x2x8x4xf32>, %v: tensor<1x2x4x8xf32>, %m: tensor<1x1x1x4xf32>) -> tensor<1x2x6x8xf32> {
  %a = edge.attention %q, %kt, %v bias %m {fill = 0.0 : f32, scale = 0.125 : f32} : (tensor<1x2x6x8xf32>, tensor<1x2x8x4xf32>, tensor<1x2x4x8xf32>, tensor<1x1x1x4xf32>) -> tensor<1x2x6x8xf32>
  return %a : tensor<1x2x6x8xf32>
}

// -----

// With a target, a block is one row tile of its float microkernel (7 rows on
// NEON, here all S = 4), and the rows' max and sum run over vectors of its
// lanes: one NaN-propagating max or add per 4 scores, then 3 to fold the
// lanes. A constant keep mask (causal) is stored as bytes, compared to 0:
// a vector of i1 would be assembled from memory element by element.
// CHECK-LABEL: func.func @causal(
// CHECK-DAG:     %[[BYTES:.+]] = arith.constant dense<{{\[\[}}1, 0, 0, 0], [1, 1, 0, 0], [1, 1, 1, 0], [1, 1, 1, 1]]> : tensor<4x4xi8>
// CHECK:         scf.for
// CHECK:           scf.for {{.*}} = %c0{{.*}} to %c4{{.*}} step %c4{{.*}} -> (tensor<1x2x4x8xf32>)
// CHECK:             linalg.matmul
// CHECK:             tensor.extract_slice %[[BYTES]]
// CHECK:               arith.cmpi ne, %{{.+}}, %{{.+}} : i8
// CHECK:             %[[MAX:.+]] = scf.for {{.*}} iter_args(%{{.+}} = %{{.+}}) -> (vector<4xf32>)
// CHECK:               vector.transfer_read %{{.+}} : tensor<4xf32>, vector<4xf32>
// CHECK:               arith.cmpf ogt, %{{.+}}, %{{.+}} : vector<4xf32>
// CHECK:             vector.extract %[[MAX]][3] : f32 from vector<4xf32>
// CHECK:             math.exp
// CHECK:             %[[SUM:.+]] = scf.for {{.*}} -> (vector<4xf32>)
// CHECK:               arith.addf %{{.+}}, %{{.+}} fastmath<reassoc,contract> : vector<4xf32>
// CHECK:             vector.extract %[[SUM]][3] : f32 from vector<4xf32>
// CHECK:             linalg.matmul
module attributes {edge.target = {triple = "aarch64-unknown-linux-gnu", float_vector_bits = 128 : i64, vector_registers = 32 : i64}} {
  func.func @causal(%q: tensor<1x2x4x8xf32>, %kt: tensor<1x2x8x4xf32>, %v: tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32> {
    %keep = arith.constant dense<[[true, false, false, false], [true, true, false, false], [true, true, true, false], [true, true, true, true]]> : tensor<4x4xi1>
    %a = edge.attention %q, %kt, %v keep %keep {fill = -1.0e+04 : f32, scale = 0.125 : f32} : (tensor<1x2x4x8xf32>, tensor<1x2x8x4xf32>, tensor<1x2x4x8xf32>, tensor<4x4xi1>) -> tensor<1x2x4x8xf32>
    return %a : tensor<1x2x4x8xf32>
  }
}
