// RUN: edgecc-opt %s --edge-lower-matmul-microkernel | FileCheck %s

// The cache model (targets/Microkernel.cpp): rows of A per block fill at
// most half of L2. With a 2048-byte L2 and K = 16, a block is 1024 / 64 =
// 16 rows; for M = 40 (five 8-row tiles) the kernel walks blocks of 16 rows,
// inside each every 4-column panel of B, inside that the block's row tiles,
// then the tail rows (none here: 40 = 5 x 8).
// CHECK-LABEL: func.func @blocks
// CHECK:         scf.for %[[START:.+]] = %c0{{.*}} to %c40{{.*}} step %c16
// CHECK:           %[[NEXT:.+]] = arith.addi %[[START]], %c16
// CHECK:           %[[END:.+]] = arith.minsi %[[NEXT]], %c40
// CHECK:           scf.for %[[PANEL:.+]] = %c0{{.*}} to %c2{{.*}} step %c1
// CHECK:             scf.for %{{.+}} = %[[START]] to %[[END]] step %c8
// CHECK:               vector.fma
module attributes {edge.target = {float_vector_bits = 64 : i64, vector_registers = 32 : i64, l2_bytes = 2048 : i64}} {
  func.func @blocks(%a: memref<40x16xf32>, %b: memref<16x8xf32>, %c: memref<40x8xf32>) {
    linalg.matmul {edge.microkernel = {lanes = 2 : i64, mr = 8 : i64, nr = 4 : i64}}
      ins(%a, %b : memref<40x16xf32>, memref<16x8xf32>) outs(%c : memref<40x8xf32>)
    return
  }
}
