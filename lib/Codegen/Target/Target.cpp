//===- Target.cpp - The CPU qnn generates code for ------------------------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "qnn/Codegen/Target.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

#include <memory>
#include <mutex>

using namespace mlir::qnn;

Target mlir::qnn::resolveTarget(llvm::StringRef cpu, llvm::StringRef features) {
  Target target{cpu.str(), features.str()};
  if (cpu == "host")
    target.cpu = llvm::sys::getHostCPUName().str();
  if (features == "host") {
    target.features.clear();
    if (cpu == "host") {
      llvm::SmallVector<std::string> list;
      for (const auto &entry : llvm::sys::getHostCPUFeatures())
        list.push_back((entry.second ? "+" : "-") + entry.first().str());
      llvm::sort(list);
      target.features = llvm::join(list, ",");
    }
  }
  return target;
}

/// LLVM's description of `cpu` with `features` for `triple`; null when this
/// LLVM has no such target.
static std::unique_ptr<llvm::MCSubtargetInfo>
subtargetInfo(const llvm::Triple &triple, llvm::StringRef cpu,
              llvm::StringRef features) {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeAllTargetInfos();
    llvm::InitializeAllTargetMCs();
  });
  std::string error;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return nullptr;
  return std::unique_ptr<llvm::MCSubtargetInfo>(
      target->createMCSubtargetInfo(triple, cpu, features));
}

std::string mlir::qnn::checkTarget(llvm::StringRef triple,
                                   const Target &target) {
  std::unique_ptr<llvm::MCSubtargetInfo> info =
      subtargetInfo(llvm::Triple(triple), "", "");
  if (!info)
    return "";
  if (!info->isCPUStringValid(target.cpu))
    return ("unknown CPU '" + target.cpu + "' for " + triple +
            " (for example x86-64-v3, znver4, sapphirerapids, or host)")
        .str();
  llvm::SmallVector<llvm::StringRef> names;
  llvm::StringRef(target.features)
      .split(names, ',', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (llvm::StringRef name : names) {
    llvm::StringRef bare = name.trim();
    if (!bare.consume_front("+") && !bare.consume_front("-"))
      return ("target feature '" + name +
              "' must start with '+' or '-' (e.g. '+avx2')")
          .str();
    if (!llvm::any_of(
            info->getAllProcessorFeatures(),
            [&](const llvm::SubtargetFeatureKV &kv) { return bare == kv.Key; }))
      return ("unknown target feature '" + bare + "' for " + triple).str();
  }
  return "";
}

Int8ISA mlir::qnn::int8ISAFor(const Target &target) {
  llvm::Triple triple(llvm::sys::getDefaultTargetTriple());
  if (!triple.isX86())
    return Int8ISA::Portable;
  std::unique_ptr<llvm::MCSubtargetInfo> info =
      subtargetInfo(triple, target.cpu, target.features);
  if (!info)
    return Int8ISA::Portable;
  if (info->checkFeatures("+avx512vnni,+avx512vl,+avx512bw,+avx512vbmi"))
    return Int8ISA::AVX512VBMI;
  if (info->checkFeatures("+avx512vnni,+avx512vl,+avx512bw"))
    return Int8ISA::AVX512VNNI;
  if (info->checkFeatures("+avxvnni") ||
      info->checkFeatures("+avx512vnni,+avx512vl"))
    return Int8ISA::AVXVNNI;
  if (info->checkFeatures("+avx2"))
    return Int8ISA::AVX2;
  return Int8ISA::Portable;
}

llvm::StringRef mlir::qnn::stringifyInt8ISA(Int8ISA isa) {
  switch (isa) {
  case Int8ISA::AVX512VBMI:
    return "avx512-vnni-vbmi";
  case Int8ISA::AVX512VNNI:
    return "avx512-vnni";
  case Int8ISA::AVXVNNI:
    return "avx-vnni";
  case Int8ISA::AVX2:
    return "avx2";
  case Int8ISA::Portable:
    return "portable";
  }
  return "portable";
}

std::optional<Int8ISA> mlir::qnn::symbolizeInt8ISA(llvm::StringRef name) {
  for (Int8ISA isa : {Int8ISA::AVX512VBMI, Int8ISA::AVX512VNNI,
                      Int8ISA::AVXVNNI, Int8ISA::AVX2, Int8ISA::Portable})
    if (stringifyInt8ISA(isa) == name)
      return isa;
  return std::nullopt;
}
