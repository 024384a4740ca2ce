// RUN: edgecc-opt %s --edge-protect-inputs | FileCheck %s
// RUN: edgecc-opt %s --edge-protect-inputs --one-shot-bufferize="bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map" | FileCheck %s --check-prefix=BUF
// Model inputs are read-only: an op that accumulates into an input tensor
// gets a copy of it instead of writing the caller's buffer.

// CHECK-LABEL: func.func @accumulate
// CHECK-SAME: (%{{[a-z0-9]+}}: tensor<2x2xf32> {bufferization.writable = false},
// CHECK-SAME: %{{[a-z0-9]+}}: tensor<2x2xf32> {bufferization.writable = false})
// BUF-LABEL: func.func @accumulate
// BUF-SAME: %[[A:[a-z0-9]+]]: memref<2x2xf32>, %[[C:[a-z0-9]+]]: memref<2x2xf32>
// BUF: %[[COPY:[a-z0-9_]+]] = memref.alloc
// BUF: memref.copy %[[C]], %[[COPY]]
// BUF: linalg.matmul ins(%[[A]], %[[A]] : {{.*}}) outs(%[[COPY]] :
func.func @accumulate(%a: tensor<2x2xf32>, %c: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %0 = linalg.matmul ins(%a, %a : tensor<2x2xf32>, tensor<2x2xf32>) outs(%c : tensor<2x2xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}
