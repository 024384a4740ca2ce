/*===- bench_time.c - Host wall time of a compiled model ------------------===*
 *
 * Linked with the runtime and a host artifact compiled with --name=model.
 * Runs WARMUP untimed runs, then times RUNS runs with CLOCK_MONOTONIC and
 * prints one line, as bench/ort-time.js does for ONNX Runtime:
 *   <nanoseconds per run> <sum of |outputs|>
 * Inputs come from bench_io.h, the same values ORT is given.
 *
 * Usage: bench_time RUNS [WARMUP]
 *===----------------------------------------------------------------------===*/

#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench_io.h"
#include "edge/runtime.h"
#include "model.h"

static uint8_t arena[MODEL_ARENA_BYTES + 1]
    __attribute__((aligned(MODEL_ARENA_ALIGN)));

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static edge_status_t run(const void **inputs, void **outputs, int times) {
  int i;
  for (i = 0; i < times; ++i) {
    edge_status_t s = edge_model_run(&model_model, inputs, outputs, arena,
                                     MODEL_ARENA_BYTES);
    if (s != EDGE_OK)
      return s;
  }
  return EDGE_OK;
}

int main(int argc, char **argv) {
  const void *inputs[MODEL_NUM_INPUTS];
  void *outputs[MODEL_NUM_OUTPUTS];
  int runs = argc > 1 ? atoi(argv[1]) : 50, warmup = argc > 2 ? atoi(argv[2]) : 5;
  double start, elapsed, sum = 0;
  edge_status_t status;
  uint32_t i;
  uint64_t j;

  if (runs <= 0) {
    fprintf(stderr, "usage: %s RUNS [WARMUP]\n", argv[0]);
    return 2;
  }
  if (!bench_bind_io(inputs, outputs)) {
    fprintf(stderr, "BENCH_IO_BYTES is smaller than the model's buffers\n");
    return 1;
  }

  status = run(inputs, outputs, warmup);
  start = now_ns();
  if (status == EDGE_OK)
    status = run(inputs, outputs, runs);
  elapsed = now_ns() - start;
  if (status != EDGE_OK) {
    fprintf(stderr, "edge_model_run failed: %s\n", edge_status_string(status));
    return 1;
  }

  for (i = 0; i < MODEL_NUM_OUTPUTS; ++i)
    if (model_model.outputs[i].dtype == EDGE_DTYPE_FLOAT32)
      for (j = 0; j < model_model.outputs[i].bytes / 4; ++j)
        sum += fabs((double)((const float *)outputs[i])[j]);
  printf("%.0f %.9g\n", elapsed / runs, sum);
  return 0;
}
