// The 4-bit kernel on buffers in the layout of edgecc/Codegen/NBitsMatmul.h:
// with 128-bit float vectors a 16-column tile is 4 vectors; per word of 8
// codes one vector load of words per vector, 7 `and`s with the masks 15 << 4i
// and one shift by 28, int -> float converts, and FMAs with a broadcast lane
// of the scaled activations; per block the zero point (8 by default) and the
// scale. The activations get a scaled copy (factors 16^-i) and block sums.
// RUN: edgecc-opt %s --split-input-file --edge-lower-nbits-matmul | FileCheck %s

module attributes {edge.target = {float_vector_bits = 128 : i64, vector_registers = 32 : i64}} {
  // CHECK-LABEL: func.func @gemv
  // CHECK-DAG: memref.alloc() : memref<1x64xf32>
  // CHECK-DAG: memref.alloc() : memref<1x2xf32>
  // CHECK-DAG: arith.constant dense<[1.000000e+00, 6.250000e-02, 3.906250e-03, 2.44140625E-4, 1.52587891E-5, 9.53674316E-7, 5.96046448E-8, 1.000000e+00]> : vector<8xf32>
  // CHECK: vector.reduction <add>
  // CHECK: scf.for
  // CHECK: scf.for {{.*}} iter_args
  // CHECK: vector.load %{{.+}}[{{.*}}] : memref<1x8x16xi32>, vector<4xi32>
  // CHECK: arith.andi %{{.+}}, %{{.+}} : vector<4xi32>
  // CHECK: arith.sitofp %{{.+}} : vector<4xi32> to vector<4xf32>
  // CHECK: vector.fma %{{.+}}, %{{.+}}, %{{.+}} : vector<4xf32>
  // CHECK: arith.shrui %{{.+}}, %{{.+}} : vector<4xi32>
  // CHECK: scf.yield
  // CHECK: vector.load %{{.+}}[{{.*}}] : memref<1x2x16xf32>, vector<4xf32>
  // CHECK: vector.fma
  // CHECK: vector.store %{{.+}}, %{{.+}}[{{.*}}] : memref<1x16xf32>, vector<4xf32>
  // CHECK-NOT: linalg.generic
  // CHECK: return
  func.func @gemv(%a: memref<1x64xf32>, %w: memref<1x8x16xi32>, %s: memref<1x2x16xf32>, %c: memref<1x16xf32>) {
    linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d1 floordiv 16, d2 floordiv 8, d1 mod 16)>, affine_map<(d0, d1, d2) -> (d1 floordiv 16, d2 floordiv 32, d1 mod 16)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %w, %s : memref<1x64xf32>, memref<1x8x16xi32>, memref<1x2x16xf32>) outs(%c : memref<1x16xf32>) attrs = {edge.nbits_matmul = {block_size = 32 : i64}} {
    ^bb0(%in: f32, %in_0: i32, %in_1: f32, %out: f32):
      %0 = arith.mulf %in, %in_1 : f32
      %1 = arith.addf %out, %0 : f32
      linalg.yield %1 : f32
    }
    return
  }
}

// -----

// Zero points: the 8 bytes of a tile's block are split into nibbles and
// interleaved back into column order before they meet the block sums.
module attributes {edge.target = {float_vector_bits = 128 : i64, vector_registers = 32 : i64}} {
  // CHECK-LABEL: func.func @zero_points
  // CHECK: vector.load %{{.+}}[{{.*}}] : memref<1x2x8xi8>, vector<8xi8>
  // CHECK: vector.interleave %{{.+}}, %{{.+}} : vector<8xi8> -> vector<16xi8>
  // CHECK-NOT: linalg.generic
  func.func @zero_points(%a: memref<1x64xf32>, %w: memref<1x8x16xi32>, %s: memref<1x2x16xf32>, %z: memref<1x2x8xi8>, %c: memref<1x16xf32>) {
    linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d1 floordiv 16, d2 floordiv 8, d1 mod 16)>, affine_map<(d0, d1, d2) -> (d1 floordiv 16, d2 floordiv 32, d1 mod 16)>, affine_map<(d0, d1, d2) -> (d1 floordiv 16, d2 floordiv 32, (d1 mod 16) floordiv 2)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %w, %s, %z : memref<1x64xf32>, memref<1x8x16xi32>, memref<1x2x16xf32>, memref<1x2x8xi8>) outs(%c : memref<1x16xf32>) attrs = {edge.nbits_matmul = {block_size = 32 : i64}} {
    ^bb0(%in: f32, %in_0: i32, %in_1: f32, %in_2: i8, %out: f32):
      %0 = arith.mulf %in, %in_1 : f32
      %1 = arith.addf %out, %0 : f32
      linalg.yield %1 : f32
    }
    return
  }
}

// -----

// No float vectors (Hexagon v67): the generic stays, untagged, for the loops.
module attributes {edge.target = {float_vector_bits = 0 : i64, vector_registers = 32 : i64}} {
  // CHECK-LABEL: func.func @scalar
  // CHECK-NOT: vector.
  // CHECK: linalg.generic
  // CHECK-NOT: edge.nbits_matmul
  // CHECK: return
  func.func @scalar(%a: memref<1x64xf32>, %w: memref<1x8x16xi32>, %s: memref<1x2x16xf32>, %c: memref<1x16xf32>) {
    linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d1 floordiv 16, d2 floordiv 8, d1 mod 16)>, affine_map<(d0, d1, d2) -> (d1 floordiv 16, d2 floordiv 32, d1 mod 16)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %w, %s : memref<1x64xf32>, memref<1x8x16xi32>, memref<1x2x16xf32>) outs(%c : memref<1x16xf32>) attrs = {edge.nbits_matmul = {block_size = 32 : i64}} {
    ^bb0(%in: f32, %in_0: i32, %in_1: f32, %out: f32):
      %0 = arith.mulf %in, %in_1 : f32
      %1 = arith.addf %out, %0 : f32
      linalg.yield %1 : f32
    }
    return
  }
}
