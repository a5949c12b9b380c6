// TOSA int8 rescales (tosa.rescale, as TFLite-to-TOSA emits them) lowered by
// upstream's tosa-to-linalg and tosa-to-arith inside --qnn-to-llvm and run:
// the results are the TOSA specification's apply_scale_32, transcribed:
//   round = 1 << (shift - 1), and with DOUBLE_ROUND and shift > 31
//   round += value >= 0 ? 1 << 30 : -(1 << 30);
//   out = clamp(((v * multiplier + round) >> shift) + output_zp, -128, 127)
// with v = value - input_zp (0 here), in int64 arithmetic, computed by hand
// for these inputs.
// RUN: %npy write %t.v.npy i4 10 -13,-5,-4,-3,3,4,5,13,1000,-1000
// RUN: qnn-run %s --entry rescales --input %t.v.npy --output %t.d.npy --output %t.s.npy --output %t.z.npy --output %t.c.npy
// RUN: %npy print %t.d.npy | FileCheck %s --check-prefix=DOUBLE
// RUN: %npy print %t.s.npy | FileCheck %s --check-prefix=SINGLE
// RUN: %npy print %t.z.npy | FileCheck %s --check-prefix=ZERO
// RUN: %npy print %t.c.npy | FileCheck %s --check-prefix=CLAMP

// x / 8 (multiplier 2^30, shift 33): double rounding moves 3/8 up to 1 and
// -4/8 down to -1, where single rounding gives 0 and 0.
// DOUBLE: -2 -1 -1 0 1 1 1 2 125 -125
// SINGLE: -2 -1 0 0 0 1 1 2 125 -125
// x * 1518500250 / 2^37, output zero point -3.
// ZERO:   -3 -3 -3 -3 -3 -3 -3 -3 8 -14
// x / 2 (shift 31: no double rounding), output zero point 5, saturating.
// CLAMP:  -1 3 3 4 7 7 8 12 127 -128

func.func @rescales(%x: tensor<10xi32>) -> (tensor<10xi8>, tensor<10xi8>, tensor<10xi8>, tensor<10xi8>) {
  %eighth = "tosa.const"() {values = dense<1073741824> : tensor<1xi32>} : () -> tensor<1xi32>
  %odd = "tosa.const"() {values = dense<1518500250> : tensor<1xi32>} : () -> tensor<1xi32>
  %s31 = "tosa.const"() {values = dense<31> : tensor<1xi8>} : () -> tensor<1xi8>
  %s33 = "tosa.const"() {values = dense<33> : tensor<1xi8>} : () -> tensor<1xi8>
  %s37 = "tosa.const"() {values = dense<37> : tensor<1xi8>} : () -> tensor<1xi8>
  %iz = "tosa.const"() {values = dense<0> : tensor<1xi32>} : () -> tensor<1xi32>
  %oz = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %ozm3 = "tosa.const"() {values = dense<-3> : tensor<1xi8>} : () -> tensor<1xi8>
  %oz5 = "tosa.const"() {values = dense<5> : tensor<1xi8>} : () -> tensor<1xi8>
  %d = tosa.rescale %x, %eighth, %s33, %iz, %oz {scale32 = true, rounding_mode = DOUBLE_ROUND, per_channel = false, input_unsigned = false, output_unsigned = false} : (tensor<10xi32>, tensor<1xi32>, tensor<1xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<10xi8>
  %s = tosa.rescale %x, %eighth, %s33, %iz, %oz {scale32 = true, rounding_mode = SINGLE_ROUND, per_channel = false, input_unsigned = false, output_unsigned = false} : (tensor<10xi32>, tensor<1xi32>, tensor<1xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<10xi8>
  %z = tosa.rescale %x, %odd, %s37, %iz, %ozm3 {scale32 = true, rounding_mode = DOUBLE_ROUND, per_channel = false, input_unsigned = false, output_unsigned = false} : (tensor<10xi32>, tensor<1xi32>, tensor<1xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<10xi8>
  %c = tosa.rescale %x, %eighth, %s31, %iz, %oz5 {scale32 = true, rounding_mode = DOUBLE_ROUND, per_channel = false, input_unsigned = false, output_unsigned = false} : (tensor<10xi32>, tensor<1xi32>, tensor<1xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<10xi8>
  return %d, %s, %z, %c : tensor<10xi8>, tensor<10xi8>, tensor<10xi8>, tensor<10xi8>
}
