// RUN: edgecc-opt %s --edge-fuse-elementwise | FileCheck %s

// A per-tensor scale (from a min and a max, with a division) read by an
// elementwise loop through a broadcast is not fused into it, which would
// recompute it for every element; the loop takes it as a scalar extracted
// before it, so that it is loaded once, not once per element.
// CHECK-LABEL: func.func @scale(
// CHECK:         %[[SCALE:.+]] = linalg.generic {{.*}} iterator_types = []
// CHECK:           arith.divf
// CHECK:         %[[S:.+]] = tensor.extract %[[SCALE]][] : tensor<f32>
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel"]} ins(%{{.+}} : tensor<8xf32>)
// CHECK:           arith.divf %{{.+}}, %[[S]] : f32
// CHECK-NOT:       arith.subf
// CHECK:           linalg.yield
#id = affine_map<(d0) -> (d0)>
#scalar = affine_map<(d0) -> ()>
func.func @scale(%x: tensor<8xf32>, %lo: tensor<f32>, %hi: tensor<f32>) -> tensor<8xi8> {
  %e0 = tensor.empty() : tensor<f32>
  %s = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []} ins(%lo, %hi : tensor<f32>, tensor<f32>) outs(%e0 : tensor<f32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %r = arith.subf %b, %a : f32
    %c = arith.constant 255.0 : f32
    %d = arith.divf %r, %c : f32
    linalg.yield %d : f32
  } -> tensor<f32>
  %e1 = tensor.empty() : tensor<8xi8>
  %q = linalg.generic {indexing_maps = [#id, #scalar, #id], iterator_types = ["parallel"]} ins(%x, %s : tensor<8xf32>, tensor<f32>) outs(%e1 : tensor<8xi8>) {
  ^bb0(%v: f32, %sc: f32, %o: i8):
    %y = arith.divf %v, %sc : f32
    %z = math.roundeven %y : f32
    %i = arith.fptosi %z : f32 to i8
    linalg.yield %i : i8
  } -> tensor<8xi8>
  return %q : tensor<8xi8>
}
