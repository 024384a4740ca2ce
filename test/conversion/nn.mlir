// RUN: edgecc-opt %s --split-input-file --convert-edge-to-linalg | FileCheck %s --implicit-check-not=edge.
// Convolution, pooling, padding, einsum, cumsum and the channel
// normalisations lower to linalg on tensors: padding as a fill with the input
// inserted, windows as generics reading `o * stride + k * dilation`.

// The input is padded by one row before and after; groups become a dim of
// their own in all three operands ([N, G, C/G, H, W] x [G, M/G, C/G, KH, KW]
// -> [N, G, M/G, OH, OW]) and the accumulator starts as the bias.
// CHECK-DAG: #[[BIAS:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d2)>
// CHECK-DAG: #[[ID5:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>
// CHECK-DAG: #[[IN:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d5, d3 * 2 + d6, d4 + d7 * 2)>
// CHECK-DAG: #[[WEIGHT:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d1, d2, d5, d6, d7)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
// CHECK-LABEL: func.func @conv_grouped_bias(
// CHECK-SAME:      %[[X:.+]]: tensor<1x4x5x5xf32>, %[[W:.+]]: tensor<6x2x3x3xf32>, %[[B:.+]]: tensor<6xf32>)
// CHECK:         %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[FILL:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.+}} : tensor<1x4x7x5xf32>)
// CHECK:         %[[PADDED:.+]] = tensor.insert_slice %[[X]] into %[[FILL]][0, 0, 1, 0] [1, 4, 5, 5] [1, 1, 1, 1]
// CHECK:         %[[BG:.+]] = tensor.expand_shape %[[B]] {{\[}}[0, 1]] output_shape [2, 3]
// CHECK:         %[[INIT:.+]] = linalg.generic {indexing_maps = [#[[BIAS]], #[[ID5]]], {{.+}}} ins(%[[BG]] : tensor<2x3xf32>) outs(%{{.+}} : tensor<1x2x3x3x1xf32>)
// CHECK:         %[[XG:.+]] = tensor.expand_shape %[[PADDED]] {{\[}}[0], [1, 2], [3], [4]] output_shape [1, 2, 2, 7, 5]
// CHECK:         %[[WG:.+]] = tensor.expand_shape %[[W]] {{\[}}[0, 1], [2], [3], [4]] output_shape [2, 3, 2, 3, 3]
// CHECK:         %[[CONV:.+]] = linalg.generic {indexing_maps = [#[[IN]], #[[WEIGHT]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]} ins(%[[XG]], %[[WG]] : tensor<1x2x2x7x5xf32>, tensor<2x3x2x3x3xf32>) outs(%[[INIT]] : tensor<1x2x3x3x1xf32>)
// CHECK:           arith.mulf
// CHECK:           arith.addf
// CHECK:         %[[FLAT:.+]] = tensor.collapse_shape %[[CONV]]
// CHECK:         %[[R:.+]] = tensor.expand_shape %[[FLAT]] {{\[}}[0, 1, 2, 3]] output_shape [1, 6, 3, 1]
// CHECK:         return %[[R]]
func.func @conv_grouped_bias(%x: tensor<1x4x5x5xf32>, %w: tensor<6x2x3x3xf32>, %b: tensor<6xf32>) -> tensor<1x6x3x1xf32> {
  %0 = edge.conv %x, %w, %b {dilations = array<i64: 1, 2>, group = 2 : i64, pads = array<i64: 1, 0, 1, 0>, strides = array<i64: 2, 1>} : (tensor<1x4x5x5xf32>, tensor<6x2x3x3xf32>, tensor<6xf32>) -> tensor<1x6x3x1xf32>
  return %0 : tensor<1x6x3x1xf32>
}

// -----

// uint8 max pooling pads with 0 (the smallest uint8) and takes an unsigned
// max; an unused [3, 3] window tensor gives the kernel loops their extent.
// CHECK-DAG: #[[IN:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 * 2 + d4, d3 * 2 + d5)>
// CHECK-DAG: #[[WINDOW:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d4, d5)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @max_pool_ui8(
// CHECK-SAME:      %[[X:.+]]: tensor<1x2x4x4xi8>) -> tensor<1x2x2x2xi8>
// CHECK:         %[[LOW:.+]] = arith.constant 0 : i8
// CHECK:         %[[FILL:.+]] = linalg.fill ins(%[[LOW]] : i8) outs(%{{.+}} : tensor<1x2x5x5xi8>)
// CHECK:         %[[PADDED:.+]] = tensor.insert_slice %[[X]] into %[[FILL]][0, 0, 1, 1] [1, 2, 4, 4] [1, 1, 1, 1]
// CHECK:         %[[INIT:.+]] = linalg.fill ins(%{{.+}} : i8) outs(%{{.+}} : tensor<1x2x2x2xi8>)
// CHECK:         %[[WIN:.+]] = tensor.empty() : tensor<3x3xi8>
// CHECK:         %[[POOL:.+]] = linalg.generic {indexing_maps = [#[[IN]], #[[WINDOW]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]} ins(%[[PADDED]], %[[WIN]] : tensor<1x2x5x5xi8>, tensor<3x3xi8>) outs(%[[INIT]] : tensor<1x2x2x2xi8>)
// CHECK:         ^bb0(%[[IN_:.+]]: i8, %{{.+}}: i8, %[[ACC:.+]]: i8):
// CHECK:           %[[MAX:.+]] = arith.maxui %[[ACC]], %[[IN_]] : i8
// CHECK:           linalg.yield %[[MAX]]
// CHECK:         return %[[POOL]]
func.func @max_pool_ui8(%x: tensor<1x2x4x4xui8>) -> tensor<1x2x2x2xui8> {
  %0 = edge.max_pool %x {ceil_mode = false, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x2x4x4xui8>) -> tensor<1x2x2x2xui8>
  return %0 : tensor<1x2x2x2xui8>
}

// -----

// A window covering the whole input (a global pool) reads the input by the
// kernel loops directly: no padding, no window tensor. Float max is a compare
// and select from -inf (no fmaxf call).
// CHECK-DAG: #[[IN:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d4, d5)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @max_pool_global(
// CHECK-SAME:      %[[X:.+]]: tensor<1x2x4x4xf32>)
// CHECK:         %[[NEG_INF:.+]] = arith.constant 0xFF800000 : f32
// CHECK:         %[[INIT:.+]] = linalg.fill ins(%[[NEG_INF]] : f32) outs(%{{.+}} : tensor<1x2x1x1xf32>)
// CHECK:         %[[POOL:.+]] = linalg.generic {indexing_maps = [#[[IN]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]} ins(%[[X]] : tensor<1x2x4x4xf32>) outs(%[[INIT]] : tensor<1x2x1x1xf32>)
// CHECK:           %[[GT:.+]] = arith.cmpf ogt, %[[IN_:.+]], %[[ACC:.+]] : f32
// CHECK:           arith.select %[[GT]], %[[IN_]], %[[ACC]] : f32
// CHECK:         return %[[POOL]]
func.func @max_pool_global(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x1x1xf32> {
  %0 = edge.max_pool %x {ceil_mode = false, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 4, 4>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x1x1xf32>
  return %0 : tensor<1x2x1x1xf32>
}

// -----

// Without count_include_pad the border windows divide by their real taps:
// [1, 2, 1] for 4 elements padded by one on each side, kernel 2, stride 2.
// CHECK-DAG: #[[SPATIAL:.+]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-DAG: #[[ID3:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @average_pool_pads(
// CHECK:         %[[SUMS:.+]] = linalg.generic {{.+}} outs(%{{.+}} : tensor<1x1x3xf32>)
// CHECK:         %[[COUNTS:.+]] = arith.constant dense<[1.000000e+00, 2.000000e+00, 1.000000e+00]> : tensor<3xf32>
// CHECK:         %[[AVG:.+]] = linalg.generic {indexing_maps = [#[[ID3]], #[[SPATIAL]], #[[ID3]]], {{.+}}} ins(%[[SUMS]], %[[COUNTS]] : tensor<1x1x3xf32>, tensor<3xf32>)
// CHECK:           arith.divf
// CHECK:         return %[[AVG]]
func.func @average_pool_pads(%x: tensor<1x1x4xf32>) -> tensor<1x1x3xf32> {
  %0 = edge.average_pool %x {ceil_mode = false, count_include_pad = false, dilations = array<i64: 1>, kernel_shape = array<i64: 2>, pads = array<i64: 1, 1>, strides = array<i64: 2>} : (tensor<1x1x4xf32>) -> tensor<1x1x3xf32>
  return %0 : tensor<1x1x3xf32>
}

// -----

// With count_include_pad every window divides by the kernel size.
// CHECK-LABEL: func.func @average_pool_uniform(
// CHECK:         %[[SUMS:.+]] = linalg.generic {{.+}} outs(%{{.+}} : tensor<1x1x2xf32>)
// CHECK:         %[[AVG:.+]] = linalg.generic {{.+}} ins(%[[SUMS]] : tensor<1x1x2xf32>)
// CHECK:           %[[THREE:.+]] = arith.constant 3.000000e+00 : f32
// CHECK:           arith.divf %{{.+}}, %[[THREE]] : f32
// CHECK:         return %[[AVG]]
func.func @average_pool_uniform(%x: tensor<1x1x4xf32>) -> tensor<1x1x2xf32> {
  %0 = edge.average_pool %x {ceil_mode = false, count_include_pad = true, dilations = array<i64: 1>, kernel_shape = array<i64: 3>, pads = array<i64: 1, 1>, strides = array<i64: 2>} : (tensor<1x1x4xf32>) -> tensor<1x1x2xf32>
  return %0 : tensor<1x1x2xf32>
}

// -----

// Negative pads crop with a slice first; the uint8 fill value 200 is the
// signless i8 -56.
// CHECK-LABEL: func.func @pad_constant_crop(
// CHECK-SAME:      %[[X:.+]]: tensor<3x4xi8>) -> tensor<4x5xi8>
// CHECK:         %[[CROP:.+]] = tensor.extract_slice %[[X]][1, 0] [2, 3] [1, 1] : tensor<3x4xi8> to tensor<2x3xi8>
// CHECK:         %[[VALUE:.+]] = arith.constant -56 : i8
// CHECK:         %[[FILL:.+]] = linalg.fill ins(%[[VALUE]] : i8) outs(%{{.+}} : tensor<4x5xi8>)
// CHECK:         %[[R:.+]] = tensor.insert_slice %[[CROP]] into %[[FILL]][0, 2] [2, 3] [1, 1] : tensor<2x3xi8> into tensor<4x5xi8>
// CHECK:         return %[[R]]
func.func @pad_constant_crop(%x: tensor<3x4xui8>) -> tensor<4x5xui8> {
  %0 = edge.pad %x {mode = "constant", pads = array<i64: -1, 2, 2, -1>, value = 200 : ui8} : (tensor<3x4xui8>) -> tensor<4x5xui8>
  return %0 : tensor<4x5xui8>
}

// -----

// Edge padding copies the clamped input position; unpadded dims read their
// own index.
// CHECK-LABEL: func.func @pad_edge(
// CHECK-SAME:      %[[X:.+]]: tensor<2x3xf32>)
// CHECK:         linalg.generic {{.+}} outs(%{{.+}} : tensor<2x6xf32>)
// CHECK:           %[[ROW:.+]] = linalg.index 0 : index
// CHECK:           %[[COL:.+]] = linalg.index 1 : index
// CHECK:           %[[SHIFTED:.+]] = arith.subi %[[COL]], %{{.+}} : index
// CHECK:           %[[ABOVE:.+]] = arith.maxsi %[[SHIFTED]], %{{.+}} : index
// CHECK:           %[[CLAMPED:.+]] = arith.minsi %[[ABOVE]], %{{.+}} : index
// CHECK:           %[[E:.+]] = tensor.extract %[[X]][%[[ROW]], %[[CLAMPED]]] : tensor<2x3xf32>
// CHECK:           linalg.yield %[[E]]
func.func @pad_edge(%x: tensor<2x3xf32>) -> tensor<2x6xf32> {
  %0 = edge.pad %x {mode = "edge", pads = array<i64: 0, 1, 0, 2>, value = 0.0 : f32} : (tensor<2x3xf32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

// One contraction generic: loops b, k, i (the output's) then j (summed);
// the transposed operand is just another indexing map.
// CHECK-DAG: #[[A:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>
// CHECK-DAG: #[[B:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d1)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @einsum_batch_transposed(
// CHECK-SAME:      %[[LHS:.+]]: tensor<2x4x3xf32>, %[[RHS:.+]]: tensor<2x4x5xf32>)
// CHECK:         %[[INIT:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<2x5x3xf32>)
// CHECK:         %[[R:.+]] = linalg.generic {indexing_maps = [#[[A]], #[[B]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[LHS]], %[[RHS]] : tensor<2x4x3xf32>, tensor<2x4x5xf32>) outs(%[[INIT]] : tensor<2x5x3xf32>)
// CHECK:           arith.mulf
// CHECK:           arith.addf
// CHECK:         return %[[R]]
func.func @einsum_batch_transposed(%a: tensor<2x4x3xf32>, %b: tensor<2x4x5xf32>) -> tensor<2x5x3xf32> {
  %0 = edge.einsum %a, %b {equation = "bji,bjk->bki"} : (tensor<2x4x3xf32>, tensor<2x4x5xf32>) -> tensor<2x5x3xf32>
  return %0 : tensor<2x5x3xf32>
}

// -----

// A diagonal reads one loop twice; with nothing summed there is no
// accumulator to fill.
// CHECK-DAG: #[[DIAG:.+]] = affine_map<(d0) -> (d0, d0)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @einsum_diagonal(
// CHECK:         %[[EMPTY:.+]] = tensor.empty() : tensor<3xi32>
// CHECK:         linalg.generic {indexing_maps = [#[[DIAG]], #[[OUT]]], iterator_types = ["parallel"]} ins(%{{.+}} : tensor<3x3xi32>) outs(%[[EMPTY]] : tensor<3xi32>)
// CHECK-NEXT:    ^bb0(%[[IN:.+]]: i32, %{{.+}}: i32):
// CHECK-NEXT:      linalg.yield %[[IN]] : i32
func.func @einsum_diagonal(%a: tensor<3x3xi32>) -> tensor<3xi32> {
  %0 = edge.einsum %a {equation = "ii->i"} : (tensor<3x3xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

// The axis appears twice: i (parallel, d1) and j (reduction, d2); a reversed
// exclusive sum takes the j > i elements.
// CHECK-DAG: #[[IN:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @cumsum_reverse_exclusive(
// CHECK:         linalg.generic {indexing_maps = [#[[IN]], #[[OUT]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK:           %[[I:.+]] = linalg.index 1 : index
// CHECK:           %[[J:.+]] = linalg.index 2 : index
// CHECK:           %[[TAKE:.+]] = arith.cmpi sgt, %[[J]], %[[I]] : index
// CHECK:           %[[X:.+]] = arith.select %[[TAKE]], %{{.+}}, %{{.+}} : f32
// CHECK:           arith.addf %{{.+}}, %[[X]] : f32
func.func @cumsum_reverse_exclusive(%x: tensor<2x5xf32>) -> tensor<2x5xf32> {
  %0 = edge.cumsum %x {axis = 1 : i64, exclusive = true, reverse = true} : (tensor<2x5xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

// One square root per channel, then one pass over the input.
// CHECK-DAG: #[[ID3:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[CHANNEL:.+]] = affine_map<(d0, d1, d2) -> (d1)>
// CHECK-LABEL: func.func @batch_norm(
// CHECK-SAME:      %[[X:[a-z0-9]+]]: tensor<2x3x4xf32>, %[[S:[a-z0-9]+]]: tensor<3xf32>, %[[B:[a-z0-9]+]]: tensor<3xf32>, %[[M:[a-z0-9]+]]: tensor<3xf32>, %[[V:[a-z0-9]+]]: tensor<3xf32>)
// CHECK:         %[[FACTOR:.+]] = linalg.generic {{.+}} ins(%[[S]], %[[V]] : tensor<3xf32>, tensor<3xf32>)
// CHECK:           %[[EPS:.+]] = arith.constant 1.000000e-03 : f32
// CHECK:           %[[SHIFTED:.+]] = arith.addf %{{.+}}, %[[EPS]] : f32
// CHECK:           %[[ROOT:.+]] = math.sqrt %[[SHIFTED]] : f32
// CHECK:           arith.divf %{{.+}}, %[[ROOT]] : f32
// CHECK:         %[[R:.+]] = linalg.generic {indexing_maps = [#[[ID3]], #[[CHANNEL]], #[[CHANNEL]], #[[CHANNEL]], #[[ID3]]], {{.+}}} ins(%[[X]], %[[M]], %[[FACTOR]], %[[B]] : {{.+}}) outs(%{{.+}} : tensor<2x3x4xf32>)
// CHECK:           arith.subf
// CHECK:           arith.mulf
// CHECK:           arith.addf
// CHECK:         return %[[R]]
func.func @batch_norm(%x: tensor<2x3x4xf32>, %s: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> tensor<2x3x4xf32> {
  %0 = edge.batch_norm %x, %s, %b, %m, %v {epsilon = 1.0e-3 : f32} : (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// Each [n, c] plane of 4 x 5 = 20 elements: a sum, its mean, the sum of
// squared deviations, the variance, a factor per plane and the final pass.
// CHECK-LABEL: func.func @instance_norm(
// CHECK:         %[[PLANES:.+]] = tensor.expand_shape %{{.+}} output_shape [2, 3, 20]
// CHECK:         %[[SUM:.+]] = linalg.generic {{.+}} iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[PLANES]] : tensor<2x3x20xf32>) outs(%{{.+}} : tensor<2x3xf32>)
// CHECK:         %[[MEAN:.+]] = linalg.generic {{.+}} ins(%[[SUM]] : tensor<2x3xf32>)
// CHECK:           arith.constant 5.000000e-02 : f32
// CHECK:         %[[SQ:.+]] = linalg.generic {{.+}} iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[PLANES]], %[[MEAN]] : tensor<2x3x20xf32>, tensor<2x3xf32>)
// CHECK:         %[[VAR:.+]] = linalg.generic {{.+}} ins(%[[SQ]] : tensor<2x3xf32>)
// CHECK:         %[[SCALE:.+]] = linalg.generic {{.+}} ins(%{{.+}} : tensor<3xf32>) outs(%{{.+}} : tensor<2x3xf32>)
// CHECK:         %[[FACTOR:.+]] = linalg.generic {{.+}} ins(%[[SCALE]], %[[VAR]] : tensor<2x3xf32>, tensor<2x3xf32>)
// CHECK:           math.sqrt
// CHECK:         %[[NORM:.+]] = linalg.generic {{.+}} ins(%[[PLANES]], %[[MEAN]], %[[FACTOR]], %{{.+}} : tensor<2x3x20xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<3xf32>)
// CHECK:         %[[FLAT:.+]] = tensor.collapse_shape %[[NORM]]
// CHECK:         %[[R:.+]] = tensor.expand_shape %[[FLAT]] {{.+}} output_shape [2, 3, 4, 5]
// CHECK:         return %[[R]]
func.func @instance_norm(%x: tensor<2x3x4x5xf32>, %s: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<2x3x4x5xf32> {
  %0 = edge.instance_norm %x, %s, %b {epsilon = 1.0e-5 : f32} : (tensor<2x3x4x5xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4x5xf32>
  return %0 : tensor<2x3x4x5xf32>
}

// -----

// The input is padded with its zero point; both operands widen to int32 by
// their own signedness before the zero points are subtracted. The weight's
// per-filter zero points are read at the filter (d1, d2 = group, filter).
// CHECK-DAG: #[[IN:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d5, d3 + d6, d4 + d7)>
// CHECK-DAG: #[[WEIGHT:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d1, d2, d5, d6, d7)>
// CHECK-DAG: #[[FILTER:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d1, d2)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
// CHECK-LABEL: func.func @conv_integer_per_filter(
// CHECK-SAME:      %[[X:.+]]: tensor<1x2x4x4xi8>, %[[W:.+]]: tensor<2x2x2x2xi8>, %[[XZ:.+]]: tensor<i8>, %[[WZ:.+]]: tensor<2xi8>)
// CHECK:         %[[XZERO:.+]] = tensor.extract %[[XZ]][] : tensor<i8>
// CHECK:         %[[FILL:.+]] = linalg.fill ins(%[[XZERO]] : i8) outs(%{{.+}} : tensor<1x2x5x4xi8>)
// CHECK:         %[[PADDED:.+]] = tensor.insert_slice %[[X]] into %[[FILL]][0, 0, 1, 0] [1, 2, 4, 4] [1, 1, 1, 1]
// CHECK:         %[[XZERO32:.+]] = arith.extui %[[XZERO]] : i8 to i32
// CHECK:         %[[INIT:.+]] = linalg.fill ins(%{{.+}} : i32) outs(%{{.+}} : tensor<1x1x2x4x3xi32>)
// CHECK:         %[[XG:.+]] = tensor.expand_shape %[[PADDED]]
// CHECK:         %[[WG:.+]] = tensor.expand_shape %[[W]]
// CHECK:         %[[WZG:.+]] = tensor.expand_shape %[[WZ]] {{\[}}[0, 1]] output_shape [1, 2] : tensor<2xi8> into tensor<1x2xi8>
// CHECK:         linalg.generic {indexing_maps = [#[[IN]], #[[WEIGHT]], #[[FILTER]], #[[OUT]]], {{.+}}} ins(%[[XG]], %[[WG]], %[[WZG]] : tensor<1x1x2x5x4xi8>, tensor<1x2x2x2x2xi8>, tensor<1x2xi8>) outs(%[[INIT]] : tensor<1x1x2x4x3xi32>)
// CHECK-NEXT:    ^bb0(%[[XV:.+]]: i8, %[[WV:.+]]: i8, %[[WZV:.+]]: i8, %[[ACC:.+]]: i32):
// CHECK-NEXT:      %[[X32:.+]] = arith.extui %[[XV]] : i8 to i32
// CHECK-NEXT:      %[[XS:.+]] = arith.subi %[[X32]], %[[XZERO32]] : i32
// CHECK-NEXT:      %[[WZ32:.+]] = arith.extsi %[[WZV]] : i8 to i32
// CHECK-NEXT:      %[[W32:.+]] = arith.extsi %[[WV]] : i8 to i32
// CHECK-NEXT:      %[[WS:.+]] = arith.subi %[[W32]], %[[WZ32]] : i32
// CHECK-NEXT:      %[[P:.+]] = arith.muli %[[XS]], %[[WS]] : i32
// CHECK-NEXT:      %[[SUM:.+]] = arith.addi %[[ACC]], %[[P]] : i32
// CHECK-NEXT:      linalg.yield %[[SUM]] : i32
func.func @conv_integer_per_filter(%x: tensor<1x2x4x4xui8>, %w: tensor<2x2x2x2xi8>, %xz: tensor<ui8>, %wz: tensor<2xi8>) -> tensor<1x2x4x3xi32> {
  %0 = edge.conv_integer %x, %w, %xz, %wz {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 1, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x4x4xui8>, tensor<2x2x2x2xi8>, tensor<ui8>, tensor<2xi8>) -> tensor<1x2x4x3xi32>
  return %0 : tensor<1x2x4x3xi32>
}

// -----

// Values and indices reduce together in one generic; a strictly greater
// element replaces both, and its index is computed from the loop indices
// (row-major over [N, C, H, W]: ((n * 2 + c) * 5 + h) * 5 + w).
// CHECK-LABEL: func.func @max_pool_with_indices(
// CHECK:         %[[VALUES:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<1x2x2x2xf32>)
// CHECK:         %[[INDICES:.+]] = linalg.fill ins(%{{.+}} : i64) outs(%{{.+}} : tensor<1x2x2x2xi64>)
// CHECK:         %[[R:.+]]:2 = linalg.generic {{.+}} outs(%[[VALUES]], %[[INDICES]] : tensor<1x2x2x2xf32>, tensor<1x2x2x2xi64>)
// CHECK:           %[[GT:.+]] = arith.cmpf ogt, %[[X:.+]], %[[ACC:.+]] : f32
// CHECK:           %[[FLAT:.+]] = arith.index_cast %{{.+}} : index to i64
// CHECK:           %[[V:.+]] = arith.select %[[GT]], %[[X]], %[[ACC]] : f32
// CHECK:           %[[I:.+]] = arith.select %[[GT]], %[[FLAT]], %{{.+}} : i64
// CHECK:           linalg.yield %[[V]], %[[I]] : f32, i64
// CHECK:         return %[[R]]#0, %[[R]]#1
func.func @max_pool_with_indices(%x: tensor<1x2x5x5xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x2x2x2xi64>) {
  %0, %1 = edge.max_pool_with_indices %x {ceil_mode = false, column_major = false, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x2x5x5xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x2x2x2xi64>)
  return %0, %1 : tensor<1x2x2x2xf32>, tensor<1x2x2x2xi64>
}
