/*===- runtime.c - Argument checks and dispatch of a compiled model ------===*
 *
 * The only code between the firmware and the generated entry. It validates
 * everything the generated code assumes (non-NULL, aligned, big enough) so
 * that the generated code can stay check-free.
 *===----------------------------------------------------------------------===*/

#include "edge/runtime.h"

/* Alignments are powers of two; a mask avoids a division, which some cores
 * (Hexagon) only have as a libgcc helper. */
static int edge_is_aligned(const void *p, uint32_t align) {
  return align <= 1 || ((uintptr_t)p & (uintptr_t)(align - 1)) == 0;
}

edge_status_t edge_model_run(const edge_model_t *model,
                             const void *const *inputs, void *const *outputs,
                             void *arena, size_t arena_bytes) {
  uint32_t i;
  if (!model || !model->run)
    return EDGE_ERR_NULL_ARGUMENT;
  if (model->abi_version != EDGE_ABI_VERSION)
    return EDGE_ERR_ABI_VERSION;
  if ((model->num_inputs && !inputs) || (model->num_outputs && !outputs))
    return EDGE_ERR_NULL_ARGUMENT;
  if (model->arena_bytes) {
    if (!arena)
      return EDGE_ERR_NULL_ARGUMENT;
    if ((uint64_t)arena_bytes < model->arena_bytes)
      return EDGE_ERR_ARENA_TOO_SMALL;
    if (!edge_is_aligned(arena, model->arena_align))
      return EDGE_ERR_ARENA_MISALIGNED;
  }
  for (i = 0; i < model->num_inputs; ++i) {
    if (!inputs[i])
      return EDGE_ERR_NULL_ARGUMENT;
    if (!edge_is_aligned(inputs[i], model->inputs[i].align))
      return EDGE_ERR_TENSOR_MISALIGNED;
  }
  for (i = 0; i < model->num_outputs; ++i) {
    if (!outputs[i])
      return EDGE_ERR_NULL_ARGUMENT;
    if (!edge_is_aligned(outputs[i], model->outputs[i].align))
      return EDGE_ERR_TENSOR_MISALIGNED;
  }
  return model->run(inputs, outputs, arena);
}

static int edge_name_equal(const char *a, const char *b) {
  while (*a && *a == *b) {
    ++a;
    ++b;
  }
  return *a == *b;
}

static edge_status_t edge_find(const edge_tensor_desc_t *descs, uint32_t count,
                               const char *name, uint32_t *index) {
  uint32_t i;
  if (!name || !index)
    return EDGE_ERR_NULL_ARGUMENT;
  for (i = 0; i < count; ++i) {
    if (descs[i].name && edge_name_equal(descs[i].name, name)) {
      *index = i;
      return EDGE_OK;
    }
  }
  return EDGE_ERR_NOT_FOUND;
}

edge_status_t edge_model_find_input(const edge_model_t *model,
                                    const char *name, uint32_t *index) {
  if (!model)
    return EDGE_ERR_NULL_ARGUMENT;
  return edge_find(model->inputs, model->num_inputs, name, index);
}

edge_status_t edge_model_find_output(const edge_model_t *model,
                                     const char *name, uint32_t *index) {
  if (!model)
    return EDGE_ERR_NULL_ARGUMENT;
  return edge_find(model->outputs, model->num_outputs, name, index);
}

const char *edge_status_string(edge_status_t status) {
  switch (status) {
  case EDGE_OK:
    return "ok";
  case EDGE_ERR_NULL_ARGUMENT:
    return "a required pointer is NULL";
  case EDGE_ERR_ABI_VERSION:
    return "the model was compiled for another runtime ABI version";
  case EDGE_ERR_ARENA_TOO_SMALL:
    return "the arena is smaller than the model needs";
  case EDGE_ERR_ARENA_MISALIGNED:
    return "the arena is not aligned as the model needs";
  case EDGE_ERR_TENSOR_MISALIGNED:
    return "an input or output buffer is misaligned";
  case EDGE_ERR_NOT_FOUND:
    return "no tensor of that name";
  default:
    return "unknown status";
  }
}
