// RUN: edgecc-opt %s --edge-compiler-pipeline | FileCheck %s --implicit-check-not=memref. --implicit-check-not=malloc --implicit-check-not=free --implicit-check-not=llvm.call --implicit-check-not=exp --implicit-check-not=math. --implicit-check-not=linalg. --implicit-check-not=unrealized_conversion_cast
// The whole pipeline takes edge ops to the LLVM dialect: intermediates live in
// the caller's arena (no memref.alloc, no malloc/free), math is approximated
// by polynomials (no exp, expf or other libm call), and the signature uses bare
// pointers: the inputs, the output buffer, then the arena.

// CHECK:       llvm.mlir.global private constant @{{.+}}(dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]> : tensor<4xf32>)
// CHECK-LABEL: llvm.func @main(
// CHECK-SAME:      %[[X:[^:]+]]: !llvm.ptr, %[[W:[^:]+]]: !llvm.ptr, %[[OUT:[^:]+]]: !llvm.ptr, %[[ARENA:[^:]+]]: !llvm.ptr)
// CHECK-SAME:      attributes {edge.arena_bytes = {{[0-9]+}} : i64, edge.arena_lower_bound = {{[0-9]+}} : i64}
// CHECK-DAG:     llvm.load %{{.+}} : !llvm.ptr -> f32
// CHECK-DAG:     llvm.getelementptr {{.*}}%[[X]][
// CHECK-DAG:     llvm.getelementptr {{.*}}%[[W]][
// CHECK-DAG:     llvm.getelementptr {{.*}}%[[ARENA]][
// CHECK-DAG:     llvm.fmul
// CHECK-DAG:     llvm.fdiv
// CHECK:         llvm.store %{{.+}}, %{{.+}} : f32, !llvm.ptr
// CHECK:         llvm.return
func.func @main(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %b = edge.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %0 = edge.matmul %x, %w : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %1 = edge.add %0, %b : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %2 = edge.relu %1 : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %3 = edge.softmax %2 {axis = 1} : (tensor<2x4xf32>) -> tensor<2x4xf32>
  return %3 : tensor<2x4xf32>
}
