//===- SampleRunner.cpp - Run the model being compiled --------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Samples/SampleRunner.h"

#include "qnn/Dialect/QNN/IR/QNNDialect.h"
#include "qnn/InitAllDialects.h"

#include "mlir/Bytecode/BytecodeWriter.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"

#include <cmath>

using namespace mlir;
using namespace mlir::qnn;

MLIR_DEFINE_EXPLICIT_TYPE_ID(mlir::qnn::SampleRunnerInterface)

static llvm::Error signatureError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

llvm::Expected<TensorSignature> mlir::qnn::signatureOf(Type type) {
  std::string text;
  llvm::raw_string_ostream(text) << type;
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor)
    return signatureError("type " + text +
                          " is not a ranked tensor; entry functions take and "
                          "return tensors");
  TensorSignature sig;
  sig.shape.assign(tensor.getShape().begin(), tensor.getShape().end());
  for (int64_t &d : sig.shape)
    if (ShapedType::isDynamic(d))
      d = -1;
  sig.type = text;
  Type elem = tensor.getElementType();
  unsigned width = 0;
  bool isUnsigned = false;
  if (auto q = dyn_cast<quant::QuantizedType>(elem)) {
    width = q.getStorageTypeIntegralWidth();
    isUnsigned = !q.isSigned();
  } else if (auto i = dyn_cast<IntegerType>(elem)) {
    width = i.getWidth();
    isUnsigned = i.isUnsigned();
  } else if (elem.isF32()) {
    sig.dtype = DType::F32;
    return sig;
  } else if (elem.isF64()) {
    sig.dtype = DType::F64;
    return sig;
  }
  // Sub-byte storage travels as one element per byte.
  if (width >= 1 && width <= 8)
    sig.dtype = isUnsigned ? DType::U8 : DType::I8;
  else if (width == 16)
    sig.dtype = isUnsigned ? DType::U16 : DType::I16;
  else if (width == 32 && !isUnsigned)
    sig.dtype = DType::I32;
  else if (width == 64 && !isUnsigned)
    sig.dtype = DType::I64;
  else
    return signatureError("element type of " + sig.type +
                          " has no .npy dtype qnn-run supports");
  return sig;
}

CompiledModel::~CompiledModel() = default;

void CompiledModel::ownContext(std::unique_ptr<MLIRContext> context) {
  assert(!ownedContext && "the model already owns a context");
  ownedContext = std::move(context);
}

const SampleRunnerInterface *mlir::qnn::getSampleRunner(MLIRContext *context) {
  auto *dialect = context->getLoadedDialect<QNNDialect>();
  return dialect ? dialect->getRegisteredInterface<SampleRunnerInterface>()
                 : nullptr;
}

std::unique_ptr<CompiledModel>
mlir::qnn::compileObserving(ModuleOp module, func::FuncOp func,
                            ArrayRef<Value> observed, StringRef pass) {
  const SampleRunnerInterface *runner = getSampleRunner(module.getContext());
  if (!runner) {
    emitError(func.getLoc())
        << pass
        << ": running the model needs an execution engine and "
           "none is registered (link QNNExecution and call "
           "qnn::registerJITSampleRunner on the registry, as "
           "qnn-opt and the plugin do)";
    return nullptr;
  }
  // The observed values, as (argument number) or (op ordinal, result).
  SmallVector<Operation *> ops;
  func.walk([&](Operation *op) { ops.push_back(op); });
  llvm::DenseMap<Operation *, size_t> ordinal;
  for (auto [i, op] : llvm::enumerate(ops))
    ordinal[op] = i;

  std::string bytes;
  llvm::raw_string_ostream os(bytes);
  if (failed(writeBytecodeToFile(module, os))) {
    emitError(func.getLoc()) << pass << ": cannot copy the module";
    return nullptr;
  }
  DialectRegistry registry;
  mlir::registerAllDialects(registry);
  registerAllExtensions(registry);
  qnn::registerAllDialects(registry);
  auto context =
      std::make_unique<MLIRContext>(registry, MLIRContext::Threading::DISABLED);
  OwningOpRef<ModuleOp> copy =
      parseSourceString<ModuleOp>(bytes, ParserConfig(context.get()));
  if (!copy) {
    emitError(func.getLoc()) << pass << ": cannot copy the module";
    return nullptr;
  }
  auto copyFunc = copy->lookupSymbol<func::FuncOp>(func.getName());
  SmallVector<Operation *> copyOps;
  copyFunc.walk([&](Operation *op) { copyOps.push_back(op); });

  SmallVector<Value> extra;
  for (Value value : observed) {
    if (auto arg = dyn_cast<BlockArgument>(value)) {
      extra.push_back(copyFunc.getArgument(arg.getArgNumber()));
      continue;
    }
    auto result = cast<OpResult>(value);
    extra.push_back(copyOps[ordinal[result.getOwner()]]->getResult(
        result.getResultNumber()));
  }
  auto ret = cast<func::ReturnOp>(copyFunc.getBody().back().getTerminator());
  SmallVector<Value> results(ret.getOperands());
  results.append(extra.begin(), extra.end());
  OpBuilder b(ret);
  func::ReturnOp::create(b, ret.getLoc(), results);
  ret.erase();
  copyFunc.setType(FunctionType::get(context.get(), copyFunc.getArgumentTypes(),
                                     ValueRange(results).getTypes()));
  copyFunc.setPublic();

  auto compiled = runner->compile(std::move(copy), func.getName());
  if (!compiled) {
    emitError(func.getLoc()) << pass << ": cannot compile the entry: "
                             << llvm::toString(compiled.takeError());
    return nullptr;
  }
  (*compiled)->ownContext(std::move(context));
  return std::move(*compiled);
}

LogicalResult mlir::qnn::runSamples(
    CompiledModel &model, const Samples &samples,
    llvm::function_ref<void(size_t, const float *, int64_t)> observe,
    size_t firstObserved, ArrayRef<std::string> names, func::FuncOp func,
    StringRef pass) {
  int64_t firstSample = 0;
  return forEachBatch(
      samples, model.inputs()[0].shape[0],
      [&](std::vector<NpyArray> &inputs, int64_t valid) -> LogicalResult {
        auto outputs = model.run(inputs);
        if (!outputs)
          return emitError(func.getLoc())
                 << pass << ": running the entry on samples " << firstSample
                 << " to " << firstSample + valid - 1
                 << " failed: " << llvm::toString(outputs.takeError());
        int64_t batch = inputs[0].shape[0];
        for (size_t i = firstObserved; i < outputs->size(); ++i) {
          const NpyArray &out = (*outputs)[i];
          // A sample that overflows the model would poison every range
          // and error figure after it: name it instead.
          if (std::optional<NonFinite> bad =
                  findNonFinite(out, batch, valid, firstSample)) {
            size_t index = i - firstObserved;
            return emitError(func.getLoc())
                   << pass << ": on sample " << bad->sample << " the value of '"
                   << (index < names.size() ? names[index]
                                            : "#" + std::to_string(index))
                   << "' is " << (bad->isNaN ? "NaN" : "infinite")
                   << " (the sample overflows the model)";
          }
          observe(i - firstObserved, out.as<float>(),
                  validElements(out, batch, valid));
        }
        firstSample += valid;
        return success();
      });
}
