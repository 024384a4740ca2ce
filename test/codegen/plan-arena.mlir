// RUN: edgecc-opt %s --split-input-file --edge-plan-arena --verify-diagnostics | FileCheck %s --implicit-check-not=memref.alloc
// The arena planner replaces every memref.alloc with a memref.view of one
// trailing i8 argument. Each buffer takes its size rounded up to 64 bytes; its
// live range runs from its first to its last use (uses of views count).
// Buffers are placed largest first at the lowest best-fitting offset clear of
// every buffer live at the same time.

// A (16 x f32 = 64 B) is live over the two copies; B (100 x f32 = 400 B,
// padded to 448 B) only afterwards, so both sit at offset 0.
//   edge.arena_bytes       = max(0 + 448, 0 + 64) = 448
//   edge.arena_lower_bound = max(64, 448)         = 448
// CHECK-LABEL: func.func @disjoint(
// CHECK-SAME:      %[[IN:[^:]+]]: memref<16xf32>, %[[OUT:[^:]+]]: memref<16xf32>, %[[ARENA:[^:]+]]: memref<448xi8>)
// CHECK-SAME:      attributes {edge.arena_bytes = 448 : i64, edge.arena_lower_bound = 448 : i64}
// CHECK:         %[[OFF_A:.+]] = arith.constant 0 : index
// CHECK:         %[[A:.+]] = memref.view %[[ARENA]][%[[OFF_A]]][] : memref<448xi8> to memref<16xf32>
// CHECK:         linalg.copy ins(%[[IN]] : memref<16xf32>) outs(%[[A]] : memref<16xf32>)
// CHECK:         linalg.copy ins(%[[A]] : memref<16xf32>) outs(%[[OUT]] : memref<16xf32>)
// CHECK:         %[[OFF_B:.+]] = arith.constant 0 : index
// CHECK:         %[[B:.+]] = memref.view %[[ARENA]][%[[OFF_B]]][] : memref<448xi8> to memref<100xf32>
// CHECK:         linalg.fill ins(%{{.+}} : f32) outs(%[[B]] : memref<100xf32>)
// CHECK:         memref.subview %[[B]][0] [16] [1]
func.func @disjoint(%in: memref<16xf32>, %out: memref<16xf32>) {
  %cst = arith.constant 1.0 : f32
  %a = memref.alloc() : memref<16xf32>
  linalg.copy ins(%in : memref<16xf32>) outs(%a : memref<16xf32>)
  linalg.copy ins(%a : memref<16xf32>) outs(%out : memref<16xf32>)
  %b = memref.alloc() : memref<100xf32>
  linalg.fill ins(%cst : f32) outs(%b : memref<100xf32>)
  %s = memref.subview %b[0] [16] [1] : memref<100xf32> to memref<16xf32, strided<[1]>>
  linalg.copy ins(%s : memref<16xf32, strided<[1]>>) outs(%out : memref<16xf32>)
  return
}

// -----

// A (20 x f32 = 80 B, padded to 128 B) and B (64 B) are live together: A
// takes offset 0 and B the next 64-byte boundary after A's padded end, 128.
//   edge.arena_bytes       = 128 + 64 = 192
//   edge.arena_lower_bound = 128 + 64 = 192
// CHECK-LABEL: func.func @overlapping(
// CHECK-SAME:      %[[IN:[^:]+]]: memref<16xf32>, %[[OUT:[^:]+]]: memref<16xf32>, %[[ARENA:[^:]+]]: memref<192xi8>)
// CHECK-SAME:      attributes {edge.arena_bytes = 192 : i64, edge.arena_lower_bound = 192 : i64}
// CHECK:         %[[OFF_A:.+]] = arith.constant 0 : index
// CHECK:         %[[A:.+]] = memref.view %[[ARENA]][%[[OFF_A]]][] : memref<192xi8> to memref<20xf32>
// CHECK:         %[[OFF_B:.+]] = arith.constant 128 : index
// CHECK:         %[[B:.+]] = memref.view %[[ARENA]][%[[OFF_B]]][] : memref<192xi8> to memref<16xf32>
// CHECK:         linalg.fill ins(%{{.+}} : f32) outs(%[[A]] : memref<20xf32>)
// CHECK:         linalg.copy ins(%[[IN]] : memref<16xf32>) outs(%[[B]] : memref<16xf32>)
// CHECK:         %[[S:.+]] = memref.subview %[[A]][0] [16] [1]
// CHECK:         linalg.add ins(%[[S]], %[[B]] : {{.+}}) outs(%[[OUT]] : memref<16xf32>)
func.func @overlapping(%in: memref<16xf32>, %out: memref<16xf32>) {
  %cst = arith.constant 1.0 : f32
  %a = memref.alloc() : memref<20xf32>
  %b = memref.alloc() : memref<16xf32>
  linalg.fill ins(%cst : f32) outs(%a : memref<20xf32>)
  linalg.copy ins(%in : memref<16xf32>) outs(%b : memref<16xf32>)
  %s = memref.subview %a[0] [16] [1] : memref<20xf32> to memref<16xf32, strided<[1]>>
  linalg.add ins(%s, %b : memref<16xf32, strided<[1]>>, memref<16xf32>) outs(%out : memref<16xf32>)
  return
}

// -----

// Four buffers in a chain; positions are those of the ops in the block (the
// allocs are 0-3). Live ranges and padded sizes:
//   A [4,6] 128 B   B [6,7] 64 B   C [7,9] 64 B   D [8,11] 128 B
// Placement, largest first (ties in program order):
//   A -> 0; D -> 0 (not live with A); B -> 128 (live with A at 0);
//   C -> 192 (live with D at [0,128) and B at [128,192), no gap fits).
//   edge.arena_bytes       = 192 + 64 = 256
//   edge.arena_lower_bound = max over positions of the live bytes
//                          = max(A+B at 6, C+D at 8..9) = 128 + 64 = 192
// CHECK-LABEL: func.func @chain(
// CHECK-SAME:      %[[ARENA:[^:]+]]: memref<256xi8>)
// CHECK-SAME:      attributes {edge.arena_bytes = 256 : i64, edge.arena_lower_bound = 192 : i64}
// CHECK:         %[[OFF_A:.+]] = arith.constant 0 : index
// CHECK:         %[[A:.+]] = memref.view %[[ARENA]][%[[OFF_A]]][] : memref<256xi8> to memref<32xf32>
// CHECK:         %[[OFF_B:.+]] = arith.constant 128 : index
// CHECK:         %[[B:.+]] = memref.view %[[ARENA]][%[[OFF_B]]][] : memref<256xi8> to memref<16xf32>
// CHECK:         %[[OFF_C:.+]] = arith.constant 192 : index
// CHECK:         %[[C:.+]] = memref.view %[[ARENA]][%[[OFF_C]]][] : memref<256xi8> to memref<16xf32>
// CHECK:         %[[OFF_D:.+]] = arith.constant 0 : index
// CHECK:         %[[D:.+]] = memref.view %[[ARENA]][%[[OFF_D]]][] : memref<256xi8> to memref<32xf32>
// CHECK:         linalg.copy ins(%{{.+}} : memref<32xf32>) outs(%[[A]] : memref<32xf32>)
// CHECK:         memref.subview %[[A]][0] [16] [1]
// CHECK:         linalg.copy ins(%{{.+}}) outs(%[[B]] : memref<16xf32>)
// CHECK:         linalg.copy ins(%[[B]] : memref<16xf32>) outs(%[[C]] : memref<16xf32>)
// CHECK:         memref.subview %[[D]][0] [16] [1]
func.func @chain(%in: memref<32xf32>, %out: memref<16xf32>) {
  %a = memref.alloc() : memref<32xf32>
  %b = memref.alloc() : memref<16xf32>
  %c = memref.alloc() : memref<16xf32>
  %d = memref.alloc() : memref<32xf32>
  linalg.copy ins(%in : memref<32xf32>) outs(%a : memref<32xf32>)
  %a0 = memref.subview %a[0] [16] [1] : memref<32xf32> to memref<16xf32, strided<[1]>>
  linalg.copy ins(%a0 : memref<16xf32, strided<[1]>>) outs(%b : memref<16xf32>)
  linalg.copy ins(%b : memref<16xf32>) outs(%c : memref<16xf32>)
  %d0 = memref.subview %d[0] [16] [1] : memref<32xf32> to memref<16xf32, strided<[1]>>
  linalg.copy ins(%c : memref<16xf32>) outs(%d0 : memref<16xf32, strided<[1]>>)
  %d1 = memref.subview %d[16] [16] [1] : memref<32xf32> to memref<16xf32, strided<[1], offset: 16>>
  linalg.copy ins(%d1 : memref<16xf32, strided<[1], offset: 16>>) outs(%out : memref<16xf32>)
  return
}

// -----

// A dynamic size cannot be planned at compile time.
func.func @dynamic(%n: index, %out: memref<?xf32>) {
  %cst = arith.constant 0.0 : f32
  // expected-error @+1 {{arena planning needs static, identity-layout buffers, got 'memref<?xf32>'}}
  %a = memref.alloc(%n) : memref<?xf32>
  linalg.fill ins(%cst : f32) outs(%a : memref<?xf32>)
  linalg.copy ins(%a : memref<?xf32>) outs(%out : memref<?xf32>)
  return
}
