/*===- main.c - A firmware-style program that runs an edgecc model -------===*
 *
 * What a firmware engineer writes: a static arena of the size the header
 * gives, no malloc, status codes checked. Built with the artifact of
 * `edgecc compile --name=model` and inputs.h (the input bytes as arrays, made
 * by run.sh); prints every output value, one per line.
 *===----------------------------------------------------------------------===*/

#include <stdio.h>
#include <string.h>

#include "edge/runtime.h"
#include "inputs.h"
#include "model.h"

static uint8_t arena[MODEL_ARENA_BYTES + 1]
    __attribute__((aligned(MODEL_ARENA_ALIGN)));
static uint8_t output_storage[MODEL_NUM_OUTPUTS][1 << 20]
    __attribute__((aligned(64)));

static void print_tensor(const edge_tensor_desc_t *desc, const void *data) {
  uint64_t i, count;
  unsigned width = desc->dtype == EDGE_DTYPE_INT64                             ? 8
                   : desc->dtype == EDGE_DTYPE_FLOAT32 || desc->dtype == EDGE_DTYPE_INT32 ? 4
                                                                               : 1;
  count = desc->bytes / width;
  printf("output '%s' %llu values\n", desc->name, (unsigned long long)count);
  for (i = 0; i < count; ++i) {
    if (desc->dtype == EDGE_DTYPE_FLOAT32)
      printf("%.9g\n", (double)((const float *)data)[i]);
    else if (desc->dtype == EDGE_DTYPE_INT64)
      printf("%lld\n", (long long)((const int64_t *)data)[i]);
    else if (desc->dtype == EDGE_DTYPE_INT32)
      printf("%d\n", ((const int32_t *)data)[i]);
    else if (desc->dtype == EDGE_DTYPE_INT8)
      printf("%d\n", ((const int8_t *)data)[i]);
    else
      printf("%u\n", ((const uint8_t *)data)[i]);
  }
}

int main(void) {
  void *outputs[MODEL_NUM_OUTPUTS];
  edge_status_t status;
  uint32_t i;

  for (i = 0; i < MODEL_NUM_OUTPUTS; ++i) {
    if (model_model.outputs[i].bytes > sizeof output_storage[i]) {
      printf("output %u does not fit the example's buffer\n", (unsigned)i);
      return 1;
    }
    outputs[i] = output_storage[i];
  }

  /* The runtime refuses an arena smaller than the model needs. */
  if (MODEL_ARENA_BYTES > 0) {
    status = edge_model_run(&model_model, model_inputs, outputs, arena,
                            MODEL_ARENA_BYTES - 1);
    if (status != EDGE_ERR_ARENA_TOO_SMALL) {
      printf("a short arena was not refused: %s\n", edge_status_string(status));
      return 1;
    }
  }

  status = edge_model_run(&model_model, model_inputs, outputs, arena,
                          MODEL_ARENA_BYTES);
  if (status != EDGE_OK) {
    printf("edge_model_run failed: %s\n", edge_status_string(status));
    return 1;
  }
  printf("arena %u bytes, weights %u bytes\n", (unsigned)MODEL_ARENA_BYTES,
         (unsigned)MODEL_WEIGHTS_BYTES);
  for (i = 0; i < MODEL_NUM_OUTPUTS; ++i)
    print_tensor(&model_model.outputs[i], outputs[i]);
  return 0;
}
