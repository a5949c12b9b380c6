/*===- main.c - Calls an ahead-of-time compiled qnn model -----------------===*
 *
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
 *
 *===----------------------------------------------------------------------===*
 *
 * qnn-to-llvm gives every public function a C interface:
 *   void _mlir_ciface_<name>(Result *out, Arg *arg0, ...)
 * where each tensor is a memref descriptor {allocated, aligned, offset,
 * sizes[rank], strides[rank]}. Results are allocated by the model with
 * malloc and belong to the caller.
 *
 *===----------------------------------------------------------------------===*/

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
  float *allocated;
  float *aligned;
  int64_t offset;
  int64_t sizes[2];
  int64_t strides[2];
} MemRef2DF32;

void _mlir_ciface_classify(MemRef2DF32 *result, MemRef2DF32 *input);

int main(void) {
  float samples[3][4] = {
      {0.5f, -0.25f, 1.0f, 2.0f},
      {-1.0f, 3.0f, 0.0f, 0.75f},
      {6.0f, 6.0f, -6.0f, -7.0f},
  };
  MemRef2DF32 input = {&samples[0][0], &samples[0][0], 0, {3, 4}, {4, 1}};
  MemRef2DF32 result;
  _mlir_ciface_classify(&result, &input);
  for (int64_t i = 0; i < result.sizes[0]; ++i) {
    printf("sample %lld:", (long long)i);
    for (int64_t j = 0; j < result.sizes[1]; ++j)
      printf(" %g", result.aligned[result.offset + i * result.strides[0] +
                                   j * result.strides[1]]);
    printf("\n");
  }
  free(result.allocated);
  return 0;
}
