// RUN: edgecc-opt %s --split-input-file --convert-edge-to-linalg | FileCheck %s --implicit-check-not=edge.
// Each edge op family lowers to linalg on tensors: named contractions where
// they fit, generics with broadcasting indexing maps otherwise, and no edge
// op is left behind.

// A plain 2-D product is a linalg.matmul accumulating into a zero fill.
// CHECK-LABEL: func.func @matmul_2d(
// CHECK-SAME:      %[[A:.+]]: tensor<2x3xf32>, %[[B:.+]]: tensor<3x4xf32>)
// CHECK:         %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[INIT:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.+}} : tensor<2x4xf32>)
// CHECK:         %[[MM:.+]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<2x3xf32>, tensor<3x4xf32>) outs(%[[INIT]] : tensor<2x4xf32>)
// CHECK:         return %[[MM]]
func.func @matmul_2d(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %0 = edge.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// [2,3,4] x [4,5]: the batch folds into the rows of one [6,4] x [4,5] matmul,
// and the [6,5] result is reshaped back to [2,3,5].
// CHECK-LABEL: func.func @matmul_3d_2d(
// CHECK-SAME:      %[[A:.+]]: tensor<2x3x4xf32>, %[[B:.+]]: tensor<4x5xf32>)
// CHECK:         %[[FLAT:.+]] = tensor.collapse_shape %[[A]] {{\[}}[0, 1, 2]] : tensor<2x3x4xf32> into tensor<24xf32>
// CHECK:         %[[ROWS:.+]] = tensor.expand_shape %[[FLAT]] {{\[}}[0, 1]] output_shape [6, 4] : tensor<24xf32> into tensor<6x4xf32>
// CHECK:         %[[MM:.+]] = linalg.matmul ins(%[[ROWS]], %[[B]] : tensor<6x4xf32>, tensor<4x5xf32>) outs(%{{.+}} : tensor<6x5xf32>)
// CHECK:         %[[RFLAT:.+]] = tensor.collapse_shape %[[MM]] {{\[}}[0, 1]] : tensor<6x5xf32> into tensor<30xf32>
// CHECK:         %[[R:.+]] = tensor.expand_shape %[[RFLAT]] {{\[}}[0, 1, 2]] output_shape [2, 3, 5] : tensor<30xf32> into tensor<2x3x5xf32>
// CHECK:         return %[[R]] : tensor<2x3x5xf32>
func.func @matmul_3d_2d(%a: tensor<2x3x4xf32>, %b: tensor<4x5xf32>) -> tensor<2x3x5xf32> {
  %0 = edge.matmul %a, %b : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// -----

// Equal batch dims: linalg.batch_matmul.
// CHECK-LABEL: func.func @matmul_same_batch(
// CHECK-SAME:      %[[A:.+]]: tensor<2x3x4xf32>, %[[B:.+]]: tensor<2x4x5xf32>)
// CHECK:         %[[MM:.+]] = linalg.batch_matmul ins(%[[A]], %[[B]] : tensor<2x3x4xf32>, tensor<2x4x5xf32>) outs(%{{.+}} : tensor<2x3x5xf32>)
// CHECK:         return %[[MM]]
func.func @matmul_same_batch(%a: tensor<2x3x4xf32>, %b: tensor<2x4x5xf32>) -> tensor<2x3x5xf32> {
  %0 = edge.matmul %a, %b : (tensor<2x3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// -----

// A size-1 batch dim broadcast against 2: a generic over (batch, m, n, k)
// reading the rhs batch at index 0, with k the reduction; no copy of the
// broadcast operand.
// CHECK-DAG: #[[LHS:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG: #[[RHS:.+]] = affine_map<(d0, d1, d2, d3) -> (0, d3, d2)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @matmul_broadcast_batch(
// CHECK-SAME:      %[[A:.+]]: tensor<2x3x4xf32>, %[[B:.+]]: tensor<1x4x5xf32>)
// CHECK-NOT:     linalg.batch_matmul
// CHECK:         %[[MM:.+]] = linalg.generic {indexing_maps = [#[[LHS]], #[[RHS]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
// CHECK-SAME:        ins(%[[A]], %[[B]] : tensor<2x3x4xf32>, tensor<1x4x5xf32>) outs(%{{.+}} : tensor<2x3x5xf32>)
// CHECK:         ^bb0(%[[L:.+]]: f32, %[[R:.+]]: f32, %[[ACC:.+]]: f32):
// CHECK:           %[[P:.+]] = arith.mulf %[[L]], %[[R]] : f32
// CHECK:           %[[S:.+]] = arith.addf %[[ACC]], %[[P]] : f32
// CHECK:           linalg.yield %[[S]] : f32
// CHECK:         return %[[MM]]
func.func @matmul_broadcast_batch(%a: tensor<2x3x4xf32>, %b: tensor<1x4x5xf32>) -> tensor<2x3x5xf32> {
  %0 = edge.matmul %a, %b : (tensor<2x3x4xf32>, tensor<1x4x5xf32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// -----

// Gemm with transB reads B through a (n, k) map instead of transposing it;
// C [4] is broadcast along the rows into the accumulator.
// CHECK-DAG: #[[CROW:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[ID2:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[AMAP:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[BMAP:.+]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[OMAP:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @gemm_trans_b(
// CHECK-SAME:      %[[A:.+]]: tensor<2x3xf32>, %[[B:.+]]: tensor<4x3xf32>, %[[C:.+]]: tensor<4xf32>)
// CHECK-NOT:     linalg.transpose
// CHECK:         %[[ACC:.+]] = linalg.generic {indexing_maps = [#[[CROW]], #[[ID2]]], iterator_types = ["parallel", "parallel"]} ins(%[[C]] : tensor<4xf32>)
// CHECK-NOT:     linalg.transpose
// CHECK:         %[[G:.+]] = linalg.generic {indexing_maps = [#[[AMAP]], #[[BMAP]], #[[OMAP]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK-SAME:        ins(%[[A]], %[[B]] : tensor<2x3xf32>, tensor<4x3xf32>) outs(%[[ACC]] : tensor<2x4xf32>)
// CHECK:           arith.mulf
// CHECK:           arith.addf
// CHECK:         return %[[G]]
func.func @gemm_trans_b(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>, %c: tensor<4xf32>) -> tensor<2x4xf32> {
  %0 = edge.gemm %a, %b, %c {transB = true} : (tensor<2x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// alpha and beta scale the product and C: beta * C first, then
// alpha * (A B) + that in one elementwise generic.
// CHECK-LABEL: func.func @gemm_alpha_beta(
// CHECK-SAME:      %[[A:.+]]: tensor<2x3xf32>, %[[B:.+]]: tensor<3x4xf32>, %[[C:.+]]: tensor<2x4xf32>)
// CHECK:         %[[BC:.+]] = linalg.generic {{.*}} ins(%[[C]] : tensor<2x4xf32>)
// CHECK:           %[[BETA:.+]] = arith.constant 2.000000e+00 : f32
// CHECK:           arith.mulf %{{.+}}, %[[BETA]] : f32
// CHECK:         %[[AB:.+]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<2x3xf32>, tensor<3x4xf32>)
// CHECK:         %[[R:.+]] = linalg.generic {{.*}} ins(%[[AB]], %[[BC]] : tensor<2x4xf32>, tensor<2x4xf32>)
// CHECK:         ^bb0(%[[P:.+]]: f32, %[[Q:.+]]: f32, %{{.+}}: f32):
// CHECK:           %[[ALPHA:.+]] = arith.constant 5.000000e-01 : f32
// CHECK:           %[[SCALED:.+]] = arith.mulf %[[P]], %[[ALPHA]] : f32
// CHECK:           %[[SUM:.+]] = arith.addf %[[SCALED]], %[[Q]] : f32
// CHECK:           linalg.yield %[[SUM]]
// CHECK:         return %[[R]]
func.func @gemm_alpha_beta(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %c: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %0 = edge.gemm %a, %b, %c {alpha = 0.5 : f32, beta = 2.0 : f32} : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// [2,1,4] + [3,1] -> [2,3,4]: size-1 dims that the result widens read index
// 0, and the rank-2 operand is aligned to the trailing dims.
// CHECK-DAG: #[[LHS:.+]] = affine_map<(d0, d1, d2) -> (d0, 0, d2)>
// CHECK-DAG: #[[RHS:.+]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @add_broadcast(
// CHECK-SAME:      %[[A:.+]]: tensor<2x1x4xf32>, %[[B:.+]]: tensor<3x1xf32>)
// CHECK:         %[[EMPTY:.+]] = tensor.empty() : tensor<2x3x4xf32>
// CHECK:         %[[R:.+]] = linalg.generic {indexing_maps = [#[[LHS]], #[[RHS]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME:        ins(%[[A]], %[[B]] : tensor<2x1x4xf32>, tensor<3x1xf32>) outs(%[[EMPTY]] : tensor<2x3x4xf32>)
// CHECK:         ^bb0(%[[X:.+]]: f32, %[[Y:.+]]: f32, %{{.+}}: f32):
// CHECK:           %[[S:.+]] = arith.addf %[[X]], %[[Y]] : f32
// CHECK:           linalg.yield %[[S]] : f32
// CHECK:         return %[[R]]
func.func @add_broadcast(%a: tensor<2x1x4xf32>, %b: tensor<3x1xf32>) -> tensor<2x3x4xf32> {
  %0 = edge.add %a, %b : (tensor<2x1x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// CHECK-LABEL: func.func @relu(
// CHECK-SAME:      %[[A:.+]]: tensor<2x3xf32>)
// CHECK:         linalg.generic {{.*}} ins(%[[A]] : tensor<2x3xf32>)
// CHECK:         ^bb0(%[[X:.+]]: f32, %{{.+}}: f32):
// CHECK:           %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// NaN-propagating max as compare + select (no libm fmaximumf on any core).
// CHECK:           %[[GT:.+]] = arith.cmpf ogt, %[[X]], %[[ZERO]] : f32
// CHECK:           %[[SEL:.+]] = arith.select %[[GT]], %[[X]], %[[ZERO]] : f32
// CHECK:           %[[NAN:.+]] = arith.cmpf uno, %[[X]], %[[X]] : f32
// CHECK:           %[[M:.+]] = arith.select %[[NAN]], %[[X]], %[[SEL]] : f32
// CHECK:           linalg.yield %[[M]] : f32
func.func @relu(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = edge.relu %a : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Softmax along axis 1 in the stable form: a max reduction from -inf,
// exp(x - max), a sum reduction from 0, and a division.
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.+]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @softmax(
// CHECK-SAME:      %[[X:.+]]: tensor<2x3xf32>)
// CHECK:         %[[NEGINF:.+]] = arith.constant 0xFF800000 : f32
// CHECK:         %[[MAXINIT:.+]] = linalg.fill ins(%[[NEGINF]] : f32) outs(%{{.+}} : tensor<2xf32>)
// CHECK:         %[[MAX:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]]], iterator_types = ["parallel", "reduction"]} ins(%[[X]] : tensor<2x3xf32>) outs(%[[MAXINIT]] : tensor<2xf32>)
// CHECK:           arith.cmpf ogt
// CHECK:           arith.select
// CHECK:         %[[EXP:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[X]], %[[MAX]] : tensor<2x3xf32>, tensor<2xf32>)
// CHECK:           %[[SHIFTED:.+]] = arith.subf
// CHECK:           math.exp %[[SHIFTED]] : f32
// CHECK:         %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[SUMINIT:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.+}} : tensor<2xf32>)
// CHECK:         %[[SUM:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]]], iterator_types = ["parallel", "reduction"]} ins(%[[EXP]] : tensor<2x3xf32>) outs(%[[SUMINIT]] : tensor<2xf32>)
// CHECK:           arith.addf
// CHECK:         %[[R:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[EXP]], %[[SUM]] : tensor<2x3xf32>, tensor<2xf32>)
// CHECK:           arith.divf
// CHECK:         return %[[R]]
func.func @softmax(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = edge.softmax %a {axis = 1} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Reshape is a collapse to 1-D and an expand: views, never a copy.
// CHECK-LABEL: func.func @reshape(
// CHECK-SAME:      %[[A:.+]]: tensor<2x3x4xf32>)
// CHECK-NOT:     linalg.
// CHECK:         %[[FLAT:.+]] = tensor.collapse_shape %[[A]] {{\[}}[0, 1, 2]] : tensor<2x3x4xf32> into tensor<24xf32>
// CHECK:         %[[R:.+]] = tensor.expand_shape %[[FLAT]] {{\[}}[0, 1]] output_shape [4, 6] : tensor<24xf32> into tensor<4x6xf32>
// CHECK:         return %[[R]] : tensor<4x6xf32>
func.func @reshape(%a: tensor<2x3x4xf32>) -> tensor<4x6xf32> {
  %0 = edge.reshape %a : (tensor<2x3x4xf32>) -> tensor<4x6xf32>
  return %0 : tensor<4x6xf32>
}

// -----

// CHECK-LABEL: func.func @transpose(
// CHECK-SAME:      %[[A:.+]]: tensor<2x3x4xf32>)
// CHECK:         %[[EMPTY:.+]] = tensor.empty() : tensor<4x2x3xf32>
// CHECK:         %[[T:.+]] = linalg.transpose ins(%[[A]] : tensor<2x3x4xf32>) outs(%[[EMPTY]] : tensor<4x2x3xf32>) permutation = [2, 0, 1]
// CHECK:         return %[[T]]
func.func @transpose(%a: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  %0 = edge.transpose %a {perm = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  return %0 : tensor<4x2x3xf32>
}

// -----

// ui8 becomes i8 in the signature; the division stays unsigned.
// CHECK-LABEL: func.func @div_ui8(
// CHECK-SAME:      %[[A:.+]]: tensor<4xi8>, %[[B:.+]]: tensor<4xi8>) -> tensor<4xi8>
// CHECK:         %[[R:.+]] = linalg.generic {{.*}} ins(%[[A]], %[[B]] : tensor<4xi8>, tensor<4xi8>)
// CHECK:         ^bb0(%[[X:.+]]: i8, %[[Y:.+]]: i8, %{{.+}}: i8):
// CHECK:           %[[Q:.+]] = arith.divui %[[X]], %[[Y]] : i8
// CHECK:           linalg.yield %[[Q]] : i8
// CHECK:         return %[[R]] : tensor<4xi8>
func.func @div_ui8(%a: tensor<4xui8>, %b: tensor<4xui8>) -> tensor<4xui8> {
  %0 = edge.div %a, %b : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  return %0 : tensor<4xui8>
}

// -----

// A signed i8 division is arith.divsi.
// CHECK-LABEL: func.func @div_i8(
// CHECK:         arith.divsi %{{.+}}, %{{.+}} : i8
func.func @div_i8(%a: tensor<4xi8>, %b: tensor<4xi8>) -> tensor<4xi8> {
  %0 = edge.div %a, %b : (tensor<4xi8>, tensor<4xi8>) -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

// A ui8 constant keeps its bits as i8 (200 reads back as -56).
// CHECK-LABEL: func.func @constant_ui8(
// CHECK:         %[[C:.+]] = arith.constant dense<[-56, 1, 2, 3]> : tensor<4xi8>
// CHECK:         return %[[C]] : tensor<4xi8>
func.func @constant_ui8() -> tensor<4xui8> {
  %c = edge.constant dense<[200, 1, 2, 3]> : tensor<4xui8>
  return %c : tensor<4xui8>
}
