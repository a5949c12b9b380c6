// 16-bit operands: the int32 accumulator can wrap.
func.func @forward(%a: tensor<2x4x!quant.uniform<i16:f32, 0.5>>, %w: tensor<4x2x!quant.uniform<i16:f32, 0.5>>) -> tensor<2x2x!quant.uniform<i32:f32, 0.25>> {
  %acc = qnn.matmul %a, %w : (tensor<2x4x!quant.uniform<i16:f32, 0.5>>, tensor<4x2x!quant.uniform<i16:f32, 0.5>>) -> tensor<2x2x!quant.uniform<i32:f32, 0.25>>
  return %acc : tensor<2x2x!quant.uniform<i32:f32, 0.25>>
}
