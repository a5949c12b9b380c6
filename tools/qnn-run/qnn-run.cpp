//===- qnn-run.cpp - Run a model on .npy inputs ---------------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
//   qnn-run MODEL.mlir --entry forward --input x.npy [--input ...]
//           [--output y.npy ...]
//
// JIT-compiles MODEL (float, quantized or already lowered by qnn-to-llvm)
// for this machine, calls the entry function on the .npy inputs (C order),
// writes one .npy per --output, and prints each result's shape and dtype and
// the time of the call.
//
//===----------------------------------------------------------------------===//

#include "qnn/Execution/Runner.h"
#include "qnn/InitAllDialects.h"
#include "qnn/Support/OutputFile.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
namespace cl = llvm::cl;

static cl::OptionCategory category("qnn-run options");
static cl::opt<std::string> modelPath(cl::Positional, cl::Required,
                                      cl::desc("<model.mlir>"),
                                      cl::cat(category));
static cl::opt<std::string> entry("entry", cl::desc("Function to run"),
                                  cl::init("forward"), cl::cat(category));
static cl::list<std::string>
    inputPaths("input", cl::desc("An input .npy, in order"), cl::cat(category));
static cl::list<std::string>
    outputPaths("output", cl::desc("Where to write each result (.npy)"),
                cl::cat(category));
static cl::opt<std::string> targetCPU("target-cpu",
                                      cl::desc("CPU to compile for"),
                                      cl::init("host"), cl::cat(category));
static cl::opt<std::string> targetFeatures("target-features",
                                           cl::desc("LLVM target features"),
                                           cl::init("host"), cl::cat(category));
static cl::opt<bool>
    raise("raise",
          cl::desc("Raise integer layers quantized elsewhere (TOSA int8, "
                   "linalg's quantized ops) into qnn ops (default on; off "
                   "runs upstream's lowering of them)"),
          cl::init(true), cl::cat(category));
static cl::opt<bool> vectorize("vectorize",
                               cl::desc("Vectorize the kernels (default on)"),
                               cl::init(true), cl::cat(category));
static cl::opt<bool>
    checked("checked",
            cl::desc("Compile in every run-time check (tensor indices and "
                     "slices); operand sizes are always checked"),
            cl::init(false), cl::cat(category));
static cl::opt<unsigned> repeat("repeat",
                                cl::desc("Run the entry this many times and "
                                         "report the fastest"),
                                cl::init(1), cl::cat(category));

static int fail(const llvm::Twine &message) {
  llvm::errs() << "qnn-run: error: " << message << "\n";
  return 1;
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(argc, argv,
                              "qnn-run: run a model on .npy inputs\n");

  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  qnn::registerAllDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();

  std::string errorMessage;
  auto file = openInputFile(modelPath, &errorMessage);
  if (!file)
    return fail(errorMessage);
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  // Warnings and remarks of the lowering (an accumulator that can wrap)
  // reach the user with their locations, as errors do.
  SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  if (!module)
    return fail("cannot parse " + modelPath);

  std::vector<qnn::NpyArray> inputs;
  for (const std::string &path : inputPaths) {
    auto array = qnn::readNpy(path);
    if (!array)
      return fail(llvm::toString(array.takeError()));
    inputs.push_back(std::move(*array));
  }

  // Every output is opened before the model runs and replaced only once all
  // of them are written: a run either writes all its outputs or none.
  std::vector<std::unique_ptr<qnn::OutputFile>> outputFiles;
  for (const std::string &path : outputPaths) {
    auto file = qnn::OutputFile::open(path);
    if (!file)
      return fail(path + ": " + llvm::toString(file.takeError()));
    outputFiles.push_back(std::move(*file));
  }

  qnn::RunnerOptions options;
  options.lowering.targetCPU = targetCPU;
  options.lowering.targetFeatures = targetFeatures;
  options.lowering.vectorize = vectorize;
  options.lowering.raise = raise;
  if (checked)
    options.lowering.runtimeChecks = "all";
  auto runner = qnn::Runner::create(std::move(module), entry, options);
  if (!runner)
    return fail(llvm::toString(runner.takeError()));
  if (!outputPaths.empty() && outputPaths.size() != (*runner)->outputs().size())
    return fail("entry '" + entry + "' returns " +
                llvm::Twine((*runner)->outputs().size()) + " results, got " +
                llvm::Twine(outputPaths.size()) + " --output paths");

  double best = 0;
  std::vector<qnn::NpyArray> outputs;
  for (unsigned r = 0; r < std::max(1u, unsigned(repeat)); ++r) {
    double seconds = 0;
    auto results = (*runner)->run(inputs, &seconds);
    if (!results)
      return fail(llvm::toString(results.takeError()));
    if (r == 0 || seconds < best)
      best = seconds;
    outputs = std::move(*results);
  }

  for (auto [i, out] : llvm::enumerate(outputs)) {
    llvm::outs() << "result " << i << ": shape " << qnn::formatShape(out.shape)
                 << " dtype " << qnn::dtypeName(out.dtype) << "\n";
    if (i < outputFiles.size())
      outputFiles[i]->os() << qnn::serializeNpy(out);
  }
  for (auto [path, file] : llvm::zip(outputPaths, outputFiles))
    if (llvm::Error error = file->commit())
      return fail(path + ": " + llvm::toString(std::move(error)));
  llvm::outs() << llvm::format("time: %.3f ms\n", best * 1e3);
  return 0;
}
