// RUN: qnn-opt %s --split-input-file --prune="pattern=channel sparsity=0.5" | FileCheck %s
// RUN: qnn-opt %s --split-input-file --prune="pattern=channel sparsity=0.5" --remarks-filter=prune --remark-policy=all -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: qnn-opt %s --split-input-file --prune="pattern=channel sparsity=0.5 remove-channels=false" | FileCheck %s --check-prefix=KEEP
// RUN: qnn-opt %s --split-input-file --prune="pattern=channel sparsity=0.5 channel-multiple=4" --remarks-filter=prune --remark-policy=all -o /dev/null 2>&1 | FileCheck %s --check-prefix=MULTIPLE

// MULTIPLE: 'fc1': 2 pruned channels kept as zeros: 4 channels stay a multiple of 4 (channel-multiple=)

#id = affine_map<(d0, d1) -> (d0, d1)>
#chan = affine_map<(d0, d1) -> (d1)>

/// Channels 1 and 3 of fc1 (the smallest columns) are removed: fc1 keeps
/// columns 0 and 2 and their biases; they held relu(0 + b) = relu(-1) = 0
/// and relu(0.5) = 0.5 on every row, so fc2 loses rows 1 and 3 and starts
/// from 0.5 x row 3 = [3.5, 4]. fc1 keeps its qnn.pruned mark.
// CHECK-LABEL: func.func @mlp
// CHECK:         %[[W1:.*]] = arith.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00], [5.000000e+00, 6.000000e+00]]> : tensor<3x2xf32>
// CHECK:         %[[P1:.*]] = qnn.pruned %[[W1]] pattern(#qnn.channel<axis = 1>) : tensor<3x2xf32> -> tensor<3x2xf32>
// CHECK:         %[[H:.*]] = linalg.matmul ins(%{{.*}}, %[[P1]] : tensor<?x3xf32>, tensor<3x2xf32>) outs(%{{.*}} : tensor<?x2xf32>)
// CHECK:         %[[B1:.*]] = arith.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK:         %[[R:.*]] = linalg.generic {{.*}} ins(%[[H]], %[[B1]] : tensor<?x2xf32>, tensor<2xf32>)
// CHECK:         %[[W2:.*]] = arith.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00], [5.000000e+00, 6.000000e+00]]> : tensor<2x2xf32>
// CHECK:         %[[START:.*]] = arith.constant dense<[3.500000e+00, 4.000000e+00]> : tensor<2xf32>
// CHECK:         %[[INIT:.*]] = linalg.broadcast ins(%[[START]] : tensor<2xf32>) outs(%{{.*}} : tensor<?x2xf32>) dimensions = [0]
// CHECK:         linalg.matmul ins(%[[R]], %[[W2]] : tensor<?x2xf32>, tensor<2x2xf32>) outs(%[[INIT]] : tensor<?x2xf32>)
// KEEP-LABEL: func.func @mlp
// KEEP:         linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<?x3xf32>, tensor<3x4xf32>)
func.func @mlp(%x: tensor<?x3xf32>) -> tensor<?x2xf32> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %n = tensor.dim %x, %c0 : tensor<?x3xf32>
  %w1 = arith.constant dense<[[1.0, 0.1, 2.0, 0.1], [3.0, 0.1, 4.0, 0.1], [5.0, 0.1, 6.0, 0.1]]> : tensor<3x4xf32>
  %b1 = arith.constant dense<[1.0, -1.0, 2.0, 0.5]> : tensor<4xf32>
  %w2 = arith.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]> : tensor<4x2xf32>
  %e1 = tensor.empty(%n) : tensor<?x4xf32>
  %f1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<?x4xf32>) -> tensor<?x4xf32>
// REMARK: 'fc1': 2 pruned channels removed (4 -> 2); 1 consuming layers rewired
  %h = linalg.matmul ins(%x, %w1 : tensor<?x3xf32>, tensor<3x4xf32>) outs(%f1 : tensor<?x4xf32>) -> tensor<?x4xf32> loc("fc1")
  %r = linalg.generic {indexing_maps = [#id, #chan, #id], iterator_types = ["parallel", "parallel"]}
      ins(%h, %b1 : tensor<?x4xf32>, tensor<4xf32>) outs(%e1 : tensor<?x4xf32>) {
    ^bb0(%in: f32, %b: f32, %out: f32):
      %s = arith.addf %in, %b : f32
      %m = arith.maximumf %s, %zero : f32
      linalg.yield %m : f32
  } -> tensor<?x4xf32>
  %e2 = tensor.empty(%n) : tensor<?x2xf32>
  %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<?x2xf32>) -> tensor<?x2xf32>
  %y = linalg.matmul ins(%r, %w2 : tensor<?x4xf32>, tensor<4x2xf32>) outs(%f2 : tensor<?x2xf32>) -> tensor<?x2xf32> loc("fc2")
  return %y : tensor<?x2xf32>
}

// -----

#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#chan4 = affine_map<(d0, d1, d2, d3) -> (d3)>

/// A convolution's pruned filters go with the next convolution's input
/// channels, across max pooling and a zero padding: the removed channels
/// hold relu(-1) = 0, which the padding also is. The flatten into the
/// dense layer takes 2 x 2 pixels of the 1 kept channel.
// CHECK-LABEL: func.func @cnn
// CHECK:         linalg.conv_2d_nhwc_hwcf {{.*}} -> tensor<?x4x4x1xf32>
// CHECK:         arith.constant dense<5.000000e-01> : tensor<1xf32>
// CHECK:         linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<?x4x4x1xf32>, tensor<1xf32>)
// CHECK:         linalg.pooling_nhwc_max {{.*}} -> tensor<?x2x2x1xf32>
// CHECK:         tensor.pad
// CHECK:         } : tensor<?x2x2x1xf32> to tensor<?x4x4x1xf32>
// CHECK:         linalg.conv_2d_nhwc_hwcf {{.*}} tensor<3x3x1x2xf32>) {{.*}} -> tensor<?x2x2x2xf32>
func.func @cnn(%x: tensor<?x4x4x1xf32>) -> tensor<?x2x2x2xf32> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %low = arith.constant -3.0e+38 : f32
  %n = tensor.dim %x, %c0 : tensor<?x4x4x1xf32>
  %w1 = arith.constant dense<[[[[1.0, 0.01]]]]> : tensor<1x1x1x2xf32>
  %b1 = arith.constant dense<[0.5, -1.0]> : tensor<2xf32>
  %e1 = tensor.empty(%n) : tensor<?x4x4x2xf32>
  %f1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<?x4x4x2xf32>) -> tensor<?x4x4x2xf32>
// REMARK: 'conv1': 1 pruned channels removed (2 -> 1); 1 consuming layers rewired
  %c = linalg.conv_2d_nhwc_hwcf ins(%x, %w1 : tensor<?x4x4x1xf32>, tensor<1x1x1x2xf32>) outs(%f1 : tensor<?x4x4x2xf32>) -> tensor<?x4x4x2xf32> loc("conv1")
  %r = linalg.generic {indexing_maps = [#id4, #chan4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%c, %b1 : tensor<?x4x4x2xf32>, tensor<2xf32>) outs(%e1 : tensor<?x4x4x2xf32>) {
    ^bb0(%in: f32, %b: f32, %out: f32):
      %s = arith.addf %in, %b : f32
      %m = arith.maximumf %s, %zero : f32
      linalg.yield %m : f32
  } -> tensor<?x4x4x2xf32>
  %e2 = tensor.empty(%n) : tensor<?x2x2x2xf32>
  %f2 = linalg.fill ins(%low : f32) outs(%e2 : tensor<?x2x2x2xf32>) -> tensor<?x2x2x2xf32>
  %window = tensor.empty() : tensor<2x2xf32>
  %p = linalg.pooling_nhwc_max {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>}
      ins(%r, %window : tensor<?x4x4x2xf32>, tensor<2x2xf32>) outs(%f2 : tensor<?x2x2x2xf32>) -> tensor<?x2x2x2xf32>
  %padded = tensor.pad %p low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<?x2x2x2xf32> to tensor<?x4x4x2xf32>
  %w2 = arith.constant dense<1.0> : tensor<3x3x2x2xf32>
  %f3 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<?x2x2x2xf32>) -> tensor<?x2x2x2xf32>
  %y = linalg.conv_2d_nhwc_hwcf ins(%padded, %w2 : tensor<?x4x4x2xf32>, tensor<3x3x2x2xf32>) outs(%f3 : tensor<?x2x2x2xf32>) -> tensor<?x2x2x2xf32> loc("conv2")
  return %y : tensor<?x2x2x2xf32>
}

// -----

#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#chan4 = affine_map<(d0, d1, d2, d3) -> (d3)>

/// The removed channel holds relu(1) = 1, but the next convolution pads
/// with 0: at the border the channel would not be constant, so it stays a
/// zero channel.
// CHECK-LABEL: func.func @padding_differs
// CHECK:         linalg.conv_2d_nhwc_hwcf {{.*}} -> tensor<?x4x4x2xf32>
func.func @padding_differs(%x: tensor<?x4x4x1xf32>) -> tensor<?x4x4x2xf32> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %n = tensor.dim %x, %c0 : tensor<?x4x4x1xf32>
  %w1 = arith.constant dense<[[[[1.0, 0.01]]]]> : tensor<1x1x1x2xf32>
  %b1 = arith.constant dense<[0.5, 1.0]> : tensor<2xf32>
  %e1 = tensor.empty(%n) : tensor<?x4x4x2xf32>
  %f1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<?x4x4x2xf32>) -> tensor<?x4x4x2xf32>
// REMARK: 'conv1': 1 pruned channels kept as zeros: tensor.pad pads with a value other than a removed channel's constant, so the channel would not stay constant
  %c = linalg.conv_2d_nhwc_hwcf ins(%x, %w1 : tensor<?x4x4x1xf32>, tensor<1x1x1x2xf32>) outs(%f1 : tensor<?x4x4x2xf32>) -> tensor<?x4x4x2xf32> loc("conv1")
  %r = linalg.generic {indexing_maps = [#id4, #chan4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%c, %b1 : tensor<?x4x4x2xf32>, tensor<2xf32>) outs(%e1 : tensor<?x4x4x2xf32>) {
    ^bb0(%in: f32, %b: f32, %out: f32):
      %s = arith.addf %in, %b : f32
      %m = arith.maximumf %s, %zero : f32
      linalg.yield %m : f32
  } -> tensor<?x4x4x2xf32>
  %padded = tensor.pad %r low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<?x4x4x2xf32> to tensor<?x6x6x2xf32>
  %w2 = arith.constant dense<1.0> : tensor<3x3x2x2xf32>
  %f2 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<?x4x4x2xf32>) -> tensor<?x4x4x2xf32>
  %y = linalg.conv_2d_nhwc_hwcf ins(%padded, %w2 : tensor<?x6x6x2xf32>, tensor<3x3x2x2xf32>) outs(%f2 : tensor<?x4x4x2xf32>) -> tensor<?x4x4x2xf32> loc("conv2")
  return %y : tensor<?x4x4x2xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>

/// A residual add of the layer's input to its output needs every channel:
/// the pruned one stays a zero channel, with the reason.
// CHECK-LABEL: func.func @residual
// CHECK:         linalg.matmul {{.*}} -> tensor<?x2xf32>
func.func @residual(%x: tensor<?x2xf32>) -> tensor<?x2xf32> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %n = tensor.dim %x, %c0 : tensor<?x2xf32>
  %w1 = arith.constant dense<[[1.0, 0.01], [2.0, 0.01]]> : tensor<2x2xf32>
  %e = tensor.empty(%n) : tensor<?x2xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<?x2xf32>) -> tensor<?x2xf32>
// REMARK: 'fc1': 1 pruned channels kept as zeros: linalg.generic combines the channels with a tensor that is not a per-channel constant
  %h = linalg.matmul ins(%x, %w1 : tensor<?x2xf32>, tensor<2x2xf32>) outs(%f : tensor<?x2xf32>) -> tensor<?x2xf32> loc("fc1")
  %sum = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%h, %x : tensor<?x2xf32>, tensor<?x2xf32>) outs(%e : tensor<?x2xf32>) {
    ^bb0(%a: f32, %b: f32, %out: f32):
      %s = arith.addf %a, %b : f32
      linalg.yield %s : f32
  } -> tensor<?x2xf32>
  %w2 = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %y = linalg.matmul ins(%sum, %w2 : tensor<?x2xf32>, tensor<2x2xf32>) outs(%f : tensor<?x2xf32>) -> tensor<?x2xf32> loc("fc2")
  return %y : tensor<?x2xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#swap = affine_map<(d0, d1) -> (d1, d0)>

/// A generic that writes its result transposed moves the channels out of
/// the last dimension: they stay as zero channels.
// CHECK-LABEL: func.func @transposed_output
// CHECK:         linalg.matmul {{.*}} -> tensor<4x4xf32>
// REMARK: 'fc1': 2 pruned channels kept as zeros: linalg.generic reads or writes the channels through a non-identity map
func.func @transposed_output(%x: tensor<4x4xf32>) -> tensor<4x2xf32> {
  %zero = arith.constant 0.0 : f32
  %w1 = arith.constant dense<[[1.0, 0.01, 2.0, 0.01], [3.0, 0.01, 4.0, 0.01], [5.0, 0.01, 6.0, 0.01], [7.0, 0.01, 8.0, 0.01]]> : tensor<4x4xf32>
  %e = tensor.empty() : tensor<4x4xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4x4xf32>) -> tensor<4x4xf32>
  %h = linalg.matmul ins(%x, %w1 : tensor<4x4xf32>, tensor<4x4xf32>) outs(%f : tensor<4x4xf32>) -> tensor<4x4xf32> loc("fc1")
  %t = linalg.generic {indexing_maps = [#id, #swap], iterator_types = ["parallel", "parallel"]}
      ins(%h : tensor<4x4xf32>) outs(%e : tensor<4x4xf32>) {
    ^bb0(%a: f32, %out: f32):
      linalg.yield %a : f32
  } -> tensor<4x4xf32>
  %w2 = arith.constant dense<1.0> : tensor<4x2xf32>
  %e2 = tensor.empty() : tensor<4x2xf32>
  %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<4x2xf32>) -> tensor<4x2xf32>
  %y = linalg.matmul ins(%t, %w2 : tensor<4x4xf32>, tensor<4x2xf32>) outs(%f2 : tensor<4x2xf32>) -> tensor<4x2xf32> loc("fc2")
  return %y : tensor<4x2xf32>
}

// -----

/// Calibration ranges on the way (qnn.stats) stay; per-channel ones lose
/// the removed channels' entries.
// CHECK-LABEL: func.func @stats
// CHECK:         qnn.stats %{{.*}} axis = 1 min = [-1.000000e+00, -3.000000e+00], max = [1.000000e+00, 3.000000e+00] : tensor<?x2xf32>
// CHECK:         qnn.stats %{{.*}} min = [-5.000000e+00], max = [5.000000e+00] : tensor<?x2xf32>
// CHECK:         linalg.matmul {{.*}} tensor<2x2xf32>
// REMARK: 'fc1': 2 pruned channels removed (4 -> 2); 1 consuming layers rewired
func.func @stats(%x: tensor<?x3xf32>) -> tensor<?x2xf32> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %n = tensor.dim %x, %c0 : tensor<?x3xf32>
  %w1 = arith.constant dense<[[1.0, 0.1, 2.0, 0.1], [3.0, 0.1, 4.0, 0.1], [5.0, 0.1, 6.0, 0.1]]> : tensor<3x4xf32>
  %w2 = arith.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]> : tensor<4x2xf32>
  %e1 = tensor.empty(%n) : tensor<?x4xf32>
  %f1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<?x4xf32>) -> tensor<?x4xf32>
  %h = linalg.matmul ins(%x, %w1 : tensor<?x3xf32>, tensor<3x4xf32>) outs(%f1 : tensor<?x4xf32>) -> tensor<?x4xf32> loc("fc1")
  %s1 = qnn.stats %h axis = 1 min = [-1.0, -2.0, -3.0, -4.0], max = [1.0, 2.0, 3.0, 4.0] : tensor<?x4xf32>
  %s2 = qnn.stats %s1 min = [-5.0], max = [5.0] : tensor<?x4xf32>
  %e2 = tensor.empty(%n) : tensor<?x2xf32>
  %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<?x2xf32>) -> tensor<?x2xf32>
  %y = linalg.matmul ins(%s2, %w2 : tensor<?x4xf32>, tensor<4x2xf32>) outs(%f2 : tensor<?x2xf32>) -> tensor<?x2xf32> loc("fc2")
  return %y : tensor<?x2xf32>
}
