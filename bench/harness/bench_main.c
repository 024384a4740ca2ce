/*===- bench_main.c - Runs a compiled model N times for instruction counts ===*
 *
 * Linked with the runtime and an artifact compiled with --name=model. The
 * benchmark scripts run it under the counting plugin with N = 1 and N = 2 and
 * subtract, so everything outside one call of edge_model_run (libc start-up,
 * input filling, exit) cancels exactly. It prints nothing and needs no libc:
 * a failed run's status is the exit code, and the same file builds
 * freestanding for hexagon.
 *
 * Usage: bench_main N
 *===----------------------------------------------------------------------===*/

#include "bench_io.h"
#include "edge/runtime.h"
#include "model.h"

/* +1: a model may need no scratch, and C has no zero-length arrays. */
static uint8_t arena[MODEL_ARENA_BYTES + 1]
    __attribute__((aligned(MODEL_ARENA_ALIGN)));

static unsigned parse_count(const char *s) {
  unsigned n = 0;
  while (*s >= '0' && *s <= '9')
    n = n * 10 + (unsigned)(*s++ - '0');
  return n;
}

int main(int argc, char **argv) {
  const void *inputs[MODEL_NUM_INPUTS];
  void *outputs[MODEL_NUM_OUTPUTS];
  unsigned runs = argc > 1 ? parse_count(argv[1]) : 1, i;

  if (!bench_bind_io(inputs, outputs))
    return 100;
  for (i = 0; i < runs; ++i) {
    edge_status_t status = edge_model_run(&model_model, inputs, outputs, arena,
                                          MODEL_ARENA_BYTES);
    if (status != EDGE_OK)
      return (int)status;
  }
  return 0;
}
