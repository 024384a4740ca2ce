// RUN: edgecc-opt %s --edge-quantize-weights="bits=8" | FileCheck %s

// --quantize=int8 on a Conv: filters int8 per output channel (scale =
// max |w| / 127: 1/127 and 0.25/127, so 1 and 0.25 -> 127, -0.5 -> -63.5
// and 0.125 -> 63.5, rounded half to even: -64 and 64), kept in the
// filters' layout; x quantized to uint8 at run time; conv_integer, then the
// scale per filter as [M, 1, 1] and the float bias likewise.
// CHECK-LABEL: func.func @conv(
// CHECK-DAG:     %[[W:.+]] = edge.constant dense<{{\[\[\[\[}}127, -64]]], {{\[\[\[}}127, 64]]]]> : tensor<2x1x1x2xi8>
// CHECK-DAG:     %[[XQ:.+]] = edge.cast %{{.+}} : (tensor<1x1x3x4xf32>) -> tensor<1x1x3x4xui8>
// CHECK:         %[[I:.+]] = edge.conv_integer %[[XQ]], %[[W]], %{{.+}}, %{{.+}} {{.*}} -> tensor<1x2x3x3xi32>
// CHECK:         edge.reshape %{{.+}} : (tensor<2xf32>) -> tensor<2x1x1xf32>
// CHECK:         %[[Y:.+]] = edge.mul %{{.+}}, %{{.+}} : (tensor<1x2x3x3xf32>, tensor<2x1x1xf32>)
// CHECK:         %[[B:.+]] = edge.reshape %{{.+}} : (tensor<2xf32>) -> tensor<2x1x1xf32>
// CHECK:         edge.add %[[Y]], %[[B]]
// CHECK-NOT:     edge.conv %
func.func @conv(%x: tensor<1x1x3x4xf32>, %bias: tensor<2xf32>) -> tensor<1x2x3x3xf32> {
  %w = edge.constant dense<[[[[1.0, -0.5]]], [[[0.25, 0.125]]]]> : tensor<2x1x1x2xf32>
  %y = edge.conv %x, %w, %bias {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x3x4xf32>, tensor<2x1x1x2xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  return %y : tensor<1x2x3x3xf32>
}
