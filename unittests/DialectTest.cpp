//===- DialectTest.cpp - QNN dialect unit tests ---------------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Rules that textual IR cannot reach: upstream's type parser rejects a zero or
// infinite scale before a qnn verifier sees it, but a pass that builds types
// with UniformQuantizedType::get can still produce one.
//
//===----------------------------------------------------------------------===//

#include "qnn/Dialect/QNN/IR/QNNOps.h"
#include "qnn/Dialect/QNN/IR/QuantParams.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

using namespace mlir;
using namespace mlir::qnn;

namespace {

class DialectTest : public ::testing::Test {
protected:
  DialectTest() { context.loadDialect<QNNDialect, func::FuncDialect>(); }

  Type i8Uniform(double scale, int64_t zp) {
    return quant::UniformQuantizedType::get(
        quant::QuantizationFlags::Signed, IntegerType::get(&context, 8),
        Float32Type::get(&context), scale, zp, -128, 127);
  }

  /// Verifies a qnn.quantize to `resultElement` and returns the diagnostic.
  std::string verifyQuantizeTo(Type resultElement) {
    OpBuilder b(&context);
    Location loc = b.getUnknownLoc();
    auto module = ModuleOp::create(loc);
    b.setInsertionPointToEnd(module.getBody());
    auto f32Tensor = RankedTensorType::get({4}, b.getF32Type());
    auto func =
        func::FuncOp::create(b, loc, "f", b.getFunctionType({f32Tensor}, {}));
    Block *entry = func.addEntryBlock();
    b.setInsertionPointToEnd(entry);
    QuantizeOp::create(b, loc, RankedTensorType::get({4}, resultElement),
                       entry->getArgument(0));
    func::ReturnOp::create(b, loc);
    std::string message;
    ScopedDiagnosticHandler handler(&context, [&](Diagnostic &d) {
      message = d.str();
      return success();
    });
    (void)verify(module);
    module->erase();
    return message;
  }

  MLIRContext context;
};

TEST_F(DialectTest, ZeroScaleIsRejected) {
  EXPECT_EQ(verifyQuantizeTo(i8Uniform(0.0, 0)),
            "'qnn.quantize' op result scale 0.000000e+00 must be finite and "
            "positive");
}

TEST_F(DialectTest, InfiniteScaleIsRejected) {
  EXPECT_EQ(verifyQuantizeTo(i8Uniform(INFINITY, 0)),
            "'qnn.quantize' op result scale INF must be finite and positive");
}

TEST_F(DialectTest, ValidScaleIsAccepted) {
  EXPECT_EQ(verifyQuantizeTo(i8Uniform(0.5, 3)), "");
}

TEST_F(DialectTest, QuantParamsPerAxis) {
  auto type = quant::UniformQuantizedPerAxisType::get(
      0, IntegerType::get(&context, 4), Float32Type::get(&context), {0.5, 0.25},
      {0, 15}, /*quantizedDimension=*/1, 0, 15);
  std::optional<QuantParams> params = QuantParams::get(type);
  ASSERT_TRUE(params);
  EXPECT_TRUE(params->isPerAxis());
  EXPECT_EQ(params->storageBits, 4u);
  EXPECT_FALSE(params->isSigned);
  EXPECT_EQ(params->scale(1), 0.25);
  EXPECT_EQ(params->zeroPoint(1), 15);
  EXPECT_EQ(params->range.max, 15);
  // Element 5 of a 3x2 tensor is row 2, column 1.
  EXPECT_EQ(channelOf(5, {3, 2}, 1), 1);
  EXPECT_EQ(channelOf(5, {3, 2}, 0), 2);
}

TEST_F(DialectTest, NOfMFindsTheExtraNonZero) {
  auto pattern = NOfMAttr::get(&context, 2, 4, /*axis=*/1);
  // Row 0 keeps 2 of 4; row 1 keeps 3 of 4 (element [1, 2] is one too many).
  bool values[] = {1, 0, 1, 0, /**/ 1, 1, 1, 0};
  std::optional<int64_t> violation =
      pattern.findViolation({2, 4}, [&](int64_t i) { return values[i]; });
  ASSERT_TRUE(violation);
  EXPECT_EQ(*violation, 6);
  values[6] = 0;
  EXPECT_FALSE(
      pattern.findViolation({2, 4}, [&](int64_t i) { return values[i]; }));
}

TEST_F(DialectTest, NOfMAlongTheOuterAxis) {
  auto pattern = NOfMAttr::get(&context, 1, 2, /*axis=*/0);
  // Column 1 holds non-zeros in rows 0 and 1, one group of 2: violation at
  // element [1, 1].
  bool values[] = {1, 1, 0, 1};
  std::optional<int64_t> violation =
      pattern.findViolation({2, 2}, [&](int64_t i) { return values[i]; });
  ASSERT_TRUE(violation);
  EXPECT_EQ(*violation, 3);
}

TEST_F(DialectTest, EmptyBlockShapeIsRejected) {
  std::string message;
  auto emitError = [&] { return mlir::emitError(UnknownLoc::get(&context)); };
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &d) {
    message = d.str();
    return success();
  });
  EXPECT_FALSE(BlockAttr::getChecked(emitError, &context, ArrayRef<int64_t>{}));
  EXPECT_EQ(message, "block shape must not be empty");
}

} // namespace
