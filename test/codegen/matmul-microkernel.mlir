// Packing. The target is NEON-like (fmla by element) with 64-bit float
// vectors: 2 lanes, 32 registers. Its widest tile is 7 x 6 (21 accumulators,
// 3 B, 7 A); a constant B is zero-padded to whole panels only while that adds
// at most 1/16 (a quarter for a one-vector tile), so narrower B takes a
// narrower tile (targets/Microkernel.cpp).
// RUN: edgecc-opt %s --split-input-file --edge-pack-matmul-weights | FileCheck %s --check-prefix=PACK
// Lowering: loops over row tiles and whole panels, a partial last panel under
// constant masks, leftover rows, and the leftover k steps straight after the
// k loop.
// RUN: edgecc-opt %s --split-input-file --edge-lower-matmul-microkernel | FileCheck %s --check-prefix=KERNEL

module attributes {edge.target = {triple = "aarch64-unknown-linux-gnu", float_vector_bits = 64 : i64, vector_registers = 32 : i64}} {
  // N = 8: 6-wide panels would pad to 12, so the tile narrows to 4 columns
  // (2 vectors, mr 8 again), which divide N. B[k][n] = 8k + n becomes
  // panels [N/4, K, 4] with packed[jb][k][c] = B[k][4 jb + c].
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

  // N = 5: one vector wide, padded to 6 columns (+20%); B[k][n] = 5k + n,
  // the last panel's second column zero.
  // PACK-LABEL: func.func @pack_padded
  // PACK: %[[P:.+]] = arith.constant dense<{{\[\[\[}}0.000000e+00, 1.000000e+00], [5.000000e+00, 6.000000e+00]], {{\[\[}}2.000000e+00, 3.000000e+00], [7.000000e+00, 8.000000e+00]], {{\[\[}}4.000000e+00, 0.000000e+00], [9.000000e+00, 0.000000e+00]]]> : tensor<3x2x2xf32>
  // PACK: linalg.generic {{.*}} ins(%{{.+}}, %[[P]] : tensor<16x2xf32>, tensor<3x2x2xf32>)
  // PACK-SAME: edge.microkernel = {lanes = 2 : i64, mr = 8 : i64, nr = 2 : i64}
  // PACK: return
  func.func @pack_padded(%a: tensor<16x2xf32>) -> tensor<16x5xf32> {
    %w = arith.constant dense<[[0.0, 1.0, 2.0, 3.0, 4.0],
                               [5.0, 6.0, 7.0, 8.0, 9.0]]> : tensor<2x5xf32>
    %zero = arith.constant 0.0 : f32
    %e = tensor.empty() : tensor<16x5xf32>
    %c = linalg.fill ins(%zero : f32) outs(%e : tensor<16x5xf32>) -> tensor<16x5xf32>
    %r = linalg.matmul ins(%a, %w : tensor<16x2xf32>, tensor<2x5xf32>) outs(%c : tensor<16x5xf32>) -> tensor<16x5xf32>
    return %r : tensor<16x5xf32>
  }

  // N = 1 would double B even one vector wide: the matmul keeps its loops.
  // PACK-LABEL: func.func @pack_too_narrow
  // PACK: linalg.matmul
  // PACK-NOT: edge.microkernel
  // PACK: return
  func.func @pack_too_narrow(%a: tensor<16x2xf32>) -> tensor<16x1xf32> {
    %w = arith.constant dense<[[1.0], [2.0]]> : tensor<2x1xf32>
    %zero = arith.constant 0.0 : f32
    %e = tensor.empty() : tensor<16x1xf32>
    %c = linalg.fill ins(%zero : f32) outs(%e : tensor<16x1xf32>) -> tensor<16x1xf32>
    %r = linalg.matmul ins(%a, %w : tensor<16x2xf32>, tensor<2x1xf32>) outs(%c : tensor<16x1xf32>) -> tensor<16x1xf32>
    return %r : tensor<16x1xf32>
  }

  // A computed B is read in place, its last vector masked: any N takes the
  // widest tile.
  // PACK-LABEL: func.func @computed
  // PACK: linalg.batch_matmul {edge.microkernel = {lanes = 2 : i64, mr = 7 : i64, nr = 6 : i64}}
  func.func @computed(%a: tensor<2x4x3xf32>, %b: tensor<2x3x5xf32>) -> tensor<2x4x5xf32> {
    %zero = arith.constant 0.0 : f32
    %e = tensor.empty() : tensor<2x4x5xf32>
    %c = linalg.fill ins(%zero : f32) outs(%e : tensor<2x4x5xf32>) -> tensor<2x4x5xf32>
    %r = linalg.batch_matmul ins(%a, %b : tensor<2x4x3xf32>, tensor<2x3x5xf32>) outs(%c : tensor<2x4x5xf32>) -> tensor<2x4x5xf32>
    return %r : tensor<2x4x5xf32>
  }
}

// -----

// C[3x7] += A[3x5] @ B[5x7] (row-major B), tile 2 x 4, 2 lanes: rows 0..2
// in 2-row tiles and 1 leftover row; columns 0..4 in one whole panel and
// 4..7 in a partial one of two vectors, the second holding 1 valid column
// (masked); k 0..4 by 2 (A read as 2-lane vectors), then k = 4 straight.
// KERNEL-LABEL: func.func @kernel
// Row blocks, whole panels, row tiles.
// KERNEL: scf.for %{{.+}} = %c0{{.*}} to %c2{{.*}} step %c2
// KERNEL: scf.for %{{.+}} = %c0{{.*}} to %c1{{.*}} step %c1
// KERNEL: scf.for
// KERNEL-COUNT-4: vector.load %arg2
// KERNEL: scf.for %{{.+}} = %c0{{.*}} to %c4{{.*}} step %c2{{.*}} iter_args(
// KERNEL-COUNT-2: vector.load %arg0
// KERNEL-COUNT-8: vector.fma
// KERNEL: scf.yield
// KERNEL-NOT: scf.for
// KERNEL-COUNT-2: memref.load %arg0
// KERNEL-COUNT-4: vector.fma
// KERNEL-COUNT-4: vector.store
// KERNEL-NOT: vector.maskedstore
// The partial panel of the same row tiles.
// KERNEL: scf.for
// KERNEL: vector.load %arg2
// KERNEL: vector.maskedload %arg2
// KERNEL: vector.load %arg2
// KERNEL: vector.maskedload %arg2
// KERNEL: scf.for
// KERNEL: vector.maskedload %arg1
// KERNEL: scf.yield
// KERNEL: vector.maskedload %arg1
// KERNEL: vector.store
// KERNEL-NEXT: vector.constant_mask [1] : vector<2xi1>
// KERNEL-NEXT: vector.maskedstore
// KERNEL: vector.store
// KERNEL: vector.maskedstore
// The leftover row: the whole panel, then the partial one.
// KERNEL: scf.for %{{.+}} = %c0{{.*}} to %c1{{.*}} step %c1
// KERNEL-COUNT-2: vector.store
// KERNEL: vector.maskedload %arg2
// KERNEL: vector.maskedstore
// KERNEL-NOT: linalg.matmul
module {
  func.func @kernel(%a: memref<3x5xf32>, %b: memref<5x7xf32>, %c: memref<3x7xf32>) {
    linalg.matmul {edge.microkernel = {lanes = 2 : i64, mr = 2 : i64, nr = 4 : i64}}
      ins(%a, %b : memref<3x5xf32>, memref<5x7xf32>) outs(%c : memref<3x7xf32>)
    return
  }
}

// -----

// One lane wide (a scalar core, Hexagon's float): the multiply-adds are a
// contractible multiply and add, which Hexagon selects as
// `r += sfmpy(r, r)` (vector.fma would become llvm.fmuladd, two instructions
// there), and the k loop takes 4 steps per iteration: K = 5 is one iteration
// of 4 x 2 x 2 multiply-adds and one step straight after.
// KERNEL-LABEL: func.func @scalar_lanes
// KERNEL: scf.for %{{.+}} = %c0{{.*}} to %c4{{.*}} step %c4{{.*}} iter_args(
// KERNEL-COUNT-16: arith.mulf %{{.+}}, %{{.+}} fastmath<contract> : vector<1xf32>
// KERNEL: scf.yield
// KERNEL-COUNT-4: arith.addf %{{.+}}, %{{.+}} fastmath<contract> : vector<1xf32>
// KERNEL-NOT: vector.fma
// KERNEL: return
module {
  func.func @scalar_lanes(%a: memref<2x5xf32>, %b: memref<5x2xf32>, %c: memref<2x2xf32>) {
    linalg.matmul {edge.microkernel = {lanes = 1 : i64, mr = 2 : i64, nr = 2 : i64}}
      ins(%a, %b : memref<2x5xf32>, memref<5x2xf32>) outs(%c : memref<2x2xf32>)
    return
  }
}
