// RUN: edgecc-opt %s --convert-edge-to-linalg | FileCheck %s

// With a target whose vector registers can hold a row (128-bit float
// vectors, 32 registers: rows of up to 16 * 4 floats), the two row x matrix
// products carry their accumulator row as a vector through the loop over
// the reduced dim, one FMA per matrix row with a broadcast lane, and write
// it once; nothing accumulates through a tensor.
// CHECK-LABEL: func.func @attention(
// CHECK:         scf.for {{.*}} -> (tensor<1x2x4x8xf32>)
// CHECK:           %[[S:.+]] = scf.for {{.*}} iter_args(%[[ACC:.+]] = %{{.+}}) -> (vector<4xf32>)
// CHECK:             vector.broadcast %{{.+}} : f32 to vector<4xf32>
// CHECK:             vector.transfer_read %{{.+}} : tensor<8x4xf32>, vector<4xf32>
// CHECK:             vector.fma {{.*}}, %[[ACC]] : vector<4xf32>
// CHECK:           vector.transfer_write %[[S]], %{{.+}} : vector<4xf32>, tensor<4xf32>
// CHECK:           math.exp
// CHECK:           %[[W:.+]] = scf.for {{.*}} -> (vector<8xf32>)
// CHECK:             vector.transfer_read %{{.+}} : tensor<4x8xf32>, vector<8xf32>
// CHECK:             vector.fma
// CHECK:           vector.transfer_write %[[W]]
// CHECK-NOT:     iterator_types = ["reduction", "parallel"]
module attributes {edge.target = {float_vector_bits = 128 : i64, vector_registers = 32 : i64}} {
  func.func @attention(%q: tensor<1x2x4x8xf32>, %kt: tensor<1x2x8x4xf32>, %v: tensor<1x2x4x8xf32>, %m: tensor<1x1x1x4xf32>) -> tensor<1x2x4x8xf32> {
    %a = edge.attention %q, %kt, %v bias %m {fill = 0.0 : f32, scale = 0.125 : f32} : (tensor<1x2x4x8xf32>, tensor<1x2x8x4xf32>, tensor<1x2x4x8xf32>, tensor<1x1x1x4xf32>) -> tensor<1x2x4x8xf32>
    return %a : tensor<1x2x4x8xf32>
  }
}
