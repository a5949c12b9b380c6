//===- Runner.cpp - JIT-compile and run a qnn module ----------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Execution/Runner.h"

#include "qnn/Dialect/QNN/IR/QNNDialect.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/Support/TargetSelect.h"

#include <chrono>
#include <csetjmp>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>
#include <unordered_set>

using namespace mlir;
using namespace mlir::qnn;

static llvm::Error runnerError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// Reads the tensor signature of `entry`: from the func.func, or from the
/// qnn.signature that qnn-to-llvm records on lowered functions.
static llvm::Expected<FunctionType>
entryType(ModuleOp module, llvm::StringRef entry, bool &isLowered) {
  if (auto func = module.lookupSymbol<func::FuncOp>(entry)) {
    isLowered = false;
    if (func.isExternal())
      return runnerError("entry function '" + entry + "' has no body");
    return func.getFunctionType();
  }
  if (auto func = module.lookupSymbol<LLVM::LLVMFuncOp>(entry)) {
    isLowered = true;
    auto signature =
        QNNDialect::SignatureAttrHelper(module.getContext()).getAttr(func);
    if (!signature ||
        !module.lookupSymbol<LLVM::LLVMFuncOp>(("_mlir_ciface_" + entry).str()))
      return runnerError("lowered entry '" + entry +
                         "' lacks the qnn.signature and C interface that "
                         "qnn-to-llvm records; lower the module with "
                         "qnn-opt --qnn-to-llvm");
    auto type = dyn_cast_or_null<FunctionType>(
        parseType(signature.getValue(), module.getContext()));
    if (!type)
      return runnerError("lowered entry '" + entry +
                         "' has an unreadable qnn.signature '" +
                         signature.getValue() + "'");
    return type;
  }
  std::string names;
  for (auto func : module.getOps<func::FuncOp>())
    if (func.isPublic() && !func.isExternal())
      names += (names.empty() ? "" : ", ") + func.getName().str();
  return runnerError(
      "no entry function '" + entry + "' in the module" +
      (names.empty() ? std::string() : " (public functions: " + names + ")"));
}

namespace {
/// Where a failed run-time check of the model running on this thread
/// returns to, and its message.
thread_local std::jmp_buf *checkReturn = nullptr;
thread_local std::string checkMessage;
} // namespace

/// The heap of one runner's model: it keeps freed buffers for the next
/// allocation of the same size: a model allocates the same buffers on every
/// call, and handing them back to the system each time costs a page fault per
/// page on the next call (the digits CNN ran in 38 ms instead of 0.55 ms).
class mlir::qnn::ModelHeap {
public:
  ~ModelHeap() {
    for (auto &entry : cached)
      std::free(entry.second);
  }

  /// malloc (alignment 0) or aligned_alloc.
  void *allocate(size_t size, size_t alignment) {
    std::scoped_lock<std::mutex> lock(mutex);
    Key key{size, alignment};
    void *p = nullptr;
    if (auto it = cached.find(key); it != cached.end()) {
      p = it->second;
      cached.erase(it);
      cachedBytes -= size;
    } else {
      p = alignment ? std::aligned_alloc(alignment, size) : std::malloc(size);
    }
    if (p)
      live[p] = key;
    return p;
  }

  /// free: the model's buffers are kept (up to kMaxCachedBytes).
  void release(void *p) {
    std::scoped_lock<std::mutex> lock(mutex);
    releaseLocked(p);
  }

private:
  using Key = std::pair<size_t, size_t>;
  static constexpr size_t kMaxCachedBytes = size_t(1) << 30;

  void releaseLocked(void *p) {
    auto it = live.find(p);
    if (it == live.end()) {
      std::free(p);
      return;
    }
    Key key = it->second;
    live.erase(it);
    if (cachedBytes + key.first > kMaxCachedBytes) {
      std::free(p);
      return;
    }
    cached.emplace(key, p);
    cachedBytes += key.first;
  }

  std::mutex mutex;
  std::unordered_map<void *, Key> live;
  std::multimap<Key, void *> cached;
  size_t cachedBytes = 0;
};

namespace {
/// The heap of the model running on this thread, and the buffers this run
/// holds: a failed check leaves the model's frames without freeing them, so
/// run() does (only this run's: another thread may run the same model).
thread_local ModelHeap *activeHeap = nullptr;
thread_local std::unordered_set<void *> *runBuffers = nullptr;
} // namespace

/// The allocator the model's code calls (malloc, aligned_alloc, free);
/// alignment 0 is malloc.
static void *trackedAlignedAlloc(size_t alignment, size_t size) {
  void *p = activeHeap  ? activeHeap->allocate(size, alignment)
            : alignment ? std::aligned_alloc(alignment, size)
                        : std::malloc(size);
  if (p && runBuffers)
    runBuffers->insert(p);
  return p;
}
static void *trackedMalloc(size_t size) { return trackedAlignedAlloc(0, size); }
static void trackedFree(void *p) {
  if (runBuffers)
    runBuffers->erase(p);
  if (activeHeap)
    activeHeap->release(p);
  else
    std::free(p);
}

/// qnn_runtime_check_failed, as the JIT provides it (qnn-lower-runtime-checks).
static void runtimeCheckFailed(const char *message) {
  checkMessage = message;
  if (!checkReturn) {
    llvm::errs() << "qnn: run-time check failed: " << message << "\n";
    std::abort();
  }
  std::longjmp(*checkReturn, 1);
}

Runner::~Runner() = default;

llvm::Expected<std::unique_ptr<Runner>>
Runner::create(OwningOpRef<ModuleOp> module, llvm::StringRef entry,
               const RunnerOptions &options) {
  std::unique_ptr<Runner> runner(new Runner());
  runner->entry = entry.str();
  runner->heap = std::make_unique<ModelHeap>();
  bool isLowered = false;
  llvm::Expected<FunctionType> type = entryType(*module, entry, isLowered);
  if (!type)
    return type.takeError();
  for (auto [list, types] :
       {std::pair(&runner->inputTypes, type->getInputs()),
        std::pair(&runner->outputTypes, type->getResults())})
    for (auto [i, t] : llvm::enumerate(types)) {
      llvm::Expected<TensorSignature> sig = signatureOf(t);
      if (!sig)
        return runnerError(
            "entry '" + entry + "' " +
            (list == &runner->inputTypes ? "argument " : "result ") +
            llvm::Twine(i) + ": " + llvm::toString(sig.takeError()));
      list->push_back(*sig);
    }

  MLIRContext *ctx = module->getContext();
  // Lowering creates ops of many dialects and needs their bufferization and
  // LLVM interfaces, whatever the caller registered.
  DialectRegistry everything;
  registerAllDialects(everything);
  registerAllExtensions(everything);
  ctx->appendDialectRegistry(everything);
  if (!isLowered) {
    PassManager pm(ctx);
    buildQNNToLLVMPipeline(pm, options.lowering);
    if (failed(pm.run(*module)))
      return runnerError("lowering the module with qnn-to-llvm failed (see "
                         "the diagnostics above)");
  }

  DialectRegistry registry;
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  ctx->appendDialectRegistry(registry);

  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  auto builder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!builder)
    return builder.takeError();
  auto machine = builder->createTargetMachine();
  if (!machine)
    return machine.takeError();
  auto transformer =
      makeOptimizingTransformer(options.optLevel, 0, machine->get());
  ExecutionEngineOptions engineOptions;
  engineOptions.transformer = transformer;
  auto engine =
      ExecutionEngine::create(*module, engineOptions, std::move(*machine));
  if (!engine)
    return engine.takeError();
  (*engine)->registerSymbols([](llvm::orc::MangleAndInterner interner) {
    llvm::orc::SymbolMap symbols;
    auto define = [&](StringRef name, auto *function) {
      symbols[interner(name)] = {llvm::orc::ExecutorAddr::fromPtr(function),
                                 llvm::JITSymbolFlags::Exported};
    };
    define("qnn_runtime_check_failed", &runtimeCheckFailed);
    define("malloc", &trackedMalloc);
    define("aligned_alloc", &trackedAlignedAlloc);
    define("free", &trackedFree);
    return symbols;
  });
  // Materialize the code now, so that run() times the call alone.
  auto entryPoint = (*engine)->lookupPacked(("_mlir_ciface_" + entry).str());
  if (!entryPoint)
    return entryPoint.takeError();
  runner->entryPoint = *entryPoint;
  runner->engine = std::move(*engine);
  runner->module = std::move(module);
  return runner;
}

/// The allocated pointer of a memref that points to a constant global.
static constexpr int64_t kDeadBeef = 0xdeadbeef;

/// The pointer stored in a descriptor word.
static void *pointerIn(const int64_t &word) {
  void *pointer = nullptr;
  std::memcpy(static_cast<void *>(&pointer), &word, sizeof(pointer));
  return pointer;
}

/// A memref descriptor as the C interface lays it out: allocated and
/// aligned pointers, offset, sizes[rank], strides[rank], all 8 bytes.
static size_t descriptorWords(size_t rank) { return 3 + 2 * rank; }

/// Copies the strided buffer at `base` into `out` (shape and size set) in
/// row-major order: one memcpy per run of contiguous elements, so that a
/// row-major result is a single copy.
static void copyRowMajor(NpyArray &out, const char *base,
                         llvm::ArrayRef<int64_t> strides) {
  size_t rank = out.shape.size();
  int64_t count = out.numElements();
  if (count == 0)
    return;
  unsigned size = dtypeSize(out.dtype);
  // The innermost dimensions that are laid out row-major form one run.
  int64_t run = 1;
  size_t outer = rank;
  while (outer > 0 && strides[outer - 1] == run) {
    run *= out.shape[outer - 1];
    --outer;
  }
  std::vector<int64_t> index(outer, 0);
  for (int64_t n = 0; n < count; n += run) {
    int64_t offset = 0;
    for (size_t d = 0; d < outer; ++d)
      offset += index[d] * strides[d];
    std::memcpy(out.data.data() + n * size, base + offset * size, run * size);
    for (size_t d = outer; d-- > 0;) {
      if (++index[d] < out.shape[d])
        break;
      index[d] = 0;
    }
  }
}

llvm::Expected<std::vector<NpyArray>> Runner::run(std::vector<NpyArray> &inputs,
                                                  double *seconds) {
  if (inputs.size() != inputTypes.size())
    return runnerError("entry '" + entry + "' takes " +
                       llvm::Twine(inputTypes.size()) + " inputs, got " +
                       llvm::Twine(inputs.size()));
  std::vector<std::vector<int64_t>> descriptors;
  std::set<void *> inputBuffers;
  for (auto [i, pair] : llvm::enumerate(llvm::zip(inputs, inputTypes))) {
    auto &[array, sig] = pair;
    if (array.dtype != sig.dtype)
      return runnerError("input " + llvm::Twine(i) + " has dtype " +
                         dtypeName(array.dtype) + ", the entry expects " +
                         dtypeName(sig.dtype) + " (" + sig.type + ")");
    if (array.shape.size() != sig.shape.size())
      return runnerError("input " + llvm::Twine(i) + " has rank " +
                         llvm::Twine(array.shape.size()) +
                         ", the entry expects " +
                         llvm::Twine(sig.shape.size()) + " (" + sig.type + ")");
    for (auto [d, pairDim] : llvm::enumerate(llvm::zip(array.shape, sig.shape)))
      if (std::get<1>(pairDim) != -1 &&
          std::get<0>(pairDim) != std::get<1>(pairDim))
        return runnerError("input " + llvm::Twine(i) + " has shape " +
                           formatShape(array.shape) + ", the entry expects " +
                           sig.type);
    size_t rank = array.shape.size();
    std::vector<int64_t> desc(descriptorWords(rank));
    // An empty array still needs a valid pointer.
    if (array.data.empty())
      array.data.resize(1);
    auto ptr = reinterpret_cast<int64_t>(array.data.data());
    desc[0] = desc[1] = ptr;
    desc[2] = 0;
    int64_t stride = 1;
    for (size_t d = rank; d-- > 0;) {
      desc[3 + d] = array.shape[d];
      desc[3 + rank + d] = stride;
      stride *= array.shape[d];
    }
    inputBuffers.insert(array.data.data());
    descriptors.push_back(std::move(desc));
  }

  size_t resultWords = 0;
  for (const TensorSignature &sig : outputTypes)
    resultWords += descriptorWords(sig.shape.size());
  std::vector<int64_t> results(std::max<size_t>(resultWords, 1));

  std::vector<void *> pointers;
  if (!outputTypes.empty())
    pointers.push_back(results.data());
  for (auto &desc : descriptors)
    pointers.push_back(desc.data());
  std::vector<void *> packed;
  packed.reserve(pointers.size());
  for (void *&p : pointers)
    packed.push_back(static_cast<void *>(&p));

  // A failed run-time check (runtime-checks) returns here through
  // runtimeCheckFailed. Only the model's own frames lie between, and they
  // hold nothing to destroy; the buffers they allocated are freed here.
  std::jmp_buf jump;
  std::jmp_buf *outerReturn = checkReturn;
  // On the heap: a local modified between setjmp and longjmp would be
  // indeterminate after the jump.
  auto held = std::make_unique<std::unordered_set<void *>>();
  ModelHeap *outerHeap = activeHeap;
  std::unordered_set<void *> *outerBuffers = runBuffers;
  checkReturn = &jump;
  activeHeap = heap.get();
  runBuffers = held.get();
  auto start = std::chrono::steady_clock::now();
  if (setjmp(jump) != 0) {
    checkReturn = outerReturn;
    activeHeap = outerHeap;
    runBuffers = outerBuffers;
    for (void *buffer : *held)
      heap->release(buffer);
    return runnerError("a run-time check failed: " + checkMessage);
  }
  entryPoint(packed.data());
  checkReturn = outerReturn;
  activeHeap = outerHeap;
  runBuffers = outerBuffers;
  auto end = std::chrono::steady_clock::now();
  if (seconds)
    *seconds = std::chrono::duration<double>(end - start).count();

  std::vector<NpyArray> outputs;
  std::set<void *> owned;
  size_t at = 0;
  for (const TensorSignature &sig : outputTypes) {
    size_t rank = sig.shape.size();
    int64_t *desc = results.data() + at;
    at += descriptorWords(rank);
    NpyArray out;
    out.dtype = sig.dtype;
    out.shape.assign(desc + 3, desc + 3 + rank);
    unsigned size = dtypeSize(sig.dtype);
    out.data.resize(out.numElements() * size);
    char *base = static_cast<char *>(pointerIn(desc[1])) + desc[2] * size;
    copyRowMajor(out, base, llvm::ArrayRef<int64_t>(desc + 3 + rank, rank));
    // The caller owns returned buffers, except inputs passed through and
    // constant globals (whose allocated pointer is a 0xdeadbeef marker).
    // Several results may share one buffer: free only after every copy.
    void *allocated = pointerIn(desc[0]);
    if (allocated && pointerIn(kDeadBeef) != allocated &&
        !inputBuffers.count(allocated))
      owned.insert(allocated);
    outputs.push_back(std::move(out));
  }
  for (void *buffer : owned)
    heap->release(buffer);
  return outputs;
}

namespace {
/// The JIT as the runner of calibration and measurement.
struct JITSampleRunner final : SampleRunnerInterface {
  using SampleRunnerInterface::SampleRunnerInterface;

  llvm::Expected<std::unique_ptr<CompiledModel>>
  compile(OwningOpRef<ModuleOp> module, StringRef entry) const override {
    // The model runs inside the compiler: every check it can have, so that
    // undefined behaviour in it is an error, not a crash of the compiler.
    RunnerOptions options;
    options.lowering.runtimeChecks = "all";
    auto runner = Runner::create(std::move(module), entry, options);
    if (!runner)
      return runner.takeError();
    return std::unique_ptr<CompiledModel>(std::move(*runner));
  }
};
} // namespace

void mlir::qnn::registerJITSampleRunner(DialectRegistry &registry) {
  registry.insert<QNNDialect>();
  registry.addExtension(+[](MLIRContext *, QNNDialect *dialect) {
    dialect->addInterfaces<JITSampleRunner>();
  });
}
