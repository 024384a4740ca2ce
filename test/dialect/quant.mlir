// RUN: edgecc-opt %s --split-input-file --verify-diagnostics | FileCheck %s
// edge.matmul_integer takes edge.matmul's shapes with an int32 result; its
// zero points have their operand's element type and stay constant along
// the contraction dim.

// CHECK-LABEL: func.func @valid
// CHECK: edge.matmul_integer %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} : (tensor<2x4x3xui8>, tensor<3x5xi8>, tensor<4x1xui8>, tensor<5xi8>) -> tensor<2x4x5xi32>
// CHECK: edge.matmul_integer %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} : (tensor<3xi8>, tensor<3xi8>, tensor<i8>, tensor<1xi8>) -> tensor<i32>
func.func @valid(%a: tensor<2x4x3xui8>, %b: tensor<3x5xi8>, %az: tensor<4x1xui8>, %bz: tensor<5xi8>, %v: tensor<3xi8>, %s: tensor<i8>, %s1: tensor<1xi8>) -> (tensor<2x4x5xi32>, tensor<i32>) {
  %0 = edge.matmul_integer %a, %b, %az, %bz : (tensor<2x4x3xui8>, tensor<3x5xi8>, tensor<4x1xui8>, tensor<5xi8>) -> tensor<2x4x5xi32>
  %1 = edge.matmul_integer %v, %v, %s, %s1 : (tensor<3xi8>, tensor<3xi8>, tensor<i8>, tensor<1xi8>) -> tensor<i32>
  return %0, %1 : tensor<2x4x5xi32>, tensor<i32>
}

// -----

func.func @zero_point_along_k(%a: tensor<4x3xi8>, %b: tensor<3x5xi8>, %az: tensor<4x3xi8>, %bz: tensor<i8>) -> tensor<4x5xi32> {
  // expected-error @+2 {{lhs zero point 'tensor<4x3xi8>' is not per tensor or per row of lhs 'tensor<4x3xi8>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = edge.matmul_integer %a, %b, %az, %bz : (tensor<4x3xi8>, tensor<3x5xi8>, tensor<4x3xi8>, tensor<i8>) -> tensor<4x5xi32>
  return %0 : tensor<4x5xi32>
}

// -----

func.func @zero_point_type(%a: tensor<4x3xi8>, %b: tensor<3x5xui8>, %az: tensor<i8>, %bz: tensor<i8>) -> tensor<4x5xi32> {
  // expected-error @+2 {{rhs zero point element type 'i8' differs from 'ui8'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = edge.matmul_integer %a, %b, %az, %bz : (tensor<4x3xi8>, tensor<3x5xui8>, tensor<i8>, tensor<i8>) -> tensor<4x5xi32>
  return %0 : tensor<4x5xi32>
}

// -----

func.func @contraction(%a: tensor<4x3xi8>, %b: tensor<2x5xi8>, %z: tensor<i8>) -> tensor<4x5xi32> {
  // expected-error @+2 {{matmul contraction dims differ: [4,3] x [2,5]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = edge.matmul_integer %a, %b, %z, %z : (tensor<4x3xi8>, tensor<2x5xi8>, tensor<i8>, tensor<i8>) -> tensor<4x5xi32>
  return %0 : tensor<4x5xi32>
}
