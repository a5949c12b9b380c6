// IR written for MLIR 15: linalg.init_tensor became tensor.empty.
func.func @f() -> tensor<4xf32> {
  %0 = linalg.init_tensor [4] : tensor<4xf32>
  return %0 : tensor<4xf32>
}
