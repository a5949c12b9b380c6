// Quantizes a tensor with a dynamic (here empty) batch.
func.func @forward(%x: tensor<?x4xf32>) -> tensor<?x4x!quant.uniform<i8:f32, 0.5>> {
  %q = qnn.quantize %x : tensor<?x4xf32> -> tensor<?x4x!quant.uniform<i8:f32, 0.5>>
  return %q : tensor<?x4x!quant.uniform<i8:f32, 0.5>>
}
