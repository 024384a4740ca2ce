// Packing: with 64-bit float vectors (2 lanes) the tile is 8 x 4, so the
// constant B[2x8] (B[k][n] = 8k + n) becomes panels [N/4, K, 4] with
// packed[jb][k][c] = B[k][4 jb + c], and the matmul a generic over them.
// RUN: edgecc-opt %s --split-input-file --edge-pack-matmul-weights | FileCheck %s --check-prefix=PACK
// Lowering: loops over 8-row tiles, 4-column panels, then the k loop
// carrying the accumulators; leftover rows and k steps get their own loops.
// RUN: edgecc-opt %s --split-input-file --edge-lower-matmul-microkernel | FileCheck %s --check-prefix=KERNEL

module attributes {edge.target = {float_vector_bits = 64 : i64, vector_registers = 32 : i64}} {
  // PACK-LABEL: func.func @pack
  // PACK: %[[P:.+]] = arith.constant dense<{{\[\[\[}}0.000000e+00, 1.000000e+00, 2.000000e+00, 3.000000e+00], [8.000000e+00, 9.000000e+00, 1.000000e+01, 1.100000e+01]], {{\[\[}}4.000000e+00, 5.000000e+00, 6.000000e+00, 7.000000e+00], [1.200000e+01, 1.300000e+01, 1.400000e+01, 1.500000e+01]]]> : tensor<2x2x4xf32>
  // PACK: linalg.generic {{.*}} ins(%{{.+}}, %[[P]] : tensor<16x2xf32>, tensor<2x2x4xf32>)
  // PACK-SAME: edge.microkernel = {lanes = 2 : i64, mr = 8 : i64, nr = 4 : i64}
  // PACK-NOT: linalg.matmul
  // PACK: return
  func.func @pack(%a: tensor<16x2xf32>) -> tensor<16x8xf32> {
    %w = arith.constant dense<[[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
                               [8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0]]> : tensor<2x8xf32>
    %zero = arith.constant 0.0 : f32
    %e = tensor.empty() : tensor<16x8xf32>
    %c = linalg.fill ins(%zero : f32) outs(%e : tensor<16x8xf32>) -> tensor<16x8xf32>
    %r = linalg.matmul ins(%a, %w : tensor<16x2xf32>, tensor<2x8xf32>) outs(%c : tensor<16x8xf32>) -> tensor<16x8xf32>
    return %r : tensor<16x8xf32>
  }
}

// -----

// C[10x8] += A[10x5] @ B[5x8] (row-major B), tile 8 x 4, 2 lanes: rows
// 0..8 in one 8-row tile loop and 2 leftover rows; k 0..4 by 2 (A read as
// 2-lane vectors) and the leftover k = 4 by 1.
// KERNEL-LABEL: func.func @kernel
// KERNEL: scf.for %{{.+}} = %c0{{.*}} to %c8{{.*}} step %c8
// KERNEL: scf.for %[[JB:.+]] = %c0{{.*}} to %c2{{.*}} step %c1
// 8 rows x 2 vectors of accumulators.
// KERNEL-COUNT-16: vector.load %arg2
// KERNEL: scf.for %{{.+}} = %c0{{.*}} to %c4{{.*}} step %c2{{.*}} iter_args(
// KERNEL-COUNT-8: vector.load %arg0
// KERNEL-COUNT-32: vector.fma
// KERNEL: scf.yield
// KERNEL: scf.for %{{.+}} = %c4{{.*}} to %c5{{.*}} step %c1{{.*}} iter_args(
// KERNEL-COUNT-8: memref.load %arg0
// KERNEL-COUNT-16: vector.fma
// KERNEL-COUNT-16: vector.store
// The 2-row tail tile.
// KERNEL: scf.for %{{.+}} = %c0{{.*}} to %c2{{.*}} step %c1
// KERNEL-COUNT-4: vector.load %arg2
// KERNEL-NOT: linalg.matmul
module {
  func.func @kernel(%a: memref<10x5xf32>, %b: memref<5x8xf32>, %c: memref<10x8xf32>) {
    linalg.matmul {edge.microkernel = {lanes = 2 : i64, mr = 8 : i64, nr = 4 : i64}}
      ins(%a, %b : memref<10x5xf32>, memref<5x8xf32>) outs(%c : memref<10x8xf32>)
    return
  }
}
