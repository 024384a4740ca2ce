// RUN: edgecc-opt %s --convert-edge-to-linalg -split-input-file | FileCheck %s --implicit-check-not=edge.
// Lowerings of the data movement, reduction, cast and comparison ops: each
// is one or two linalg.generic ops (or a tensor view) with the indexing
// maps and scalar bodies that give the ONNX semantics.

// Steps [2, -3] from starts [1, 8], sizes [2, 3]: rows 1, 3 and columns
// 8, 5, 2. The strided extract_slice takes columns 2, 5, 8 (lowest first,
// stride |step|); a generic then reads column 2 - j to reverse them.
// CHECK-DAG: #[[REV:.+]] = affine_map<(d0, d1) -> (d0, -d1 + 2)>
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @slice_negative_step(
// CHECK-SAME:      %[[A:.+]]: tensor<5x10xf32>)
// CHECK:         %[[S:.+]] = tensor.extract_slice %[[A]][1, 2] [2, 3] [2, 3] : tensor<5x10xf32> to tensor<2x3xf32>
// CHECK:         %[[R:.+]] = linalg.generic {indexing_maps = [#[[REV]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[S]] : tensor<2x3xf32>)
// CHECK:         ^bb0(%[[IN:.+]]: f32, %{{.+}}: f32):
// CHECK-NEXT:      linalg.yield %[[IN]] : f32
// CHECK:         return %[[R]]
func.func @slice_negative_step(%a: tensor<5x10xf32>) -> tensor<2x3xf32> {
  %0 = edge.slice %a {starts = array<i64: 1, 8>, sizes = array<i64: 2, 3>, steps = array<i64: 2, -3>} : (tensor<5x10xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Positive steps only: the extract_slice alone, no copy.
// CHECK-LABEL: func.func @slice_forward(
// CHECK-SAME:      %[[A:.+]]: tensor<5x10xf32>)
// CHECK-NOT:     linalg.generic
// CHECK:         %[[S:.+]] = tensor.extract_slice %[[A]][0, 3] [5, 4] [1, 2] : tensor<5x10xf32> to tensor<5x4xf32>
// CHECK-NOT:     linalg.generic
// CHECK:         return %[[S]]
func.func @slice_forward(%a: tensor<5x10xf32>) -> tensor<5x4xf32> {
  %0 = edge.slice %a {starts = array<i64: 0, 3>, sizes = array<i64: 5, 4>, steps = array<i64: 1, 2>} : (tensor<5x10xf32>) -> tensor<5x4xf32>
  return %0 : tensor<5x4xf32>
}

// -----

// The mean over dims 1 and 2 of [2,3,4]: one generic summing with two
// reduction iterators into a zero-filled [2], a division by 3 * 4 = 12, and
// keepdims as an expand_shape to [2,1,1].
// CHECK-DAG: #[[IN3:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[OUT1:.+]] = affine_map<(d0, d1, d2) -> (d0)>
// CHECK-LABEL: func.func @reduce_mean_two_axes(
// CHECK-SAME:      %[[A:.+]]: tensor<2x3x4xf32>)
// CHECK:         %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[INIT:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.+}} : tensor<2xf32>)
// CHECK:         %[[SUM:.+]] = linalg.generic {indexing_maps = [#[[IN3]], #[[OUT1]]], iterator_types = ["parallel", "reduction", "reduction"]} ins(%[[A]] : tensor<2x3x4xf32>) outs(%[[INIT]] : tensor<2xf32>)
// CHECK:         ^bb0(%[[X:.+]]: f32, %[[ACC:.+]]: f32):
// CHECK-NEXT:      %[[ADD:.+]] = arith.addf %[[ACC]], %[[X]] fastmath<reassoc,contract> : f32
// CHECK-NEXT:      linalg.yield %[[ADD]] : f32
// CHECK:         %[[MEAN:.+]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<2xf32>)
// CHECK:         ^bb0(%[[S:.+]]: f32, %{{.+}}: f32):
// CHECK-NEXT:      %[[N:.+]] = arith.constant 1.200000e+01 : f32
// CHECK-NEXT:      %[[DIV:.+]] = arith.divf %[[S]], %[[N]] : f32
// CHECK-NEXT:      linalg.yield %[[DIV]] : f32
// CHECK:         %[[R:.+]] = tensor.expand_shape %[[MEAN]] {{\[}}[0, 1, 2]] output_shape [2, 1, 1] : tensor<2xf32> into tensor<2x1x1xf32>
// CHECK:         return %[[R]]
func.func @reduce_mean_two_axes(%a: tensor<2x3x4xf32>) -> tensor<2x1x1xf32> {
  %0 = edge.reduce_mean %a {axes = array<i64: 1, 2>, keepdims = true} : (tensor<2x3x4xf32>) -> tensor<2x1x1xf32>
  return %0 : tensor<2x1x1xf32>
}

// -----

// ArgMax carries (best value, index) from (-inf, -1). With
// select_last_index a tie also moves the index on: oge, not ogt. The first
// element always wins (index still -1).
// CHECK-DAG: #[[IN2:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.+]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @argmax_select_last(
// CHECK-SAME:      %[[A:.+]]: tensor<2x3xf32>)
// CHECK:         %[[NEGINF:.+]] = arith.constant 0xFF800000 : f32
// CHECK:         %[[VALS:.+]] = linalg.fill ins(%[[NEGINF]] : f32) outs(%{{.+}} : tensor<2xf32>)
// CHECK:         %[[NONE:.+]] = arith.constant -1 : i64
// CHECK:         %[[IDXS:.+]] = linalg.fill ins(%[[NONE]] : i64) outs(%{{.+}} : tensor<2xi64>)
// CHECK:         %[[G:.+]]:2 = linalg.generic {indexing_maps = [#[[IN2]], #[[ROW]], #[[ROW]]], iterator_types = ["parallel", "reduction"]} ins(%[[A]] : tensor<2x3xf32>) outs(%[[VALS]], %[[IDXS]] : tensor<2xf32>, tensor<2xi64>)
// CHECK:         ^bb0(%[[X:.+]]: f32, %[[BEST:.+]]: f32, %[[BESTI:.+]]: i64):
// CHECK:           %[[J:.+]] = linalg.index 1 : index
// CHECK:           %[[JI:.+]] = arith.index_cast %[[J]] : index to i64
// CHECK:           %[[BETTER:.+]] = arith.cmpf oge, %[[X]], %[[BEST]] : f32
// CHECK:           %[[FIRST:.+]] = arith.cmpi slt, %[[BESTI]], %{{.+}} : i64
// CHECK:           %[[TAKE:.+]] = arith.ori %[[BETTER]], %[[FIRST]] : i1
// CHECK:           %[[V:.+]] = arith.select %[[TAKE]], %[[X]], %[[BEST]] : f32
// CHECK:           %[[I:.+]] = arith.select %[[TAKE]], %[[JI]], %[[BESTI]] : i64
// CHECK:           linalg.yield %[[V]], %[[I]] : f32, i64
// CHECK:         return %[[G]]#1 : tensor<2xi64>
func.func @argmax_select_last(%a: tensor<2x3xf32>) -> tensor<2xi64> {
  %0 = edge.argmax %a {axis = 1 : i64, keepdims = false, select_last_index = true} : (tensor<2x3xf32>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

// Gather along axis 1 of [4,5,6] by [2,3] indices gives [4,2,3,6]: the index
// is read at result dims (1, 2), wrapped when negative (+5), clamped into
// [0, 4], and the element extracted at (d0, index, d3).
// CHECK-DAG: #[[IDX:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d2)>
// CHECK-DAG: #[[ID4:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @gather(
// CHECK-SAME:      %[[D:.+]]: tensor<4x5x6xf32>, %[[IND:.+]]: tensor<2x3xi64>)
// CHECK:         %[[R:.+]] = linalg.generic {indexing_maps = [#[[IDX]], #[[ID4]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[IND]] : tensor<2x3xi64>) outs(%{{.+}} : tensor<4x2x3x6xf32>)
// CHECK:         ^bb0(%[[RAW:.+]]: i64, %{{.+}}: f32):
// CHECK:           %[[I:.+]] = arith.index_cast %[[RAW]] : i64 to index
// CHECK-DAG:       %[[DIM:.+]] = arith.constant 5 : index
// CHECK-DAG:       %[[C0:.+]] = arith.constant 0 : index
// CHECK:           %[[NEG:.+]] = arith.cmpi slt, %[[I]], %[[C0]] : index
// CHECK:           %[[WRAPPED:.+]] = arith.addi %[[I]], %[[DIM]] : index
// CHECK:           %[[SEL:.+]] = arith.select %[[NEG]], %[[WRAPPED]], %[[I]] : index
// CHECK:           %[[LOW:.+]] = arith.maxsi %[[SEL]], %[[C0]] : index
// CHECK:           %[[C4:.+]] = arith.constant 4 : index
// CHECK:           %[[POS:.+]] = arith.minsi %[[LOW]], %[[C4]] : index
// CHECK-DAG:       %[[D0:.+]] = linalg.index 0 : index
// CHECK-DAG:       %[[D3:.+]] = linalg.index 3 : index
// CHECK:           %[[E:.+]] = tensor.extract %[[D]][%[[D0]], %[[POS]], %[[D3]]] : tensor<4x5x6xf32>
// CHECK:           linalg.yield %[[E]] : f32
// CHECK:         return %[[R]]
func.func @gather(%d: tensor<4x5x6xf32>, %i: tensor<2x3xi64>) -> tensor<4x2x3x6xf32> {
  %0 = edge.gather %d, %i {axis = 1 : i64} : (tensor<4x5x6xf32>, tensor<2x3xi64>) -> tensor<4x2x3x6xf32>
  return %0 : tensor<4x2x3x6xf32>
}

// -----

// ui8 becomes signless i8 in linalg; the cast keeps the unsignedness.
// CHECK-LABEL: func.func @cast_ui8_to_f32(
// CHECK-SAME:      %[[A:.+]]: tensor<2x3xi8>) -> tensor<2x3xf32>
// CHECK:         %[[R:.+]] = linalg.generic {{.*}} ins(%[[A]] : tensor<2x3xi8>) outs(%{{.+}} : tensor<2x3xf32>)
// CHECK:         ^bb0(%[[X:.+]]: i8, %{{.+}}: f32):
// CHECK-NEXT:      %[[F:.+]] = arith.uitofp %[[X]] : i8 to f32
// CHECK-NEXT:      linalg.yield %[[F]] : f32
// CHECK:         return %[[R]]
func.func @cast_ui8_to_f32(%a: tensor<2x3xui8>) -> tensor<2x3xf32> {
  %0 = edge.cast %a : (tensor<2x3xui8>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Unsigned comparison (200 < 100 is false for ui8, true for i8), with
// the [3] operand broadcast along the rows.
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[COL:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @less_ui8(
// CHECK-SAME:      %[[A:.+]]: tensor<2x3xi8>, %[[B:.+]]: tensor<3xi8>) -> tensor<2x3xi1>
// CHECK:         %[[R:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[COL]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[A]], %[[B]] : tensor<2x3xi8>, tensor<3xi8>) outs(%{{.+}} : tensor<2x3xi1>)
// CHECK:         ^bb0(%[[X:.+]]: i8, %[[Y:.+]]: i8, %{{.+}}: i1):
// CHECK-NEXT:      %[[LT:.+]] = arith.cmpi ult, %[[X]], %[[Y]] : i8
// CHECK-NEXT:      linalg.yield %[[LT]] : i1
// CHECK:         return %[[R]]
func.func @less_ui8(%a: tensor<2x3xui8>, %b: tensor<3xui8>) -> tensor<2x3xi1> {
  %0 = edge.less %a, %b : (tensor<2x3xui8>, tensor<3xui8>) -> tensor<2x3xi1>
  return %0 : tensor<2x3xi1>
}

// -----

// Tile [2,3] by [2,3] into [4,9] reads input (i mod 2, j mod 3).
// CHECK-DAG: #[[MOD:.+]] = affine_map<(d0, d1) -> (d0 mod 2, d1 mod 3)>
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @tile(
// CHECK-SAME:      %[[A:.+]]: tensor<2x3xf32>)
// CHECK:         %[[R:.+]] = linalg.generic {indexing_maps = [#[[MOD]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[A]] : tensor<2x3xf32>) outs(%{{.+}} : tensor<4x9xf32>)
// CHECK:         ^bb0(%[[IN:.+]]: f32, %{{.+}}: f32):
// CHECK-NEXT:      linalg.yield %[[IN]] : f32
// CHECK:         return %[[R]]
func.func @tile(%a: tensor<2x3xf32>) -> tensor<4x9xf32> {
  %0 = edge.tile %a {repeats = array<i64: 2, 3>} : (tensor<2x3xf32>) -> tensor<4x9xf32>
  return %0 : tensor<4x9xf32>
}

// -----

// Lower triangle below the diagonal (k = -1) of the last two dims of
// [2,3,4]: keep (i, j) where j - i <= -1, with i, j dims 1 and 2.
// CHECK-LABEL: func.func @trilu_lower(
// CHECK-SAME:      %[[A:.+]]: tensor<2x3x4xf32>)
// CHECK:         %[[R:.+]] = linalg.generic {{.*}} ins(%[[A]] : tensor<2x3x4xf32>)
// CHECK:         ^bb0(%[[X:.+]]: f32, %{{.+}}: f32):
// CHECK-DAG:       %[[I:.+]] = linalg.index 1 : index
// CHECK-DAG:       %[[J:.+]] = linalg.index 2 : index
// CHECK:           %[[DIAG:.+]] = arith.subi %[[J]], %[[I]] : index
// CHECK:           %[[K:.+]] = arith.constant -1 : index
// CHECK:           %[[KEEP:.+]] = arith.cmpi sle, %[[DIAG]], %[[K]] : index
// CHECK:           %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK:           %[[V:.+]] = arith.select %[[KEEP]], %[[X]], %[[ZERO]] : f32
// CHECK:           linalg.yield %[[V]] : f32
// CHECK:         return %[[R]]
func.func @trilu_lower(%a: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = edge.trilu %a {k = -1 : i64, upper = false} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}
