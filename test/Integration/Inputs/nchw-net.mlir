// A torch-mlir-shaped NCHW network (conv + bias + ReLU as cmpf/select,
// depthwise through a collapsed filter, residual add, concatenation, a
// squeeze-excite scale from a global mean, max pooling, flatten, a linear
// layer with a transposed weight), for channels-last.test.
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#chan = affine_map<(d0, d1, d2, d3) -> (d1)>
#pool = affine_map<(d0, d1, d2, d3) -> (d0, d1, 0, 0)>
#bcast = affine_map<(d0, d1, d2, d3) -> (d0, d1, 0, 0)>
func.func @forward(%x: tensor<?x2x6x6xf32>) -> tensor<?x5xf32> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %n = tensor.dim %x, %c0 : tensor<?x2x6x6xf32>
  %xp = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<?x2x6x6xf32> to tensor<?x2x8x8xf32>
  %w1 = arith.constant dense<[[[[-0.048, 0.06, 0.424], [-0.034, 0.008, 0.087], [-0.315, 0.012, 0.13]], [[0.293, -0.406, -0.197], [-0.409, 0.31, 0.193], [-0.458, 0.482, 0.465]]], [[[0.154, 0.116, -0.343], [-0.485, 0.028, -0.44], [-0.31, -0.258, -0.47]], [[-0.036, -0.059, 0.342], [0.019, 0.14, -0.0], [0.162, -0.043, -0.222]]], [[[0.498, 0.496, 0.34], [0.208, -0.185, -0.27], [-0.211, -0.43, 0.266]], [[-0.1, 0.347, -0.113], [0.458, 0.347, -0.499], [-0.29, 0.41, -0.03]]], [[[0.48, -0.103, -0.427], [0.129, 0.279, -0.23], [-0.413, -0.167, 0.464]], [[0.258, -0.382, -0.254], [-0.399, -0.44, 0.297], [-0.322, 0.059, -0.053]]]]> : tensor<4x2x3x3xf32>
  %c1_b = arith.constant dense<[-0.124, 0.093, -0.148, 0.057]> : tensor<4xf32>
  %c1_e = tensor.empty(%n) : tensor<?x4x6x6xf32>
  %c1_init = linalg.generic {indexing_maps = [#chan, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%c1_b : tensor<4xf32>) outs(%c1_e : tensor<?x4x6x6xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<?x4x6x6xf32>
  %c1_y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%xp, %w1 : tensor<?x2x8x8xf32>, tensor<4x2x3x3xf32>) outs(%c1_init : tensor<?x4x6x6xf32>) -> tensor<?x4x6x6xf32> loc("conv1")
  %a = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%c1_y : tensor<?x4x6x6xf32>) outs(%c1_e : tensor<?x4x6x6xf32>) {
  ^bb0(%in: f32, %out: f32):
    %p = arith.cmpf ugt, %in, %zero : f32
    %r = arith.select %p, %in, %zero : f32
    linalg.yield %r : f32
  } -> tensor<?x4x6x6xf32>
  %ap = tensor.pad %a low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<?x4x6x6xf32> to tensor<?x4x8x8xf32>
  %wd4 = arith.constant dense<[[[[-0.383, -0.079, -0.287], [-0.23, 0.471, 0.303], [-0.196, 0.385, -0.289]]], [[[-0.106, 0.354, 0.142], [-0.4, 0.489, -0.287], [-0.242, 0.273, -0.171]]], [[[-0.204, -0.427, -0.41], [0.083, -0.257, 0.101], [-0.128, -0.047, 0.459]]], [[[-0.016, 0.075, 0.367], [-0.317, -0.346, 0.408], [0.318, -0.251, -0.31]]]]> : tensor<4x1x3x3xf32>
  %wd = tensor.collapse_shape %wd4 [[0, 1], [2], [3]] : tensor<4x1x3x3xf32> into tensor<4x3x3xf32>
  %dw_b = arith.constant dense<[0.096, 0.176, -0.121, 0.18]> : tensor<4xf32>
  %dw_e = tensor.empty(%n) : tensor<?x4x6x6xf32>
  %dw_init = linalg.generic {indexing_maps = [#chan, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%dw_b : tensor<4xf32>) outs(%dw_e : tensor<?x4x6x6xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<?x4x6x6xf32>
  %dw_y = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%ap, %wd : tensor<?x4x8x8xf32>, tensor<4x3x3xf32>) outs(%dw_init : tensor<?x4x6x6xf32>) -> tensor<?x4x6x6xf32> loc("dw")
  %b = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%dw_y : tensor<?x4x6x6xf32>) outs(%dw_e : tensor<?x4x6x6xf32>) {
  ^bb0(%in: f32, %out: f32):
    %p = arith.cmpf ugt, %in, %zero : f32
    %r = arith.select %p, %in, %zero : f32
    linalg.yield %r : f32
  } -> tensor<?x4x6x6xf32>
  %c = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%a, %b : tensor<?x4x6x6xf32>, tensor<?x4x6x6xf32>) outs(%c1_e : tensor<?x4x6x6xf32>) {
  ^bb0(%p: f32, %q: f32, %out: f32):
    %s = arith.addf %p, %q : f32
    linalg.yield %s : f32
  } -> tensor<?x4x6x6xf32>
  %w2 = arith.constant dense<[[[[0.382]], [[0.104]], [[-0.079]], [[-0.396]]], [[[-0.461]], [[0.463]], [[-0.262]], [[0.205]]], [[[-0.243]], [[0.324]], [[0.096]], [[-0.207]]], [[[-0.325]], [[0.22]], [[-0.431]], [[-0.272]]]]> : tensor<4x4x1x1xf32>
  %c2_b = arith.constant dense<[0.024, 0.141, 0.046, -0.088]> : tensor<4xf32>
  %c2_e = tensor.empty(%n) : tensor<?x4x6x6xf32>
  %c2_init = linalg.generic {indexing_maps = [#chan, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%c2_b : tensor<4xf32>) outs(%c2_e : tensor<?x4x6x6xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<?x4x6x6xf32>
  %d = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%c, %w2 : tensor<?x4x6x6xf32>, tensor<4x4x1x1xf32>) outs(%c2_init : tensor<?x4x6x6xf32>) -> tensor<?x4x6x6xf32> loc("conv2")
  %e = tensor.concat dim(1) %c, %d : (tensor<?x4x6x6xf32>, tensor<?x4x6x6xf32>) -> tensor<?x8x6x6xf32>
  %se_e = tensor.empty(%n) : tensor<?x8x1x1xf32>
  %se_f = linalg.fill ins(%zero : f32) outs(%se_e : tensor<?x8x1x1xf32>) -> tensor<?x8x1x1xf32>
  %se_sum = linalg.generic {indexing_maps = [#id, #pool], iterator_types = ["parallel", "parallel", "reduction", "reduction"]} ins(%e : tensor<?x8x6x6xf32>) outs(%se_f : tensor<?x8x1x1xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %in, %acc : f32
    linalg.yield %s : f32
  } -> tensor<?x8x1x1xf32>
  %se_mean = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%se_sum : tensor<?x8x1x1xf32>) outs(%se_e : tensor<?x8x1x1xf32>) {
  ^bb0(%in: f32, %out: f32):
    %k = arith.constant 36.0 : f32
    %m = arith.divf %in, %k : f32
    linalg.yield %m : f32
  } -> tensor<?x8x1x1xf32>
  %w3 = arith.constant dense<[[[[0.417]], [[-0.296]], [[-0.483]], [[-0.231]], [[-0.054]], [[-0.44]], [[-0.324]], [[-0.131]]], [[[0.072]], [[-0.368]], [[-0.138]], [[0.391]], [[0.48]], [[0.157]], [[0.191]], [[0.084]]], [[[-0.36]], [[-0.465]], [[-0.482]], [[0.41]], [[0.201]], [[0.463]], [[-0.479]], [[0.136]]], [[[-0.018]], [[0.23]], [[-0.181]], [[0.499]], [[-0.425]], [[0.046]], [[0.237]], [[0.4]]], [[[0.237]], [[0.204]], [[0.293]], [[0.415]], [[-0.148]], [[0.185]], [[0.401]], [[0.371]]], [[[-0.083]], [[0.291]], [[0.363]], [[0.073]], [[0.125]], [[-0.118]], [[0.083]], [[0.109]]], [[[-0.42]], [[0.139]], [[0.493]], [[0.38]], [[0.228]], [[-0.112]], [[0.235]], [[0.081]]], [[[-0.059]], [[0.338]], [[-0.416]], [[0.25]], [[-0.47]], [[0.101]], [[-0.019]], [[-0.27]]]]> : tensor<8x8x1x1xf32>
  %se_g = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%se_mean, %w3 : tensor<?x8x1x1xf32>, tensor<8x8x1x1xf32>) outs(%se_f : tensor<?x8x1x1xf32>) -> tensor<?x8x1x1xf32> loc("se")
  %f_e = tensor.empty(%n) : tensor<?x8x6x6xf32>
  %f = linalg.generic {indexing_maps = [#id, #bcast, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%e, %se_g : tensor<?x8x6x6xf32>, tensor<?x8x1x1xf32>) outs(%f_e : tensor<?x8x6x6xf32>) {
  ^bb0(%p: f32, %q: f32, %out: f32):
    %m = arith.mulf %p, %q : f32
    linalg.yield %m : f32
  } -> tensor<?x8x6x6xf32>
  %g_e = tensor.empty(%n) : tensor<?x8x3x3xf32>
  %g_f = linalg.fill ins(%ninf : f32) outs(%g_e : tensor<?x8x3x3xf32>) -> tensor<?x8x3x3xf32>
  %win = tensor.empty() : tensor<2x2xf32>
  %g = linalg.pooling_nchw_max {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>} ins(%f, %win : tensor<?x8x6x6xf32>, tensor<2x2xf32>) outs(%g_f : tensor<?x8x3x3xf32>) -> tensor<?x8x3x3xf32>
  %flat = tensor.collapse_shape %g [[0], [1, 2, 3]] : tensor<?x8x3x3xf32> into tensor<?x72xf32>
  %fw = arith.constant dense<[[0.119, -0.002, 0.069, 0.252, -0.147, -0.293, -0.119, 0.107, -0.178, -0.198, 0.243, 0.096, -0.035, 0.235, -0.104, 0.1, -0.181, -0.041, 0.184, 0.249, 0.228, -0.069, 0.05, -0.11, -0.218, -0.002, 0.202, 0.209, 0.127, 0.27, -0.134, -0.199, -0.03, -0.135, -0.172, -0.052, 0.075, -0.004, -0.111, 0.203, 0.289, -0.029, -0.255, -0.281, 0.224, -0.275, 0.125, 0.042, -0.115, 0.175, -0.289, -0.218, -0.027, -0.285, 0.198, -0.158, -0.215, -0.272, 0.078, -0.032, 0.078, 0.093, 0.184, 0.275, 0.111, -0.18, -0.015, -0.193, -0.294, -0.017, 0.129, -0.193], [-0.137, -0.093, 0.118, 0.012, 0.069, 0.154, -0.064, 0.175, 0.244, -0.248, 0.26, 0.133, -0.222, -0.028, 0.075, 0.246, -0.074, 0.041, 0.228, 0.178, 0.267, -0.022, 0.091, -0.177, 0.133, 0.191, 0.085, 0.131, -0.172, 0.24, 0.288, 0.286, 0.022, 0.174, -0.108, 0.246, 0.213, -0.091, -0.25, -0.035, 0.03, 0.161, -0.008, -0.283, 0.185, -0.262, 0.18, -0.196, -0.099, 0.173, -0.216, -0.211, 0.01, 0.134, 0.204, 0.114, 0.267, -0.004, 0.269, -0.248, -0.167, 0.016, -0.126, 0.137, 0.083, 0.014, 0.206, 0.036, -0.113, -0.071, 0.207, 0.24], [-0.175, 0.21, 0.281, 0.015, 0.044, -0.179, 0.022, 0.002, 0.063, -0.283, 0.282, 0.01, -0.06, 0.181, 0.038, -0.005, 0.115, -0.26, 0.023, -0.052, 0.274, 0.254, -0.138, -0.016, -0.224, -0.04, 0.189, 0.24, -0.014, -0.11, -0.185, 0.071, 0.255, -0.222, 0.168, -0.286, -0.184, -0.164, 0.112, -0.107, -0.087, 0.072, -0.237, 0.139, -0.226, 0.006, -0.15, -0.181, 0.018, -0.038, -0.075, -0.052, 0.018, -0.204, -0.177, 0.079, 0.083, 0.018, 0.211, 0.067, 0.214, -0.16, 0.144, 0.186, 0.242, -0.11, -0.111, 0.254, -0.169, 0.299, 0.233, -0.22], [-0.156, 0.136, -0.144, -0.242, 0.199, -0.047, 0.174, -0.224, -0.058, 0.111, -0.289, -0.179, 0.109, 0.247, 0.281, -0.231, 0.003, 0.155, 0.002, 0.111, -0.187, -0.258, -0.236, -0.278, 0.031, 0.009, 0.041, -0.212, -0.189, -0.178, 0.204, 0.294, 0.256, -0.243, -0.263, 0.271, -0.023, 0.159, -0.104, -0.02, 0.009, -0.042, 0.061, -0.292, 0.121, 0.207, -0.191, -0.028, 0.144, -0.057, -0.183, -0.201, 0.008, -0.291, 0.236, 0.181, 0.123, 0.216, 0.078, -0.057, 0.06, 0.003, 0.29, 0.183, -0.145, 0.247, 0.147, 0.167, 0.189, -0.057, 0.238, 0.228], [0.117, 0.16, 0.159, -0.057, 0.134, -0.258, -0.095, -0.019, -0.294, -0.087, 0.083, 0.074, -0.161, 0.267, 0.1, -0.097, 0.096, 0.042, 0.02, -0.066, 0.3, 0.085, 0.121, 0.157, 0.288, -0.286, 0.069, 0.143, -0.146, -0.059, -0.27, -0.183, -0.075, -0.241, -0.149, 0.243, 0.03, 0.005, 0.28, 0.041, 0.297, 0.083, 0.186, -0.254, 0.059, 0.156, -0.273, 0.258, -0.204, -0.017, -0.199, -0.003, 0.067, -0.265, 0.267, -0.048, 0.016, 0.059, -0.081, -0.129, 0.093, 0.036, -0.13, 0.13, -0.122, -0.292, -0.153, -0.274, -0.206, 0.153, -0.066, 0.239]]> : tensor<5x72xf32>
  %fw_e = tensor.empty() : tensor<72x5xf32>
  %fwt = linalg.transpose ins(%fw : tensor<5x72xf32>) outs(%fw_e : tensor<72x5xf32>) permutation = [1, 0]
  %o_e = tensor.empty(%n) : tensor<?x5xf32>
  %o_f = linalg.fill ins(%zero : f32) outs(%o_e : tensor<?x5xf32>) -> tensor<?x5xf32>
  %o = linalg.matmul ins(%flat, %fwt : tensor<?x72xf32>, tensor<72x5xf32>) outs(%o_f : tensor<?x5xf32>) -> tensor<?x5xf32> loc("fc")
  return %o : tensor<?x5xf32>
}
