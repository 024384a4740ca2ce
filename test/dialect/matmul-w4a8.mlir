// RUN: edgecc-opt %s --split-input-file --verify-diagnostics | FileCheck %s

// CHECK-LABEL: func.func @w4a8(
// CHECK:         edge.matmul_w4a8 %{{.+}} zero_points %{{.+}} {block_size = 32 : i64}
func.func @w4a8(%x: tensor<3x64xui8>, %s: tensor<f32>, %z: tensor<ui8>, %w: tensor<5x2x16xui8>,
                %scales: tensor<10xf32>, %zeros: tensor<5xui8>) -> tensor<3x5xf32> {
  %y = edge.matmul_w4a8 %x, %s, %z, %w, %scales zero_points %zeros {block_size = 32 : i64}
      : (tensor<3x64xui8>, tensor<f32>, tensor<ui8>, tensor<5x2x16xui8>, tensor<10xf32>, tensor<5xui8>) -> tensor<3x5xf32>
  return %y : tensor<3x5xf32>
}

// -----

func.func @w4a8_partial_block(%x: tensor<3x60xui8>, %s: tensor<f32>, %z: tensor<ui8>, %w: tensor<5x2x16xui8>,
                              %scales: tensor<10xf32>) -> tensor<3x5xf32> {
  // expected-error @+1 {{K = 60 must be 2 blocks of 32}}
  %y = edge.matmul_w4a8 %x, %s, %z, %w, %scales {block_size = 32 : i64}
      : (tensor<3x60xui8>, tensor<f32>, tensor<ui8>, tensor<5x2x16xui8>, tensor<10xf32>) -> tensor<3x5xf32>
  return %y : tensor<3x5xf32>
}

// -----

func.func @w4a8_zero_point_type(%x: tensor<3x64xui8>, %s: tensor<f32>, %z: tensor<i8>, %w: tensor<5x2x16xui8>,
                                %scales: tensor<10xf32>) -> tensor<3x5xf32> {
  // expected-error @+1 {{needs one input scale and one zero point of the input's type}}
  %y = edge.matmul_w4a8 %x, %s, %z, %w, %scales {block_size = 32 : i64}
      : (tensor<3x64xui8>, tensor<f32>, tensor<i8>, tensor<5x2x16xui8>, tensor<10xf32>) -> tensor<3x5xf32>
  return %y : tensor<3x5xf32>
}
