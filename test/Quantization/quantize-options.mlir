// RUN: qnn-opt %s --quantize="weight-bits=4" | FileCheck %s --check-prefix=W4
// RUN: qnn-opt %s --quantize="weight-bits=2" | FileCheck %s --check-prefix=W2
// RUN: qnn-opt %s --quantize="activation-bits=16" | FileCheck %s --check-prefix=A16
// RUN: qnn-opt %s --quantize="activation-bits=16 activations=symmetric" | FileCheck %s --check-prefix=A16SYM
// RUN: qnn-opt %s --quantize="skip=fc1" 2>&1 | FileCheck %s --check-prefix=SKIP

/// weight-bits=4: symmetric narrow range [-7, 7] per channel,
/// scale = max|w| / 7, stored packed two per byte (first value in the low
/// nibble). Column scales: 1.0 / 7 and 2.0 / 7, rounded to binary32
/// (0.142857149, 0.285714298). The weights in row-major order
/// [[1.0, -2.0], [-0.5, 1.0]] -> [7, -7, -3 (-3.4999998), 3 (3.4999998)]
/// -> nibbles 0x7 0x9 0xD 0x3 -> bytes 0x97, 0x3D.
// W4-LABEL: func.func @layers
// W4:         qnn.constant packed dense<[151, 61]> : tensor<2xui8> -> tensor<2x2x!quant.uniform<i4<-7:7>:f32:1, {0.1428571492433548,0.28571429848670959}>>
// W4:         qnn.matmul
// W4-SAME:      tensor<2x2x!quant.uniform<i4<-7:7>:f32:1

/// weight-bits=2: ternary {-1, 0, 1}, scale = max|w|, four per byte:
/// [1, -1, -0.5 -> -0 (ties to even) = 0, 0.5 -> 0] -> 0b00'00'11'01.
// W2-LABEL: func.func @layers
// W2:         qnn.constant packed dense<13> : tensor<1xui8> -> tensor<2x2x!quant.uniform<i2<-1:1>:f32:1, {1.000000e+00,2.000000e+00}>>

/// activation-bits=16: int16 activations, [-1, 3] -> scale 4 / 65535,
/// zero point round(-32768 + 1 / scale) = -16384.
// A16-LABEL: func.func @layers
// A16:         qnn.quantize %{{.*}} -> tensor<1x2x!quant.uniform<i16:f32, 6.1036087572574615E-5:-16384>>
// A16:         qnn.requantize {{.*}} -> tensor<1x2x!quant.uniform<i16:f32,
/// Symmetric int16: 3 / 32767.
// A16SYM-LABEL: func.func @layers
// A16SYM:         qnn.quantize %{{.*}} -> tensor<1x2x!quant.uniform<i16:f32, 9.1555528342723846E-5>>

/// skip=fc1 keeps the layer named fc1 in float (with a remark); fc2 is
/// quantized.
// SKIP:         remark: loc("fc1"): kept in float: 'fc1' is in the skip list
// SKIP-LABEL:   func.func @layers
// SKIP-NOT:       qnn.matmul
// SKIP:           linalg.matmul
// SKIP:           qnn.matmul
func.func @layers(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %zero = arith.constant 0.0 : f32
  %w = arith.constant dense<[[1.0, -2.0], [-0.5, 1.0]]> : tensor<2x2xf32>
  %sx = qnn.stats %x min = [-1.0], max = [3.0] : tensor<1x2xf32>
  %e = tensor.empty() : tensor<1x2xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<1x2xf32>) -> tensor<1x2xf32>
  %h = linalg.matmul ins(%sx, %w : tensor<1x2xf32>, tensor<2x2xf32>) outs(%acc : tensor<1x2xf32>) -> tensor<1x2xf32> loc("fc1")
  %sh = qnn.stats %h min = [-2.0], max = [2.0] : tensor<1x2xf32>
  %y = linalg.matmul ins(%sh, %w : tensor<1x2xf32>, tensor<2x2xf32>) outs(%acc : tensor<1x2xf32>) -> tensor<1x2xf32> loc("fc2")
  %sy = qnn.stats %y min = [-4.0], max = [4.0] : tensor<1x2xf32>
  return %sy : tensor<1x2xf32>
}


// Bad option values are errors that say what is allowed.
// RUN: not qnn-opt %s --quantize="weight-bits=3" 2>&1 | FileCheck %s --check-prefix=BITS
// BITS: error: quantize: weight-bits must be 8, 4 or 2, got 3
// RUN: not qnn-opt %s --quantize="activation-bits=12" 2>&1 | FileCheck %s --check-prefix=ABITS
// ABITS: error: quantize: activation-bits must be 8 or 16, got 12
// RUN: not qnn-opt %s --quantize="weight-bits=four" 2>&1 | FileCheck %s --check-prefix=PARSE
// PARSE: for the --weight-bits option: 'four' value invalid for uint argument!
// RUN: not qnn-opt %s --quantize="skip=fc3" 2>&1 | FileCheck %s --check-prefix=NOSUCH
// NOSUCH: error: quantize: skip names 'fc3', but no matmul or convolution has that name (the layers are: fc1, fc2)
