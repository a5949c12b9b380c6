// A quantized model and a main that prints with the runner utilities go
// through qnn-to-llvm and run under stock mlir-runner.
// RUN: qnn-opt %s --qnn-to-llvm | mlir-runner -e main --entry-point-result=void -shared-libs=%c_runner_utils,%runner_utils | FileCheck %s

// x = [-1.0, 0.3, 2.6, 100.0] -> q (scale 0.1, zp 3) = [-7, 6, 29, 127]
// matmul with w = [[1], [2], [-1], [0]] (zp 0): (-10)*1 + 3*2 + 26*(-1) + 0
// = -30 (activation zero point 3 removed).
// CHECK: [-7,  6,  29,  127]
// CHECK: {{\[}}[-30]]

!x = !quant.uniform<i8:f32, 0.1:3>
!w = !quant.uniform<i8:f32, 1.0>
!acc = !quant.uniform<i32:f32, 0.1>

func.func @model(%x: tensor<1x4xf32>) -> (tensor<1x4x!x>, tensor<1x1x!acc>) {
  %q = qnn.quantize %x : tensor<1x4xf32> -> tensor<1x4x!x>
  %w = qnn.constant dense<[[1], [2], [-1], [0]]> : tensor<4x1xi8> -> tensor<4x1x!w>
  %acc = qnn.matmul %q, %w : (tensor<1x4x!x>, tensor<4x1x!w>) -> tensor<1x1x!acc>
  return %q, %acc : tensor<1x4x!x>, tensor<1x1x!acc>
}

func.func private @printMemrefI32(memref<*xi32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %x = arith.constant dense<[[-1.0, 0.3, 2.6, 100.0]]> : tensor<1x4xf32>
  %q, %acc = call @model(%x) : (tensor<1x4xf32>) -> (tensor<1x4x!x>, tensor<1x1x!acc>)
  %qs = quant.scast %q : tensor<1x4x!x> to tensor<1x4xi8>
  %e = tensor.empty() : tensor<1x4xi32>
  %wide = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                          iterator_types = ["parallel", "parallel"]}
      ins(%qs : tensor<1x4xi8>) outs(%e : tensor<1x4xi32>) {
  ^bb0(%v: i8, %o: i32):
    %w = arith.extsi %v : i8 to i32
    linalg.yield %w : i32
  } -> tensor<1x4xi32>
  %m = bufferization.to_buffer %wide : tensor<1x4xi32> to memref<1x4xi32>
  %u = memref.cast %m : memref<1x4xi32> to memref<*xi32>
  call @printMemrefI32(%u) : (memref<*xi32>) -> ()
  %as = quant.scast %acc : tensor<1x1x!acc> to tensor<1x1xi32>
  %am = bufferization.to_buffer %as : tensor<1x1xi32> to memref<1x1xi32>
  %au = memref.cast %am : memref<1x1xi32> to memref<*xi32>
  call @printMemrefI32(%au) : (memref<*xi32>) -> ()
  return
}
