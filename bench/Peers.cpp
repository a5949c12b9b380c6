//===- Peers.cpp - oneDNN and XNNPACK on the benchmark problems -----------===//
//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Every peer runs single-threaded (OMP_NUM_THREADS=1 for oneDNN, no thread
// pool for XNNPACK) and is checked against the exact int32 reference.
//
//===----------------------------------------------------------------------===//

#include "Bench.h"

#include "qnn/Reference/Semantics.h"

#include <oneapi/dnnl/dnnl.h>
#include <oneapi/dnnl/dnnl.hpp>
#include <xnnpack.h>

#include <cmath>
#include <cstring>

using namespace qnnbench;

std::string qnnbench::compareExact(const int32_t *got,
                                   const std::vector<int32_t> &want) {
  size_t wrong = 0, first = 0;
  for (size_t i = 0; i < want.size(); ++i)
    if (got[i] != want[i] && wrong++ == 0)
      first = i;
  if (!wrong)
    return "";
  return "inexact: " + std::to_string(wrong) + "/" +
         std::to_string(want.size()) + " differ (first at " +
         std::to_string(first) + ": " + std::to_string(got[first]) + " vs " +
         std::to_string(want[first]) + ")";
}

/// f32 results of integer inputs are exact only while partial sums stay
/// below 2^24; report how far they are.
static std::string compareFloat(const float *got,
                                const std::vector<int32_t> &want) {
  size_t wrong = 0;
  double worst = 0;
  for (size_t i = 0; i < want.size(); ++i)
    if (got[i] != static_cast<float>(want[i])) {
      ++wrong;
      worst = std::max(worst, std::fabs(got[i] - static_cast<double>(want[i])));
    }
  if (!wrong)
    return "";
  return "f32 rounding: " + std::to_string(wrong) + "/" +
         std::to_string(want.size()) + " differ, max |err| " +
         std::to_string(worst);
}

std::vector<Impl> qnnbench::oneDNNMatmul(const MatmulProblem &p) {
  // u8 x s8 -> s32: A is stored as u8 = a + 128 with A offset 128.
  auto au8 = std::make_shared<std::vector<uint8_t>>(p.a.size());
  for (size_t i = 0; i < p.a.size(); ++i)
    (*au8)[i] = static_cast<uint8_t>(p.a[i] + 128);
  auto c = std::make_shared<std::vector<int32_t>>(p.m * p.n);
  int32_t co = 0;
  Impl u8s8{"oneDNN u8s8s32",
            [=, &p]() mutable {
              dnnl_gemm_u8s8s32('N', 'N', 'F', p.m, p.n, p.k, 1.0f, au8->data(),
                                p.k, 128, p.b.data(), p.n, 0, 0.0f, c->data(),
                                p.n, &co);
            },
            [c, &p]() { return compareExact(c->data(), p.expected); }};

  auto af = std::make_shared<std::vector<float>>(p.a.begin(), p.a.end());
  auto bf = std::make_shared<std::vector<float>>(p.b.begin(), p.b.end());
  auto cf = std::make_shared<std::vector<float>>(p.m * p.n);
  Impl f32{"oneDNN f32 sgemm",
           [=, &p]() {
             dnnl_sgemm('N', 'N', p.m, p.n, p.k, 1.0f, af->data(), p.k,
                        bf->data(), p.n, 0.0f, cf->data(), p.n);
           },
           [cf, &p]() { return compareFloat(cf->data(), p.expected); }};
  return {u8s8, f32};
}

std::vector<Impl> qnnbench::xnnpackMatmul(const MatmulProblem &p) {
  if (xnn_initialize(nullptr) != xnn_status_success)
    return {};
  // XNNPACK's qs8 fully-connected requantizes to int8 in its epilogue; the
  // check reproduces that step (binary32 multiply by the binary32 scale
  // input_scale * kernel_scale / output_scale, round to nearest even,
  // clamp) on the exact accumulator.
  const float inputScale = 1.0f, kernelScale = 1.0f;
  const float outputScale = static_cast<float>(p.k) * 64.0f;
  auto kernel = std::make_shared<std::vector<int8_t>>(p.n * p.k);
  for (int64_t kk = 0; kk < p.k; ++kk)
    for (int64_t j = 0; j < p.n; ++j)
      (*kernel)[j * p.k + kk] = p.b[kk * p.n + j]; // [N][K]
  xnn_operator_t op = nullptr;
  if (xnn_create_fully_connected_nc_qs8(
          p.k, p.n, p.k, p.n, 0, inputScale, kernelScale, kernel->data(),
          nullptr, 0, outputScale, -128, 127, 0, &op) != xnn_status_success)
    return {};
  auto out = std::make_shared<std::vector<int8_t>>(p.m * p.n);
  if (xnn_setup_fully_connected_nc_qs8(op, p.m, p.a.data(), out->data(),
                                       nullptr) != xnn_status_success)
    return {};
  std::shared_ptr<xnn_operator> owner(op, xnn_delete_operator);
  Impl impl{"XNNPACK qs8 FC (+requant)",
            [owner]() { xnn_run_operator(owner.get(), nullptr); },
            [out, &p, inputScale, kernelScale, outputScale]() {
              float scale = inputScale * kernelScale / outputScale;
              size_t wrong = 0;
              for (size_t i = 0; i < p.expected.size(); ++i) {
                float t = static_cast<float>(p.expected[i]) * scale;
                t = std::min(std::max(t, -128.0f), 127.0f);
                auto want = static_cast<int8_t>(mlir::qnn::ref::roundFloat(
                    t, mlir::qnn::ref::Rounding::HalfToEven));
                wrong += (*out)[i] != want;
              }
              return wrong ? "inexact: " + std::to_string(wrong) + " differ"
                           : std::string();
            }};
  return {impl};
}

std::vector<int32_t>
ConvProblem::reference(const std::vector<int32_t> &in) const {
  mlir::qnn::ref::Conv2DShape s;
  s.batch = n;
  s.inH = h;
  s.inW = w;
  s.inC = c;
  s.kH = kh;
  s.kW = kw;
  s.outC = f;
  s.padTop = s.padBottom = s.padLeft = s.padRight = 1;
  std::vector<int32_t> weights(filter.begin(), filter.end());
  std::vector<int32_t> out(n * h * w * f);
  int32_t zf = 0;
  mlir::qnn::ref::conv2d(in.data(), weights.data(), nullptr, out.data(), s, 0,
                         &zf, false);
  return out;
}

std::vector<Impl> qnnbench::oneDNNConv(const ConvProblem &p) {
  using namespace dnnl;
  using tag = memory::format_tag;
  using dt = memory::data_type;
  auto eng = std::make_shared<engine>(engine::kind::cpu, 0);
  auto strm = std::make_shared<stream>(*eng);
  memory::dims src = {p.n, p.c, p.h, p.w}, wei = {p.f, p.c, p.kh, p.kw},
               dst = {p.n, p.f, p.h, p.w}, strides = {1, 1}, pad = {1, 1};
  std::vector<Impl> impls;
  for (bool isInt : {true, false}) {
    // oneDNN's int8 convolutions take u8 sources: it gets u8 = x + 128 and
    // is checked against the exact convolution of that u8 input.
    auto srcMd = memory::desc(src, isInt ? dt::u8 : dt::f32, tag::nhwc);
    // The primitive picks its blocked weight layout ("any"); the user's
    // HWCF weights are reordered into it once. A forced plain layout sends
    // int8 convolutions to a reference kernel.
    auto weiUserMd = memory::desc(wei, isInt ? dt::s8 : dt::f32, tag::hwio);
    auto weiMd = memory::desc(wei, isInt ? dt::s8 : dt::f32, tag::any);
    auto dstMd = memory::desc(dst, isInt ? dt::s32 : dt::f32, tag::nhwc);
    convolution_forward::primitive_desc pd;
    try {
      primitive_attr attr;
      convolution_forward::desc desc(prop_kind::forward_inference,
                                     algorithm::convolution_direct, srcMd,
                                     weiMd, dstMd, strides, pad, pad);
      pd = convolution_forward::primitive_desc(desc, attr, *eng);
    } catch (const dnnl::error &) {
      continue;
    }
    auto srcMem = std::make_shared<memory>(pd.src_desc(), *eng);
    auto weiUser = memory(weiUserMd, *eng);
    auto weiMem = std::make_shared<memory>(pd.weights_desc(), *eng);
    auto dstMem = std::make_shared<memory>(pd.dst_desc(), *eng);
    size_t inCount = p.input.size(), wCount = p.filter.size();
    for (size_t i = 0; i < inCount; ++i) {
      if (isInt)
        static_cast<uint8_t *>(srcMem->get_data_handle())[i] =
            static_cast<uint8_t>(p.input[i] + 128);
      else
        static_cast<float *>(srcMem->get_data_handle())[i] = p.input[i];
    }
    for (size_t i = 0; i < wCount; ++i) {
      if (isInt)
        static_cast<int8_t *>(weiUser.get_data_handle())[i] = p.filter[i];
      else
        static_cast<float *>(weiUser.get_data_handle())[i] = p.filter[i];
    }
    reorder(weiUser, *weiMem).execute(*strm, weiUser, *weiMem);
    strm->wait();
    auto conv = std::make_shared<convolution_forward>(pd);
    Impl impl;
    impl.name = isInt ? "oneDNN u8s8s32 conv (u8 in)" : "oneDNN f32 conv";
    impl.run = [=]() {
      conv->execute(*strm, {{DNNL_ARG_SRC, *srcMem},
                            {DNNL_ARG_WEIGHTS, *weiMem},
                            {DNNL_ARG_DST, *dstMem}});
      strm->wait();
    };
    impl.check = [=, &p]() {
      if (isInt) {
        std::vector<int32_t> in(p.input.size());
        for (size_t i = 0; i < in.size(); ++i)
          in[i] = p.input[i] + 128;
        return compareExact(static_cast<int32_t *>(dstMem->get_data_handle()),
                            p.reference(in));
      }
      return compareFloat(static_cast<float *>(dstMem->get_data_handle()),
                          p.expected);
    };
    impls.push_back(impl);
  }
  return impls;
}
