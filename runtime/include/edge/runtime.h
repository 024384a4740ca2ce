/*===- edge/runtime.h - The edgecc runtime ABI -------------------*- C -*-===*
 *
 * The contract between an artifact written by `edgecc compile` and the
 * firmware that links it. C99, no allocation, no threads, no libc beyond
 * memcpy/memset; every call returns an edge_status_t and none aborts.
 *
 * An artifact exports one `const edge_model_t <name>_model`. The firmware
 * provides the arena (size: <NAME>_ARENA_BYTES from the artifact's header,
 * alignment: <NAME>_ARENA_ALIGN) and the input/output buffers:
 *
 *   static uint8_t arena[MLP_ARENA_BYTES] __attribute__((aligned(64)));
 *   const void *in[] = {x};  void *out[] = {y};
 *   edge_status_t s = edge_model_run(&mlp_model, in, out, arena, sizeof arena);
 *
 * The struct layouts are versioned by EDGE_ABI_VERSION; the compiler writes
 * them field by field, so any change here bumps the version.
 *===----------------------------------------------------------------------===*/

#ifndef EDGE_RUNTIME_H
#define EDGE_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EDGE_ABI_VERSION 1u
#define EDGE_MAX_RANK 8

typedef int32_t edge_status_t;
#define EDGE_OK 0
#define EDGE_ERR_NULL_ARGUMENT 1   /* a required pointer is NULL */
#define EDGE_ERR_ABI_VERSION 2     /* artifact built for another ABI */
#define EDGE_ERR_ARENA_TOO_SMALL 3 /* arena_bytes < model->arena_bytes */
#define EDGE_ERR_ARENA_MISALIGNED 4
#define EDGE_ERR_TENSOR_MISALIGNED 5 /* an input/output buffer misaligned */
#define EDGE_ERR_NOT_FOUND 6         /* no tensor of that name */

/* Element types use ONNX TensorProto numbering. */
typedef enum edge_dtype_t {
  EDGE_DTYPE_FLOAT32 = 1,
  EDGE_DTYPE_UINT8 = 2,
  EDGE_DTYPE_INT8 = 3,
  EDGE_DTYPE_INT32 = 6,
  EDGE_DTYPE_INT64 = 7,
  EDGE_DTYPE_BOOL = 9,
  EDGE_DTYPE_UINT4 = 21,
  EDGE_DTYPE_INT4 = 22
} edge_dtype_t;

/* One model input or output. Buffers are dense, row-major. */
typedef struct edge_tensor_desc_t {
  const char *name;
  uint32_t dtype; /* edge_dtype_t */
  uint32_t rank;
  int64_t dims[EDGE_MAX_RANK];
  uint64_t bytes;     /* size of the buffer the caller provides */
  uint32_t align;     /* required alignment of that buffer, in bytes */
  uint32_t quantized; /* 1 if scale and zero_point describe the values */
  float scale;
  int32_t zero_point;
} edge_tensor_desc_t;

/* The compiled entry: inputs[i] and outputs[i] in descriptor order. */
typedef edge_status_t (*edge_entry_fn_t)(const void *const *inputs,
                                         void *const *outputs, void *arena);

typedef struct edge_model_t {
  uint32_t abi_version; /* EDGE_ABI_VERSION of the compiler that wrote it */
  uint32_t num_inputs;
  uint32_t num_outputs;
  uint32_t arena_align;
  const char *name;
  const edge_tensor_desc_t *inputs;
  const edge_tensor_desc_t *outputs;
  uint64_t arena_bytes;   /* exact bytes of scratch the model needs */
  uint64_t weights_bytes; /* bytes of constant data in .rodata */
  edge_entry_fn_t run;
} edge_model_t;

/* Layout checks: the compiler emits these structs for 64- and 32-bit targets.
 * A negative array size fails the build in C99 as in C11. */
#define EDGE_ABI_CHECK(name, cond) \
  typedef char edge_abi_check_##name[(cond) ? 1 : -1]
EDGE_ABI_CHECK(tensor_desc_size, sizeof(edge_tensor_desc_t) == 104);
EDGE_ABI_CHECK(tensor_desc_dims, offsetof(edge_tensor_desc_t, dims) == 16);
EDGE_ABI_CHECK(model_size,
               sizeof(edge_model_t) == (sizeof(void *) == 8 ? 64 : 56));
EDGE_ABI_CHECK(model_arena_bytes,
               offsetof(edge_model_t, arena_bytes) ==
                   (sizeof(void *) == 8 ? 40 : 32));

/* Checks the arguments (pointers, ABI version, arena size and alignment,
 * buffer alignment) and runs the model. Returns EDGE_OK or the first problem
 * found; nothing is written when a check fails. */
edge_status_t edge_model_run(const edge_model_t *model,
                             const void *const *inputs, void *const *outputs,
                             void *arena, size_t arena_bytes);

/* Index of the input (or output) called `name`, for firmware that binds
 * tensors by name. */
edge_status_t edge_model_find_input(const edge_model_t *model,
                                    const char *name, uint32_t *index);
edge_status_t edge_model_find_output(const edge_model_t *model,
                                     const char *name, uint32_t *index);

/* A short constant English description of a status, never NULL. */
const char *edge_status_string(edge_status_t status);

#ifdef __cplusplus
}
#endif

#endif /* EDGE_RUNTIME_H */
