// Math approximations keep float-to-integer conversions out of the code:
// floor rounds by adding and removing 2^23 (float bits 0x4B000000) with the
// operand's sign, and exp's clamped exponent becomes an integer through its
// bits after adding 1.5 * 2^23 (0x4B400000 = 1262485504). QEMU 7.2 aborts translating RVV's vfcvt.rtz in some blocks.
// RUN: edgecc-opt %s --split-input-file --edge-approximate-math | FileCheck %s

// CHECK-LABEL: func.func @floor
// CHECK-DAG: %[[MAGIC:.+]] = arith.constant dense<0x4B000000> : vector<4xf32>
// CHECK-DAG: %[[ONE:.+]] = arith.constant dense<1.000000e+00> : vector<4xf32>
// CHECK: %[[SIGNED:.+]] = math.copysign %[[MAGIC]], %[[X:.+]] : vector<4xf32>
// CHECK: %[[UP:.+]] = arith.addf %[[X]], %[[SIGNED]]
// CHECK: %[[ROUNDED:.+]] = arith.subf %[[UP]], %[[SIGNED]]
// CHECK: %[[ABOVE:.+]] = arith.cmpf ogt, %[[ROUNDED]], %[[X]]
// CHECK: %[[DOWN:.+]] = arith.subf %[[ROUNDED]], %[[ONE]]
// CHECK: %[[FLOOR:.+]] = arith.select %[[ABOVE]], %[[DOWN]], %[[ROUNDED]]
// CHECK: %[[ABS:.+]] = math.absf %[[X]]
// CHECK: %[[SMALL:.+]] = arith.cmpf olt, %[[ABS]], %[[MAGIC]]
// CHECK: arith.select %[[SMALL]], %[[FLOOR]], %[[X]]
// CHECK-NOT: math.floor
// CHECK-NOT: arith.fptosi
func.func @floor(%x: vector<4xf32>) -> vector<4xf32> {
  %r = math.floor %x : vector<4xf32>
  return %r : vector<4xf32>
}

// CHECK-LABEL: func.func @exp
// CHECK-DAG: %[[OFFSET:.+]] = arith.constant dense<1262485504> : vector<4xi32>
// CHECK-DAG: %[[SHIFT:.+]] = arith.constant dense<0x4B400000> : vector<4xf32>
// CHECK-NOT: arith.fptosi
// CHECK: %[[SHIFTED:.+]] = arith.addf %{{.+}}, %[[SHIFT]] : vector<4xf32>
// CHECK: %[[BITS:.+]] = arith.bitcast %[[SHIFTED]] : vector<4xf32> to vector<4xi32>
// CHECK: arith.subi %[[BITS]], %[[OFFSET]] : vector<4xi32>
// CHECK-NOT: arith.fptosi
// CHECK-NOT: math.floor
// CHECK: return
func.func @exp(%x: vector<4xf32>) -> vector<4xf32> {
  %r = math.exp %x : vector<4xf32>
  return %r : vector<4xf32>
}

// A conversion of a value not known to be a small integer stays.
// CHECK-LABEL: func.func @conversion
// CHECK: arith.fptosi
func.func @conversion(%x: vector<4xf32>) -> vector<4xi32> {
  %r = arith.fptosi %x : vector<4xf32> to vector<4xi32>
  return %r : vector<4xi32>
}

// -----

// AArch64 rounds in one instruction (frintm, frintn, ...): its floors and
// roundings stay math ops, which LLVM selects as those; exp's exponent still
// avoids the conversion.
// CHECK-LABEL: func.func @aarch64_rounding
// CHECK: math.floor
// CHECK: math.roundeven
// CHECK-LABEL: func.func @aarch64_exp
// CHECK-NOT: arith.fptosi
// CHECK: return
module attributes {edge.target = {triple = "aarch64-unknown-linux-gnu"}} {
  func.func @aarch64_rounding(%x: vector<4xf32>) -> (vector<4xf32>, vector<4xf32>) {
    %f = math.floor %x : vector<4xf32>
    %r = math.roundeven %x : vector<4xf32>
    return %f, %r : vector<4xf32>, vector<4xf32>
  }
  func.func @aarch64_exp(%x: vector<4xf32>) -> vector<4xf32> {
    %r = math.exp %x : vector<4xf32>
    return %r : vector<4xf32>
  }
}
