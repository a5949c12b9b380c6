//===- QNNAttrs.td - QNN attributes and enums --------------*- tablegen -*-===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef QNN_DIALECT_QNN_IR_QNNATTRS_TD
#define QNN_DIALECT_QNN_IR_QNNATTRS_TD

include "qnn/Dialect/QNN/IR/QNNDialect.td"
include "qnn/Dialect/QNN/IR/QNNInterfaces.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

//===----------------------------------------------------------------------===//
// Rounding modes
//===----------------------------------------------------------------------===//

// Printed as a bare keyword in op syntax (`rounding = double_round`), like
// arith.cmpi's predicate; an EnumAttr would print with extra brackets.
def QNN_RoundingAttr : I32EnumAttr<"Rounding", "how a value is rounded to an integer", [
    I32EnumAttrCase<"HalfToEven", 0, "half_to_even">,
    I32EnumAttrCase<"HalfAwayFromZero", 1, "half_away_from_zero">,
    I32EnumAttrCase<"DoubleRound", 2, "double_round">,
    I32EnumAttrCase<"SingleRound", 3, "single_round">,
    I32EnumAttrCase<"TosaDoubleRound", 4, "tosa_double_round">
  ]> {
  let cppNamespace = "::mlir::qnn";
  let description = [{
    `half_to_even` and `half_away_from_zero` round a binary32 value (the
    float modes). `double_round` (TFLite's fixed point), `single_round` and
    `tosa_double_round` (TOSA RESCALE with SINGLE_ROUND and DOUBLE_ROUND)
    apply an integer multiplier and shift derived from a scale ratio and
    exist only for `qnn.requantize`. docs/Semantics.md defines each
    bit by bit.
  }];
}

//===----------------------------------------------------------------------===//
// Sparsity patterns
//===----------------------------------------------------------------------===//

class QNN_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<QNN_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

class QNN_SparsityPatternAttr<string name, string attrMnemonic>
    : QNN_Attr<name, attrMnemonic, [
        DeclareAttrInterfaceMethods<QNN_SparsityPatternAttrInterface>]>;

def QNN_UnstructuredAttr : QNN_SparsityPatternAttr<"Unstructured", "unstructured"> {
  let summary = "any element may be zero";
  let description = [{
    Unstructured (magnitude) pruning: zeros may sit anywhere. Stored
    compressed along the innermost dimension (CSR for a matrix).

    ```mlir
    #qnn.unstructured
    ```
  }];
}

def QNN_NOfMAttr : QNN_SparsityPatternAttr<"NOfM", "n_of_m"> {
  let summary = "at most N non-zeros in every M consecutive elements";
  let description = [{
    N:M semi-structured sparsity: along dimension `axis`, every aligned group
    of `m` consecutive elements holds at most `n` non-zeros (2:4 is the
    common case). The size of `axis` must be a multiple of `m`. Stored with
    upstream's `structured[n, m]` level.

    ```mlir
    #qnn.n_of_m<n = 2, m = 4, axis = 0>
    ```
  }];
  let parameters = (ins "int64_t":$n, "int64_t":$m, "int64_t":$axis);
  let assemblyFormat = "`<` struct($n, $m, $axis) `>`";
  let genVerifyDecl = 1;
}

def QNN_BlockAttr : QNN_SparsityPatternAttr<"Block", "block"> {
  let summary = "zeros come in whole blocks";
  let description = [{
    Block sparsity: the tensor is tiled into blocks of `shape` (one size per
    dimension, each dividing the dimension); every block is either all zero
    or kept whole. Stored as blocked compressed storage (BSR for a matrix).

    ```mlir
    #qnn.block<[4, 1]>
    ```
  }];
  let parameters = (ins ArrayRefParameter<"int64_t">:$shape);
  let assemblyFormat = "`<` `[` $shape `]` `>`";
  let genVerifyDecl = 1;
}

def QNN_ChannelAttr : QNN_SparsityPatternAttr<"Channel", "channel"> {
  let summary = "zeros come in whole slices along one dimension";
  let description = [{
    Channel (structured) pruning: every slice at a fixed index of dimension
    `axis` (an output channel of a weight, say) is either all zero or kept.
    Stored with `axis` as a compressed outer level and the rest dense.

    ```mlir
    #qnn.channel<axis = 1>
    ```
  }];
  let parameters = (ins "int64_t":$axis);
  let assemblyFormat = "`<` `axis` `=` $axis `>`";
  let genVerifyDecl = 1;
}

#endif // QNN_DIALECT_QNN_IR_QNNATTRS_TD
