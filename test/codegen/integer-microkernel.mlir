// The int8 matmul microkernel: packing of constant weights per kernel kind
// (targets/Microkernel.cpp) and the lowering to sdot / smmla register tiles.
//
// Packing: B[k][n] = 8k + n, K = 7, N = 8, into [ceil(N/8), ceil(K/kGroup),
// 8 * kGroup] with packed[jb][kb][c * kGroup + t] = B[kb * kGroup + t][8 jb + c]
// and zeros beyond K. +dotprod: 4 k per column; +i8mm: 8 k per column, plus
// the scratch the kernel packs row pairs of A into ([ceil(K/8), 4, 16]).
// RUN: edgecc-opt %s --split-input-file --edge-pack-integer-matmul-weights | FileCheck %s --check-prefix=PACK
// Lowering of the tagged generics on buffers.
// RUN: edgecc-opt %s --split-input-file --edge-lower-integer-microkernel | FileCheck %s --check-prefix=KERNEL

module attributes {edge.target = {triple = "aarch64-unknown-linux-gnu", features = "+neon,+dotprod", vector_bits = 128 : i64, float_vector_bits = 128 : i64, vector_registers = 32 : i64}} {
  // PACK-LABEL: func.func @pack_dot
  // PACK: %[[P:.+]] = arith.constant dense<{{\[\[\[}}0, 8, 16, 24, 1, 9, 17, 25, 2, 10, 18, 26, 3, 11, 19, 27, 4, 12, 20, 28, 5, 13, 21, 29, 6, 14, 22, 30, 7, 15, 23, 31], [32, 40, 48, 0, 33, 41, 49, 0, 34, 42, 50, 0, 35, 43, 51, 0, 36, 44, 52, 0, 37, 45, 53, 0, 38, 46, 54, 0, 39, 47, 55, 0]]]> : tensor<1x2x32xi8>
  // PACK: linalg.generic {{.*}} ins(%{{.+}}, %[[P]] : tensor<4x7xi8>, tensor<1x2x32xi8>)
  // PACK-SAME: edge.integer_microkernel = {k_group = 4 : i64, kind = "dot", lanes = 4 : i64, mr = 8 : i64, nr = 8 : i64}
  // PACK-NOT: linalg.matmul
  // PACK: return
  func.func @pack_dot(%a: tensor<4x7xi8>) -> tensor<4x8xi32> {
    %w = arith.constant dense<[[0, 1, 2, 3, 4, 5, 6, 7], [8, 9, 10, 11, 12, 13, 14, 15], [16, 17, 18, 19, 20, 21, 22, 23], [24, 25, 26, 27, 28, 29, 30, 31], [32, 33, 34, 35, 36, 37, 38, 39], [40, 41, 42, 43, 44, 45, 46, 47], [48, 49, 50, 51, 52, 53, 54, 55]]> : tensor<7x8xi8>
    %zero = arith.constant 0 : i32
    %e = tensor.empty() : tensor<4x8xi32>
    %c = linalg.fill ins(%zero : i32) outs(%e : tensor<4x8xi32>) -> tensor<4x8xi32>
    %r = linalg.matmul ins(%a, %w : tensor<4x7xi8>, tensor<7x8xi8>) outs(%c : tensor<4x8xi32>) -> tensor<4x8xi32>
    return %r : tensor<4x8xi32>
  }

  // Computed B is not this pass's, nor constant B whose padding would add
  // more than a quarter (5 x 3 -> 1 x 2 x 32).
  // PACK-LABEL: func.func @not_packed
  // PACK: linalg.matmul
  // PACK-LABEL: func.func @too_much_padding
  // PACK: linalg.matmul
  // PACK-NOT: linalg.generic
  func.func @not_packed(%a: tensor<4x5xi8>, %w: tensor<5x3xi8>) -> tensor<4x3xi32> {
    %zero = arith.constant 0 : i32
    %e = tensor.empty() : tensor<4x3xi32>
    %c = linalg.fill ins(%zero : i32) outs(%e : tensor<4x3xi32>) -> tensor<4x3xi32>
    %r = linalg.matmul ins(%a, %w : tensor<4x5xi8>, tensor<5x3xi8>) outs(%c : tensor<4x3xi32>) -> tensor<4x3xi32>
    return %r : tensor<4x3xi32>
  }
  func.func @too_much_padding(%a: tensor<4x5xi8>) -> tensor<4x3xi32> {
    %w = arith.constant dense<[[0, 1, 2], [3, 4, 5], [6, 7, 8], [9, 10, 11], [12, 13, 14]]> : tensor<5x3xi8>
    %zero = arith.constant 0 : i32
    %e = tensor.empty() : tensor<4x3xi32>
    %c = linalg.fill ins(%zero : i32) outs(%e : tensor<4x3xi32>) -> tensor<4x3xi32>
    %r = linalg.matmul ins(%a, %w : tensor<4x5xi8>, tensor<5x3xi8>) outs(%c : tensor<4x3xi32>) -> tensor<4x3xi32>
    return %r : tensor<4x3xi32>
  }
}

// -----

// The last of +i8mm and -i8mm wins; +i8mm beats +dotprod.
module attributes {edge.target = {triple = "aarch64-unknown-linux-gnu", features = "+neon,+dotprod,-i8mm,+i8mm", vector_bits = 128 : i64, float_vector_bits = 128 : i64, vector_registers = 32 : i64}} {
  // PACK-LABEL: func.func @pack_mmla
  // PACK-DAG: %[[P:.+]] = arith.constant dense<{{\[\[\[}}0, 8, 16, 24, 32, 40, 48, 0, 1, 9, 17, 25, 33, 41, 49, 0, 2, 10, 18, 26, 34, 42, 50, 0, 3, 11, 19, 27, 35, 43, 51, 0, 4, 12, 20, 28, 36, 44, 52, 0, 5, 13, 21, 29, 37, 45, 53, 0, 6, 14, 22, 30, 38, 46, 54, 0, 7, 15, 23, 31, 39, 47, 55, 0]]]> : tensor<1x1x64xi8>
  // PACK-DAG: %[[S:.+]] = bufferization.alloc_tensor() : tensor<1x4x16xi8>
  // PACK: linalg.generic {{.*}} ins(%{{.+}}, %[[P]], %[[S]] : tensor<4x7xi8>, tensor<1x1x64xi8>, tensor<1x4x16xi8>)
  // PACK-SAME: kind = "mmla"
  func.func @pack_mmla(%a: tensor<4x7xi8>) -> tensor<4x8xi32> {
    %w = arith.constant dense<[[0, 1, 2, 3, 4, 5, 6, 7], [8, 9, 10, 11, 12, 13, 14, 15], [16, 17, 18, 19, 20, 21, 22, 23], [24, 25, 26, 27, 28, 29, 30, 31], [32, 33, 34, 35, 36, 37, 38, 39], [40, 41, 42, 43, 44, 45, 46, 47], [48, 49, 50, 51, 52, 53, 54, 55]]> : tensor<7x8xi8>
    %zero = arith.constant 0 : i32
    %e = tensor.empty() : tensor<4x8xi32>
    %c = linalg.fill ins(%zero : i32) outs(%e : tensor<4x8xi32>) -> tensor<4x8xi32>
    %r = linalg.matmul ins(%a, %w : tensor<4x7xi8>, tensor<7x8xi8>) outs(%c : tensor<4x8xi32>) -> tensor<4x8xi32>
    return %r : tensor<4x8xi32>
  }
}

// -----

// Without the extensions (and on the host) the portable widening kernel.
module attributes {edge.target = {triple = "aarch64-unknown-linux-gnu", features = "+neon", vector_bits = 128 : i64, float_vector_bits = 128 : i64, vector_registers = 32 : i64}} {
  // PACK-LABEL: func.func @pack_widening
  // PACK: linalg.generic {{.*}} tensor<1x7x8xi8>
  // PACK-SAME: kind = "widening"
  func.func @pack_widening(%a: tensor<4x7xi8>) -> tensor<4x8xi32> {
    %w = arith.constant dense<[[0, 1, 2, 3, 4, 5, 6, 7], [8, 9, 10, 11, 12, 13, 14, 15], [16, 17, 18, 19, 20, 21, 22, 23], [24, 25, 26, 27, 28, 29, 30, 31], [32, 33, 34, 35, 36, 37, 38, 39], [40, 41, 42, 43, 44, 45, 46, 47], [48, 49, 50, 51, 52, 53, 54, 55]]> : tensor<7x8xi8>
    %zero = arith.constant 0 : i32
    %e = tensor.empty() : tensor<4x8xi32>
    %c = linalg.fill ins(%zero : i32) outs(%e : tensor<4x8xi32>) -> tensor<4x8xi32>
    %r = linalg.matmul ins(%a, %w : tensor<4x7xi8>, tensor<7x8xi8>) outs(%c : tensor<4x8xi32>) -> tensor<4x8xi32>
    return %r : tensor<4x8xi32>
  }
}

// -----

// sdot: C[10x13] = A[10x37] @ B, tile 8 x 8. Rows 0..8 in the row loop and
// a 2-row tail tile; one whole panel in the panel loop and a 5-column panel
// with masked stores; k 0..32 by 16 (8 rows x 4 lanes x 2 vectors = 64 sdot
// on a lane of A broadcast), then the 5 k left, read element by element,
// in 2 groups of 4 (32 sdot). The zero fill becomes zero accumulators.
// KERNEL-LABEL: func.func @dot
// KERNEL-NOT: linalg.fill
// KERNEL: scf.for %{{.+}} = %c0{{.*}} to %c8{{.*}} step %c8
// KERNEL: scf.for %[[JB:.+]] = %c0{{.*}} to %c1{{.*}} step %c1
// KERNEL: scf.for %{{.+}} = %c0{{.*}} to %c32{{.*}} step %c16{{.*}} iter_args(
// KERNEL-COUNT-8: vector.load %arg0{{.*}} vector<16xi8>
// KERNEL: vector.shuffle {{.*}} [0, 0, 0, 0] : vector<4xi32>, vector<4xi32>
// KERNEL-COUNT-64: arm_neon.intr.sdot
// KERNEL: scf.yield
// KERNEL: memref.load %arg0
// KERNEL-COUNT-32: arm_neon.intr.sdot
// KERNEL-COUNT-16: vector.store
// KERNEL: vector.maskedstore
// KERNEL: scf.for %{{.+}} = %c0{{.*}} to %c1{{.*}} step %c1
// KERNEL-COUNT-4: vector.store
// KERNEL-NOT: linalg.generic
// KERNEL: return
#a = affine_map<(i, j, k) -> (i, k)>
#bDot = affine_map<(i, j, k) -> (j floordiv 8, k floordiv 4, (j mod 8) * 4 + k mod 4)>
#c = affine_map<(i, j, k) -> (i, j)>
module {
  func.func @dot(%a: memref<10x37xi8>, %b: memref<2x10x32xi8>, %c: memref<10x13xi32>) {
    %zero = arith.constant 0 : i32
    linalg.fill ins(%zero : i32) outs(%c : memref<10x13xi32>)
    linalg.generic {indexing_maps = [#a, #bDot, #c], iterator_types = ["parallel", "parallel", "reduction"]}
        ins(%a, %b : memref<10x37xi8>, memref<2x10x32xi8>) outs(%c : memref<10x13xi32>)
        attrs = {edge.integer_microkernel = {k_group = 4 : i64, kind = "dot", lanes = 4 : i64, mr = 8 : i64, nr = 8 : i64}} {
    ^bb0(%x: i8, %y: i8, %acc: i32):
      %xw = arith.extsi %x : i8 to i32
      %yw = arith.extsi %y : i8 to i32
      %p = arith.muli %xw, %yw : i32
      %s = arith.addi %acc, %p : i32
      linalg.yield %s : i32
    }
    return
  }
}

// -----

// smmla: C[9x8] += A[9x37] @ B (C not zero-filled: read as 2 x 2 blocks).
// Rows 0..8 in the row loop, then a 1-row tail (one pair with a zero second
// row). Per row block A is packed first: 16 k per pair per step, zipped into
// two 8-k groups; the 5 k left element by element. Then 5 k groups, four per
// iteration (4 pairs x 4 column pairs x 4 groups = 64 smmla) and one alone.
// KERNEL-LABEL: func.func @mmla
// KERNEL: scf.for %{{.+}} = %c0{{.*}} to %c8{{.*}} step %c8
// KERNEL: scf.for %{{.+}} = %c0{{.*}} to %c32{{.*}} step %c16
// KERNEL: vector.shuffle {{.*}} [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23]
// KERNEL: vector.store {{.*}} %arg2
// KERNEL: scf.for %{{.+}} = %c0{{.*}} to %c1{{.*}} step %c1
// KERNEL: vector.shuffle {{.*}} [0, 1, 4, 5]
// KERNEL: scf.for %{{.+}} = %c0{{.*}} to %c4{{.*}} step %c4{{.*}} iter_args(
// KERNEL-COUNT-64: arm_neon.intr.smmla
// KERNEL: scf.yield
// KERNEL-COUNT-16: arm_neon.intr.smmla
// KERNEL: vector.shuffle {{.*}} [0, 1, 4, 5]
// KERNEL: vector.store
// KERNEL-NOT: linalg.generic
// KERNEL: return
#a = affine_map<(i, j, k) -> (i, k)>
#c = affine_map<(i, j, k) -> (i, j)>
#bMmla = affine_map<(i, j, k) -> (j floordiv 8, k floordiv 8, (j mod 8) * 8 + k mod 8)>
#scratch = affine_map<(i, j, k) -> (k floordiv 8, (i mod 8) floordiv 2, (i mod 2) * 8 + k mod 8)>
module {
  func.func @mmla(%a: memref<9x37xi8>, %b: memref<1x5x64xi8>, %s: memref<5x4x16xi8>, %c: memref<9x8xi32>) {
    linalg.generic {indexing_maps = [#a, #bMmla, #scratch, #c], iterator_types = ["parallel", "parallel", "reduction"]}
        ins(%a, %b, %s : memref<9x37xi8>, memref<1x5x64xi8>, memref<5x4x16xi8>) outs(%c : memref<9x8xi32>)
        attrs = {edge.integer_microkernel = {k_group = 8 : i64, kind = "mmla", lanes = 4 : i64, mr = 8 : i64, nr = 8 : i64}} {
    ^bb0(%x: i8, %y: i8, %unused: i8, %acc: i32):
      %xw = arith.extsi %x : i8 to i32
      %yw = arith.extsi %y : i8 to i32
      %p = arith.muli %xw, %yw : i32
      %r = arith.addi %acc, %p : i32
      linalg.yield %r : i32
    }
    return
  }
}
