//===- QNNInterfaces.td - QNN attribute interfaces ---------*- tablegen -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef QNN_DIALECT_QNN_IR_QNNINTERFACES_TD
#define QNN_DIALECT_QNN_IR_QNNINTERFACES_TD

include "mlir/IR/OpBase.td"

def QNN_SparsityPatternAttrInterface
    : AttrInterface<"SparsityPatternAttrInterface"> {
  let cppNamespace = "::mlir::qnn";
  let description = [{
    A pattern of zeros that a pruned tensor satisfies. The pattern states the
    invariant that pruning guarantees and that sparse kernels rely on; the
    storage encoding says how the surviving values are laid out in memory.
  }];
  let methods = [
    InterfaceMethod<[{
        Checks that the pattern applies to a tensor of `shape` (dynamic sizes
        are accepted); reports the problem through `emitError` otherwise.
      }],
      "::llvm::LogicalResult", "verifyShape",
      (ins "::llvm::function_ref<::mlir::InFlightDiagnostic()>":$emitError,
           "::llvm::ArrayRef<int64_t>":$shape)>,
    InterfaceMethod<[{
        Returns the row-major linear index of the first element whose being
        non-zero breaks the pattern in a tensor of static `shape`, or nullopt
        when the values satisfy it. `isNonZero(i)` reads element `i`.
      }],
      "::std::optional<int64_t>", "findViolation",
      (ins "::llvm::ArrayRef<int64_t>":$shape,
           "::llvm::function_ref<bool(int64_t)>":$isNonZero)>,
    InterfaceMethod<[{
        Returns the upstream sparse_tensor encoding that stores a tensor of
        `shape` with this pattern compactly (the canonical compressed
        storage).
      }],
      "::mlir::sparse_tensor::SparseTensorEncodingAttr", "getStorageEncoding",
      (ins "::llvm::ArrayRef<int64_t>":$shape)>,
  ];
}

#endif // QNN_DIALECT_QNN_IR_QNNINTERFACES_TD
