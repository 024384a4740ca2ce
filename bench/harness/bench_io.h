/*===- bench_io.h - Input and output buffers of the benchmark harnesses ---===*
 *
 * Element i of every float32 input is ((i * 37 + 11) % 257 - 128) / 128: small
 * integers over a power of two, so the value is exact in float and
 * bench/ort-time.js computes bit-identical inputs for ONNX Runtime. Inputs of
 * other types are zero.
 *
 * The buffers are carved from one static block of BENCH_IO_BYTES (given by the
 * scripts from the artifact's manifest: every input and output rounded up to
 * 64 bytes), so no harness needs an allocator.
 *===----------------------------------------------------------------------===*/

#ifndef BENCH_IO_H
#define BENCH_IO_H

#include "edge/runtime.h"
#include "model.h"

static uint8_t bench_io_block[BENCH_IO_BYTES + 64] __attribute__((aligned(64)));

static void bench_fill_input(const edge_tensor_desc_t *desc, void *data) {
  uint64_t i;
  if (desc->dtype == EDGE_DTYPE_FLOAT32) {
    float *f = (float *)data;
    for (i = 0; i < desc->bytes / 4; ++i)
      f[i] = (float)((int)((i * 37 + 11) % 257) - 128) / 128.0f;
  } else {
    uint8_t *b = (uint8_t *)data;
    for (i = 0; i < desc->bytes; ++i)
      b[i] = 0;
  }
}

/* Points inputs[] and outputs[] into the block and fills the inputs. Returns 0
 * if the block is too small (the scripts read another manifest). */
static int bench_bind_io(const void **inputs, void **outputs) {
  uint64_t offset = 0;
  uint32_t i;
  for (i = 0; i < MODEL_NUM_INPUTS; ++i) {
    bench_fill_input(&model_model.inputs[i], bench_io_block + offset);
    inputs[i] = bench_io_block + offset;
    offset += (model_model.inputs[i].bytes + 63) & ~(uint64_t)63;
  }
  for (i = 0; i < MODEL_NUM_OUTPUTS; ++i) {
    outputs[i] = bench_io_block + offset;
    offset += (model_model.outputs[i].bytes + 63) & ~(uint64_t)63;
  }
  return offset <= BENCH_IO_BYTES;
}

#endif /* BENCH_IO_H */
