// RUN: edgecc-opt %s --split-input-file --convert-edge-to-linalg | FileCheck %s --implicit-check-not=edge.
// edge.matmul_integer with a 2-D rhs and a per-tensor lhs zero point lowers
// to a signed int8 linalg.matmul (what the integer microkernel matches) and
// an elementwise correction for the zero points:
//   sum (a - za)(b - zb) = sum a*b - zb*(rowsum(a) - K*za) - za*colsum(b).
// A uint8 lhs becomes int8 by a ^ 0x80 with za - 128. Other forms stay one
// linalg.generic contraction over (batch..., m, n, k) into an int32
// accumulator: each 8-bit element is widened by its own operand's
// signedness (ui8 is i8 after conversion) and shifted by its zero point
// inside the loop.

// CHECK-LABEL: func.func @per_tensor(
// CHECK-SAME:      %[[A:.+]]: tensor<4x3xi8>, %[[B:.+]]: tensor<3x2xi8>, %[[AZ:.+]]: tensor<i8>, %[[BZ:.+]]: tensor<i8>) -> tensor<4x2xi32>
// CHECK:         %[[AZE:.+]] = tensor.extract %[[AZ]][] : tensor<i8>
// CHECK:         %[[AZ32:.+]] = arith.extui %[[AZE]] : i8 to i32
// CHECK:         %[[C128:.+]] = arith.constant 128 : i32
// CHECK:         %[[ZA:.+]] = arith.subi %[[AZ32]], %[[C128]] : i32
// CHECK:         %[[BZE:.+]] = tensor.extract %[[BZ]][] : tensor<i8>
// CHECK:         %[[ZB:.+]] = arith.extsi %[[BZE]] : i8 to i32
// CHECK:         %[[AS:.+]] = linalg.generic {{.+}} ins(%[[A]] : tensor<4x3xi8>)
// CHECK:           arith.xori %{{.+}}, %c-128_i8 : i8
// CHECK:         %[[COLS:.+]] = linalg.generic {{.+}} iterator_types = ["reduction", "parallel"]} ins(%[[B]] : tensor<3x2xi8>)
// CHECK:         %[[P:.+]] = linalg.matmul ins(%[[AS]], %[[B]] : tensor<4x3xi8>, tensor<3x2xi8>) outs(%{{.+}} : tensor<4x2xi32>)
// CHECK:         %[[ROWS:.+]] = linalg.generic {{.+}} iterator_types = ["parallel", "reduction"]} ins(%[[AS]] : tensor<4x3xi8>)
// CHECK:         %[[K:.+]] = arith.constant 3 : i32
// CHECK:         %[[KZA:.+]] = arith.muli %[[ZA]], %[[K]] : i32
// CHECK:         %[[R:.+]] = linalg.generic {{.+}} iterator_types = ["parallel", "parallel"]} ins(%[[P]], %[[ROWS]], %[[COLS]] : tensor<4x2xi32>, tensor<4xi32>, tensor<2xi32>)
// CHECK-NEXT:    ^bb0(%[[PV:.+]]: i32, %[[RV:.+]]: i32, %[[CV:.+]]: i32, %{{.+}}: i32):
// CHECK-NEXT:      %[[T0:.+]] = arith.subi %[[RV]], %[[KZA]] : i32
// CHECK-NEXT:      %[[T1:.+]] = arith.muli %[[ZB]], %[[T0]] : i32
// CHECK-NEXT:      %[[T2:.+]] = arith.subi %[[PV]], %[[T1]] : i32
// CHECK-NEXT:      %[[T3:.+]] = arith.muli %[[ZA]], %[[CV]] : i32
// CHECK-NEXT:      %[[T4:.+]] = arith.subi %[[T2]], %[[T3]] : i32
// CHECK-NEXT:      linalg.yield %[[T4]] : i32
// CHECK:         return %[[R]]
func.func @per_tensor(%a: tensor<4x3xui8>, %b: tensor<3x2xi8>, %az: tensor<ui8>, %bz: tensor<i8>) -> tensor<4x2xi32> {
  %0 = edge.matmul_integer %a, %b, %az, %bz : (tensor<4x3xui8>, tensor<3x2xi8>, tensor<ui8>, tensor<i8>) -> tensor<4x2xi32>
  return %0 : tensor<4x2xi32>
}

// -----

// Broadcast batches ([2, 1] x [5]) and per-row / per-column zero points are
// read through indexing maps: the lhs zero point [4, 1] by row, the rhs one
// [5, 1, 2] by batch and column, never by k.
// CHECK-DAG: #[[LHS:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, 0, d2, d4)>
// CHECK-DAG: #[[RHS:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d4, d3)>
// CHECK-DAG: #[[LHSZ:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d2, 0)>
// CHECK-DAG: #[[RHSZ:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, 0, d3)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @rows_columns_batch(
// CHECK-SAME:      %[[A:.+]]: tensor<2x1x4x3xi8>, %[[B:.+]]: tensor<5x3x2xi8>, %[[AZ:.+]]: tensor<4x1xi8>, %[[BZ:.+]]: tensor<5x1x2xi8>)
// CHECK:         %[[INIT:.+]] = linalg.fill ins(%{{.+}} : i32) outs(%{{.+}} : tensor<2x5x4x2xi32>)
// CHECK:         %[[R:.+]] = linalg.generic {indexing_maps = [#[[LHS]], #[[RHS]], #[[LHSZ]], #[[RHSZ]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[A]], %[[B]], %[[AZ]], %[[BZ]] : tensor<2x1x4x3xi8>, tensor<5x3x2xi8>, tensor<4x1xi8>, tensor<5x1x2xi8>) outs(%[[INIT]] : tensor<2x5x4x2xi32>)
// CHECK-NEXT:    ^bb0(%[[AV:.+]]: i8, %[[BV:.+]]: i8, %[[AZV:.+]]: i8, %[[BZV:.+]]: i8, %[[ACC:.+]]: i32):
// CHECK-NEXT:      %[[A32:.+]] = arith.extsi %[[AV]] : i8 to i32
// CHECK-NEXT:      %[[AZ32:.+]] = arith.extsi %[[AZV]] : i8 to i32
// CHECK-NEXT:      %[[AS:.+]] = arith.subi %[[A32]], %[[AZ32]] : i32
// CHECK-NEXT:      %[[B32:.+]] = arith.extui %[[BV]] : i8 to i32
// CHECK-NEXT:      %[[BZ32:.+]] = arith.extui %[[BZV]] : i8 to i32
// CHECK-NEXT:      %[[BS:.+]] = arith.subi %[[B32]], %[[BZ32]] : i32
// CHECK-NEXT:      %[[P:.+]] = arith.muli %[[AS]], %[[BS]] : i32
// CHECK-NEXT:      %[[SUM:.+]] = arith.addi %[[ACC]], %[[P]] : i32
// CHECK-NEXT:      linalg.yield %[[SUM]] : i32
// CHECK:         return %[[R]]
func.func @rows_columns_batch(%a: tensor<2x1x4x3xi8>, %b: tensor<5x3x2xui8>, %az: tensor<4x1xi8>, %bz: tensor<5x1x2xui8>) -> tensor<2x5x4x2xi32> {
  %0 = edge.matmul_integer %a, %b, %az, %bz : (tensor<2x1x4x3xi8>, tensor<5x3x2xui8>, tensor<4x1xi8>, tensor<5x1x2xui8>) -> tensor<2x5x4x2xi32>
  return %0 : tensor<2x5x4x2xi32>
}

// -----

// A 1-D lhs is promoted to [1, K] and the added dim dropped after; constant
// zero zero points need no correction at all.
// CHECK-LABEL: func.func @vector_zero_points(
// CHECK-SAME:      %[[A:.+]]: tensor<3xi8>, %[[B:.+]]: tensor<3x2xi8>) -> tensor<2xi32>
// CHECK:         %[[A2:.+]] = tensor.expand_shape %[[A]] {{\[}}[0, 1]] output_shape [1, 3] : tensor<3xi8> into tensor<1x3xi8>
// CHECK:         %[[R:.+]] = linalg.matmul ins(%[[A2]], %[[B]] : tensor<1x3xi8>, tensor<3x2xi8>) outs(%{{.+}} : tensor<1x2xi32>)
// CHECK-NOT:     linalg.generic
// CHECK:         %[[FLAT:.+]] = tensor.collapse_shape %[[R]] {{\[}}[0, 1]] : tensor<1x2xi32> into tensor<2xi32>
// CHECK:         return %[[FLAT]]
func.func @vector_zero_points(%a: tensor<3xi8>, %b: tensor<3x2xi8>) -> tensor<2xi32> {
  %az = edge.constant dense<0> : tensor<i8>
  %bz = edge.constant dense<0> : tensor<1xi8>
  %0 = edge.matmul_integer %a, %b, %az, %bz : (tensor<3xi8>, tensor<3x2xi8>, tensor<i8>, tensor<1xi8>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}
