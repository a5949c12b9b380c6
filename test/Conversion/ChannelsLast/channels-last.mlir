// RUN: qnn-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(qnn-channels-last,cse))' | FileCheck %s

// A convolution with its bias in the accumulator (torch-mlir's form): the
// filter is transposed at compile time, the bias broadcast is built in
// NHWC, the zero padding moves next to the convolution, and the layout
// changes once on the way in and once on the way out.
// CHECK-LABEL: func.func @conv_bias_pad
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x3x4xf32>)
// CHECK-DAG: %[[W:.*]] = arith.constant dense<{{\[\[\[\[}}1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00]]], {{\[\[\[}}5.000000e+00, 6.000000e+00], [7.000000e+00, 8.000000e+00]]]]> : tensor<2x1x2x2xf32>
// CHECK-DAG: %[[B:.*]] = arith.constant dense<5.000000e-01> : tensor<2xf32>
// CHECK: %[[IN:.*]] = linalg.transpose ins(%[[X]] : tensor<1x2x3x4xf32>) outs(%{{.*}} : tensor<1x3x4x2xf32>) permutation = [0, 2, 3, 1]
// CHECK: %[[PAD:.*]] = tensor.pad %[[IN]] low[0, 1, 0, 0] high[0, 1, 0, 0]
// CHECK: %[[INIT:.*]] = linalg.generic {{.*}} ins(%[[B]] : tensor<2xf32>) outs(%{{.*}} : tensor<1x5x2x2xf32>)
// CHECK: %[[Y:.*]] = linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : vector<2xi64>, strides = dense<[1, 2]> : vector<2xi64>} ins(%[[PAD]], %[[W]] : tensor<1x5x4x2xf32>, tensor<2x1x2x2xf32>) outs(%[[INIT]] : tensor<1x5x2x2xf32>)
// CHECK: %[[OUT:.*]] = linalg.transpose ins(%[[Y]] : tensor<1x5x2x2xf32>) outs(%{{.*}} : tensor<1x2x5x2xf32>) permutation = [0, 3, 1, 2]
// CHECK: return %[[OUT]]
#bias = affine_map<(d0, d1, d2, d3) -> (d1)>
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @conv_bias_pad(%x: tensor<1x2x3x4xf32>) -> tensor<1x2x5x2xf32> {
  %zero = arith.constant 0.0 : f32
  // [F, C, H, W] = [2, 2, 1, 2]; [F, H, W, C] lists 1 to 8 in order.
  %w = arith.constant dense<[[[[1.0, 3.0]], [[2.0, 4.0]]], [[[5.0, 7.0]], [[6.0, 8.0]]]]> : tensor<2x2x1x2xf32>
  %b = arith.constant dense<0.5> : tensor<2xf32>
  %pad = tensor.pad %x low[0, 0, 1, 0] high[0, 0, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x2x3x4xf32> to tensor<1x2x5x4xf32>
  %e = tensor.empty() : tensor<1x2x5x2xf32>
  %init = linalg.generic {indexing_maps = [#bias, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%b : tensor<2xf32>) outs(%e : tensor<1x2x5x2xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<1x2x5x2xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<[1, 2]> : vector<2xi64>} ins(%pad, %w : tensor<1x2x5x4xf32>, tensor<2x2x1x2xf32>) outs(%init : tensor<1x2x5x2xf32>) -> tensor<1x2x5x2xf32>
  return %y : tensor<1x2x5x2xf32>
}

// -----

// Between two layers the transposes cancel: through the ReLU, and through
// a residual add of two NCHW tensors; a dynamic batch keeps its size.
// CHECK-LABEL: func.func @chain
// CHECK-COUNT-1: linalg.transpose {{.*}} permutation = [0, 2, 3, 1]
// CHECK: linalg.conv_2d_nhwc_fhwc
// CHECK: %[[RELU:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<?x4x4x3xf32>)
// CHECK: arith.maximumf
// CHECK: %[[C2:.*]] = linalg.conv_2d_nhwc_fhwc {{.*}} ins(%[[RELU]],
// CHECK: %[[ADD:.*]] = linalg.generic {{.*}} ins(%[[C2]], %[[RELU]] : tensor<?x4x4x3xf32>, tensor<?x4x4x3xf32>)
// CHECK: arith.addf
// CHECK: %[[OUT:.*]] = linalg.transpose ins(%[[ADD]] : tensor<?x4x4x3xf32>) outs(%{{.*}} : tensor<?x3x4x4xf32>) permutation = [0, 3, 1, 2]
// CHECK-NOT: linalg.transpose
// CHECK: return %[[OUT]]
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @chain(%x: tensor<?x3x4x4xf32>) -> tensor<?x3x4x4xf32> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %n = tensor.dim %x, %c0 : tensor<?x3x4x4xf32>
  %w = arith.constant dense<0.5> : tensor<3x3x1x1xf32>
  %e = tensor.empty(%n) : tensor<?x3x4x4xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<?x3x4x4xf32>) -> tensor<?x3x4x4xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%x, %w : tensor<?x3x4x4xf32>, tensor<3x3x1x1xf32>) outs(%f : tensor<?x3x4x4xf32>) -> tensor<?x3x4x4xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%y : tensor<?x3x4x4xf32>) outs(%e : tensor<?x3x4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<?x3x4x4xf32>
  %y2 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%r, %w : tensor<?x3x4x4xf32>, tensor<3x3x1x1xf32>) outs(%f : tensor<?x3x4x4xf32>) -> tensor<?x3x4x4xf32>
  %sum = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%y2, %r : tensor<?x3x4x4xf32>, tensor<?x3x4x4xf32>) outs(%e : tensor<?x3x4x4xf32>) {
  ^bb0(%a: f32, %b: f32, %out: f32):
    %s = arith.addf %a, %b : f32
    linalg.yield %s : f32
  } -> tensor<?x3x4x4xf32>
  return %sum : tensor<?x3x4x4xf32>
}

// -----

// A depthwise filter reached through a collapse_shape of [C, 1, KH, KW] is
// folded and transposed to [KH, KW, C]; max and sum pooling become NHWC
// with the window unchanged.
// CHECK-LABEL: func.func @depthwise_and_pooling
// CHECK-DAG: %[[W:.*]] = arith.constant dense<{{\[\[\[}}1.000000e+00, 3.000000e+00], [2.000000e+00, 4.000000e+00]]]> : tensor<1x2x2xf32>
// CHECK: linalg.transpose {{.*}} permutation = [0, 2, 3, 1]
// CHECK: %[[DW:.*]] = linalg.depthwise_conv_2d_nhwc_hwc {{.*}} ins(%{{.*}}, %[[W]] : tensor<1x4x4x2xf32>, tensor<1x2x2xf32>)
// CHECK: %[[MAX:.*]] = linalg.pooling_nhwc_max {{.*}} strides = dense<[2, 1]> : vector<2xi64>} ins(%[[DW]], %{{.*}} : tensor<1x4x3x2xf32>, tensor<2x1xf32>)
// CHECK: %[[R0:.*]] = linalg.transpose ins(%[[MAX]] {{.*}} permutation = [0, 3, 1, 2]
// CHECK: %[[SUM:.*]] = linalg.pooling_nhwc_sum {{.*}} ins(%[[MAX]], %{{.*}} : tensor<1x2x3x2xf32>, tensor<2x1xf32>)
// CHECK: %[[R1:.*]] = linalg.transpose ins(%[[SUM]] {{.*}} permutation = [0, 3, 1, 2]
// CHECK: return %[[R0]], %[[R1]]
func.func @depthwise_and_pooling(%x: tensor<1x2x4x4xf32>) -> (tensor<1x2x2x3xf32>, tensor<1x2x1x3xf32>) {
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %w4 = arith.constant dense<[[[[1.0, 2.0]]], [[[3.0, 4.0]]]]> : tensor<2x1x1x2xf32>
  %w = tensor.collapse_shape %w4 [[0, 1], [2], [3]] : tensor<2x1x1x2xf32> into tensor<2x1x2xf32>
  %e = tensor.empty() : tensor<1x2x4x3xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x2x4x3xf32>) -> tensor<1x2x4x3xf32>
  %dw = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%x, %w : tensor<1x2x4x4xf32>, tensor<2x1x2xf32>) outs(%f : tensor<1x2x4x3xf32>) -> tensor<1x2x4x3xf32>
  %win = tensor.empty() : tensor<2x1xf32>
  %e2 = tensor.empty() : tensor<1x2x2x3xf32>
  %f2 = linalg.fill ins(%ninf : f32) outs(%e2 : tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
  %max = linalg.pooling_nchw_max {dilations = dense<1> : vector<2xi64>, strides = dense<[2, 1]> : vector<2xi64>} ins(%dw, %win : tensor<1x2x4x3xf32>, tensor<2x1xf32>) outs(%f2 : tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
  %e3 = tensor.empty() : tensor<1x2x1x3xf32>
  %f3 = linalg.fill ins(%zero : f32) outs(%e3 : tensor<1x2x1x3xf32>) -> tensor<1x2x1x3xf32>
  %sum = linalg.pooling_nchw_sum {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%max, %win : tensor<1x2x2x3xf32>, tensor<2x1xf32>) outs(%f3 : tensor<1x2x1x3xf32>) -> tensor<1x2x1x3xf32>
  return %max, %sum : tensor<1x2x2x3xf32>, tensor<1x2x1x3xf32>
}

// -----

// Concatenation along channels stays NHWC (along dimension 3); a global
// average pool, a reduction, reads the NHWC tensor through its indexing
// map; the flatten of its [N, C, 1, 1] result is a collapse of the NHWC
// tensor: no layout change is left inside.
// CHECK-LABEL: func.func @concat_and_global_pool
// CHECK: %[[CAT:.*]] = tensor.concat dim(3) %{{.*}}, %{{.*}} : (tensor<1x2x2x1xf32>, tensor<1x2x2x1xf32>) -> tensor<1x2x2x2xf32>
// CHECK: %[[POOL:.*]] = linalg.generic {indexing_maps = [#[[READ:.*]], #{{.*}}], iterator_types = ["parallel", "parallel", "reduction", "reduction"]} ins(%[[CAT]] : tensor<1x2x2x2xf32>)
// CHECK: tensor.collapse_shape %[[POOL]] {{\[\[}}0], [1, 2, 3]] : tensor<1x2x1x1xf32> into tensor<1x2xf32>
// CHECK-NOT: linalg.transpose {{.*}} permutation = [0, 3, 1, 2]
#in = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#out = affine_map<(d0, d1, d2, d3) -> (d0, d1, 0, 0)>
func.func @concat_and_global_pool(%x: tensor<1x1x2x2xf32>) -> tensor<1x2xf32> {
  %zero = arith.constant 0.0 : f32
  %w = arith.constant dense<2.0> : tensor<1x1x1x1xf32>
  %e = tensor.empty() : tensor<1x1x2x2xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32>
  %a = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%x, %w : tensor<1x1x2x2xf32>, tensor<1x1x1x1xf32>) outs(%f : tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32>
  %b = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%a, %w : tensor<1x1x2x2xf32>, tensor<1x1x1x1xf32>) outs(%f : tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32>
  %cat = tensor.concat dim(1) %a, %b : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>) -> tensor<1x2x2x2xf32>
  %e2 = tensor.empty() : tensor<1x2x1x1xf32>
  %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<1x2x1x1xf32>) -> tensor<1x2x1x1xf32>
  %pool = linalg.generic {indexing_maps = [#in, #out], iterator_types = ["parallel", "parallel", "reduction", "reduction"]} ins(%cat : tensor<1x2x2x2xf32>) outs(%f2 : tensor<1x2x1x1xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %in, %acc : f32
    linalg.yield %s : f32
  } -> tensor<1x2x1x1xf32>
  %flat = tensor.collapse_shape %pool [[0], [1, 2, 3]] : tensor<1x2x1x1xf32> into tensor<1x2xf32>
  return %flat : tensor<1x2xf32>
}

// -----

// A flatten of an NCHW activation into a linear layer (torch-mlir: the
// [out, in] weight transposed): the flatten reads NHWC and the weight rows
// follow, (c, w) order -> (w, c) order: rows [1, 2, 3, 4] -> [1, 3, 2, 4].
// CHECK-LABEL: func.func @flatten_into_linear
// CHECK-DAG: %[[W:.*]] = arith.constant dense<{{\[\[}}1.000000e+00], [3.000000e+00], [2.000000e+00], [4.000000e+00]]> : tensor<4x1xf32>
// CHECK: linalg.transpose {{.*}} permutation = [0, 2, 3, 1]
// CHECK: %[[FLAT:.*]] = tensor.collapse_shape %{{.*}} {{\[\[}}0], [1, 2, 3]] : tensor<1x1x2x2xf32> into tensor<1x4xf32>
// CHECK: linalg.matmul ins(%[[FLAT]], %[[W]] : tensor<1x4xf32>, tensor<4x1xf32>)
// CHECK-NOT: linalg.transpose
func.func @flatten_into_linear(%x: tensor<1x2x1x2xf32>) -> tensor<1x1xf32> {
  %zero = arith.constant 0.0 : f32
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %e = tensor.empty() : tensor<1x2x1x2xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x2x1x2xf32>) -> tensor<1x2x1x2xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%x, %w : tensor<1x2x1x2xf32>, tensor<2x2x1x1xf32>) outs(%f : tensor<1x2x1x2xf32>) -> tensor<1x2x1x2xf32>
  %flat = tensor.collapse_shape %y [[0], [1, 2, 3]] : tensor<1x2x1x2xf32> into tensor<1x4xf32>
  %fw = arith.constant dense<[[1.0, 2.0, 3.0, 4.0]]> : tensor<1x4xf32>
  %et = tensor.empty() : tensor<4x1xf32>
  %wt = linalg.transpose ins(%fw : tensor<1x4xf32>) outs(%et : tensor<4x1xf32>) permutation = [1, 0]
  %e2 = tensor.empty() : tensor<1x1xf32>
  %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<1x1xf32>) -> tensor<1x1xf32>
  %mm = linalg.matmul ins(%flat, %wt : tensor<1x4xf32>, tensor<4x1xf32>) outs(%f2 : tensor<1x1xf32>) -> tensor<1x1xf32>
  return %mm : tensor<1x1xf32>
}

// -----

// A body that reads its loop indices keeps its loop order: the transpose
// stays in front of it.
// CHECK-LABEL: func.func @index_body
// CHECK: %[[Y:.*]] = linalg.conv_2d_nhwc_fhwc
// CHECK: %[[T:.*]] = linalg.transpose ins(%[[Y]] {{.*}} permutation = [0, 3, 1, 2]
// CHECK: linalg.generic {{.*}} ins(%[[T]] : tensor<1x2x3x3xf32>)
// CHECK: linalg.index 1
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @index_body(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %zero = arith.constant 0.0 : f32
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %e = tensor.empty() : tensor<1x2x3x3xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%x, %w : tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>) outs(%f : tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%y : tensor<1x2x3x3xf32>) outs(%e : tensor<1x2x3x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    %c = linalg.index 1 : index
    %i = arith.index_cast %c : index to i32
    %v = arith.sitofp %i : i32 to f32
    %s = arith.addf %in, %v : f32
    linalg.yield %s : f32
  } -> tensor<1x2x3x3xf32>
  return %r : tensor<1x2x3x3xf32>
}

// -----

// A pad whose amount is a value keeps the static type it declares when it
// moves (its result type is the old one permuted); so does a concatenation
// declared more static than its inputs. An integer filter is transposed at
// compile time too.
// CHECK-LABEL: func.func @declared_types
// CHECK: %[[P:.*]] = tensor.pad %{{.*}} low[0, %{{.*}}, 0, 0] high[0, 1, 0, 0]
// CHECK: } : tensor<1x3x4x2xf32> to tensor<1x5x4x2xf32>
// CHECK: linalg.transpose ins(%[[P]] : tensor<1x5x4x2xf32>) outs(%{{.*}} : tensor<1x2x5x4xf32>) permutation = [0, 3, 1, 2]
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @declared_types(%x: tensor<1x2x3x4xf32>, %d: tensor<?xf32>) -> tensor<1x2x5x4xf32> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %n = tensor.dim %d, %c0 : tensor<?xf32>
  %w = arith.constant dense<[[[[1.0]], [[2.0]]], [[[-1.0]], [[0.5]]]]> : tensor<2x2x1x1xf32>
  %e = tensor.empty() : tensor<1x2x3x4xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x2x3x4xf32>) -> tensor<1x2x3x4xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%x, %w : tensor<1x2x3x4xf32>, tensor<2x2x1x1xf32>) outs(%f : tensor<1x2x3x4xf32>) -> tensor<1x2x3x4xf32>
  %p = tensor.pad %y low[0, 0, %n, 0] high[0, 0, 1, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x2x3x4xf32> to tensor<1x2x5x4xf32>
  return %p : tensor<1x2x5x4xf32>
}

// CHECK-LABEL: func.func @static_concat
// CHECK: tensor.concat dim(3) %{{.*}}, %{{.*}} : (tensor<1x3x?x2xf32>, tensor<1x3x?x2xf32>) -> tensor<1x3x4x4xf32>
func.func @static_concat(%x: tensor<1x2x3x?xf32>) -> tensor<1x4x3x4xf32> {
  %c3 = arith.constant 3 : index
  %zero = arith.constant 0.0 : f32
  %n = tensor.dim %x, %c3 : tensor<1x2x3x?xf32>
  %w = arith.constant dense<[[[[1.0]], [[2.0]]], [[[-1.0]], [[0.5]]]]> : tensor<2x2x1x1xf32>
  %e = tensor.empty(%n) : tensor<1x2x3x?xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x2x3x?xf32>) -> tensor<1x2x3x?xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%x, %w : tensor<1x2x3x?xf32>, tensor<2x2x1x1xf32>) outs(%f : tensor<1x2x3x?xf32>) -> tensor<1x2x3x?xf32>
  %cat = tensor.concat dim(1) %y, %y : (tensor<1x2x3x?xf32>, tensor<1x2x3x?xf32>) -> tensor<1x4x3x4xf32>
  return %cat : tensor<1x4x3x4xf32>
}

// CHECK-LABEL: func.func @integer_filter
// CHECK: %[[W:.*]] = arith.constant dense<{{\[\[\[\[}}1, 2], [3, 4]]], {{\[\[\[}}5, 6], [7, 8]]]]> : tensor<2x1x2x2xi8>
// CHECK: linalg.conv_2d_nhwc_fhwc {{.*}} ins(%{{.*}}, %[[W]] :
func.func @integer_filter(%x: tensor<1x2x3x3xi8>) -> tensor<1x2x3x2xi32> {
  %zero = arith.constant 0 : i32
  %w = arith.constant dense<[[[[1, 3]], [[2, 4]]], [[[5, 7]], [[6, 8]]]]> : tensor<2x2x1x2xi8>
  %e = tensor.empty() : tensor<1x2x3x2xi32>
  %f = linalg.fill ins(%zero : i32) outs(%e : tensor<1x2x3x2xi32>) -> tensor<1x2x3x2xi32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%x, %w : tensor<1x2x3x3xi8>, tensor<2x2x1x2xi8>) outs(%f : tensor<1x2x3x2xi32>) -> tensor<1x2x3x2xi32>
  return %y : tensor<1x2x3x2xi32>
}

// -----

// A filter that is not a constant is transposed at run time, here (only
// unit dimensions move) as a reshape; a function without channels-first
// ops is left as it is.
// CHECK-LABEL: func.func @runtime_filter
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x3x3xf32>, %[[W:.*]]: tensor<4x2x1x1xf32>)
// CHECK: %[[C:.*]] = tensor.collapse_shape %[[W]] {{\[\[}}0], [1, 2, 3]] : tensor<4x2x1x1xf32> into tensor<4x2xf32>
// CHECK: %[[F:.*]] = tensor.expand_shape %[[C]] {{\[\[}}0], [1, 2, 3]] output_shape [4, 1, 1, 2] : tensor<4x2xf32> into tensor<4x1x1x2xf32>
// CHECK: linalg.conv_2d_nhwc_fhwc {{.*}} ins(%{{.*}}, %[[F]] :
func.func @runtime_filter(%x: tensor<1x2x3x3xf32>, %w: tensor<4x2x1x1xf32>) -> tensor<1x4x3x3xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x4x3x3xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%x, %w : tensor<1x2x3x3xf32>, tensor<4x2x1x1xf32>) outs(%f : tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  return %y : tensor<1x4x3x3xf32>
}

// CHECK-LABEL: func.func @nhwc_untouched
// CHECK-NEXT: linalg.transpose ins(%{{.*}} : tensor<2x3xf32>)
// CHECK-NEXT: return
func.func @nhwc_untouched(%x: tensor<2x3xf32>, %y: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %t = linalg.transpose ins(%x : tensor<2x3xf32>) outs(%y : tensor<3x2xf32>) permutation = [1, 0]
  return %t : tensor<3x2xf32>
}
