// RUN: edgecc-opt %s --convert-edge-to-linalg | FileCheck %s

// A float reduction of a whole tensor (a per-tensor min or max for run-time
// quantization, say) is one loop over it, flattened, with an accumulator of
// the target's lanes (4 here) carried in registers, and the lanes folded at
// the end: maxima by the NaN-propagating max again, partial sums of squares
// by adding them (squaring them again would be wrong).
// CHECK-LABEL: func.func @range(
// CHECK:         %[[MAX:.+]] = scf.for {{.*}} iter_args(%[[ACC:.+]] = %{{.+}}) -> (vector<4xf32>) {
// CHECK:           arith.cmpf ogt, %[[ACC]], %{{.+}} : vector<4xf32>
// CHECK:         } {edge.kernel = "reduction"}
// CHECK-COUNT-3:  arith.cmpf ogt, %{{.+}}, %{{.+}} : f32
// CHECK:         tensor.from_elements
// CHECK:         %[[SQ:.+]] = scf.for {{.*}} -> (vector<4xf32>) {
// CHECK:           arith.mulf
// CHECK:           arith.addf {{.*}} : vector<4xf32>
// CHECK:         } {edge.kernel = "reduction"}
// CHECK-NOT:     arith.mulf
// CHECK-COUNT-3:  arith.addf {{.*}} : f32
// CHECK:         tensor.from_elements
// CHECK-NOT:     linalg.generic
module attributes {edge.target = {triple = "aarch64-unknown-linux-gnu", float_vector_bits = 128 : i64, vector_registers = 32 : i64}} {
  func.func @range(%x: tensor<4x8xf32>) -> (tensor<f32>, tensor<1x1xf32>) {
    %m = edge.reduce_max %x {axes = array<i64: 0, 1>, keepdims = false} : (tensor<4x8xf32>) -> tensor<f32>
    %s = edge.reduce_sum_square %x {axes = array<i64: 0, 1>, keepdims = true} : (tensor<4x8xf32>) -> tensor<1x1xf32>
    return %m, %s : tensor<f32>, tensor<1x1xf32>
  }
}
