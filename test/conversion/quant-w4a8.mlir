// RUN: edgecc-opt %s --convert-edge-to-linalg | FileCheck %s --implicit-check-not=edge.
// edge.matmul_w4a8 lowers to an int32 contraction per (row, column, block)
// over the block's bytes and nibbles, the nibble chosen by the innermost
// index, then a float contraction over blocks with the scales, then x's
// scale.
// CHECK-LABEL: func.func @w4a8(
// CHECK:         %[[P:.+]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction"]{{.*}} outs(%{{.+}} : tensor<3x5x2xi32>)
// CHECK:           arith.extui %{{.+}} : i8 to i32
// CHECK:           linalg.index 4
// CHECK:           arith.shrui
// CHECK:           arith.muli
// CHECK:           arith.addi
// CHECK:         %[[F:.+]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]{{.*}} ins(%[[P]], %{{.+}} : tensor<3x5x2xi32>, tensor<5x2xf32>) outs(%{{.+}} : tensor<3x5xf32>)
// CHECK:           arith.sitofp
// CHECK:         linalg.generic {{.*}} ins(%[[F]], %{{.+}} : tensor<3x5xf32>, tensor<1xf32>)
func.func @w4a8(%x: tensor<3x64xui8>, %s: tensor<f32>, %z: tensor<ui8>, %w: tensor<5x2x16xui8>,
                %scales: tensor<10xf32>) -> tensor<3x5xf32> {
  %y = edge.matmul_w4a8 %x, %s, %z, %w, %scales {block_size = 32 : i64}
      : (tensor<3x64xui8>, tensor<f32>, tensor<ui8>, tensor<5x2x16xui8>, tensor<10xf32>) -> tensor<3x5xf32>
  return %y : tensor<3x5xf32>
}
