// RUN: edgecc-opt %s --split-input-file --verify-diagnostics
// The verifiers reject shapes that ONNX shape inference rejects.

func.func @bad_broadcast(%a: tensor<2x3xf32>, %b: tensor<4xf32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{shapes [2,3] and [4] cannot be broadcast}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = edge.add %a, %b : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @bad_contraction(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) -> tensor<2x5xf32> {
  // expected-error @+2 {{matmul contraction dims differ}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = edge.matmul %a, %b : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

func.func @wrong_result(%a: tensor<2x3xf32>, %b: tensor<3x5xf32>) -> tensor<2x4xf32> {
  // expected-error @+2 {{inferred type(s) 'tensor<2x5xf32>' are incompatible}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = edge.matmul %a, %b : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @bad_reshape(%a: tensor<2x3xf32>) -> tensor<7xf32> {
  // expected-error @+1 {{changes the element count from 6 to 7}}
  %0 = edge.reshape %a : (tensor<2x3xf32>) -> tensor<7xf32>
  return %0 : tensor<7xf32>
}

// -----

func.func @bad_perm(%a: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+2 {{transpose perm is not a permutation}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = edge.transpose %a {perm = array<i64: 0, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @bad_axis(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{axis 2 is not in [0, 2)}}
  %0 = edge.softmax %a {axis = 2} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Columns 2, 4, 6 of a dim of 6: the last one is outside.
func.func @slice_out_of_bounds(%a: tensor<4x6xf32>) -> tensor<4x3xf32> {
  // expected-error @+2 {{slice of dim 1 (start 2, size 3, step 2) leaves [0, 6)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = edge.slice %a {starts = array<i64: 0, 2>, sizes = array<i64: 4, 3>, steps = array<i64: 1, 2>} : (tensor<4x6xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// Walking backwards from 1 by 2 reaches -1.
func.func @slice_backwards_out_of_bounds(%a: tensor<4xf32>) -> tensor<2xf32> {
  // expected-error @+2 {{slice of dim 0 (start 1, size 2, step -2) leaves [0, 4)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = edge.slice %a {starts = array<i64: 1>, sizes = array<i64: 2>, steps = array<i64: -2>} : (tensor<4xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @slice_step_zero(%a: tensor<4xf32>) -> tensor<2xf32> {
  // expected-error @+2 {{slice of dim 0 (start 0, size 2, step 0) leaves [0, 4)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = edge.slice %a {starts = array<i64: 0>, sizes = array<i64: 2>, steps = array<i64: 0>} : (tensor<4xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// Along axis 1 the dims may differ; dim 0 (2 and 3) may not.
func.func @concat_mismatched_dims(%a: tensor<2x3xf32>, %b: tensor<3x3xf32>) -> tensor<2x6xf32> {
  // expected-error @+2 {{concat inputs [2,3] and [3,3] differ outside axis 1 or in element type}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = edge.concat %a, %b {axis = 1 : i64} : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

func.func @reduce_unsorted_axes(%a: tensor<2x3x4xf32>) -> tensor<3xf32> {
  // expected-error @+2 {{reduction axes [2,0] are not sorted, unique dims of rank 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = edge.reduce_sum %a {axes = array<i64: 2, 0>, keepdims = false} : (tensor<2x3x4xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @cast_changes_shape(%a: tensor<2x3xi64>) -> tensor<6xf32> {
  // expected-error @+1 {{'edge.cast' op changes the shape}}
  %0 = edge.cast %a : (tensor<2x3xi64>) -> tensor<6xf32>
  return %0 : tensor<6xf32>
}
