//===- Microkernel.cpp - Register-blocked matmul shapes per target --------===//
//
// The model: per k step the kernel holds mr * nr / lanes accumulators, nr /
// lanes vectors of B, and mr vectors of A (A is read `lanes` k-steps at a
// time, one vector per row, and each lane is broadcast in turn: `fmla by
// element` on NEON). nr is two vectors wide; mr is the largest of 8, 6, 4, 2
// whose registers fit. With 32 NEON registers that is 8 x 8 (16 accumulators,
// 2 B, 8 A = 26); with AVX2's 16 it is 4 x 16 (8 + 2 + 4 = 14).
//
//===----------------------------------------------------------------------===//

#include "edgecc/Target/Microkernel.h"

using namespace mlir;

namespace edgecc {

static int64_t intEntry(DictionaryAttr dict, StringRef name) {
  auto attr = dict ? dict.getAs<IntegerAttr>(name) : IntegerAttr();
  return attr ? attr.getInt() : 0;
}

std::optional<MatmulMicrokernel> f32MatmulMicrokernel(DictionaryAttr target) {
  int64_t lanes = intEntry(target, "float_vector_bits") / 32;
  int64_t registers = intEntry(target, "vector_registers");
  if (lanes < 2 || registers == 0)
    return std::nullopt;
  MatmulMicrokernel kernel;
  kernel.lanes = lanes;
  kernel.nr = 2 * lanes;
  int64_t bVectors = kernel.nr / lanes;
  for (int64_t mr : {8, 6, 4, 2}) {
    int64_t accumulators = mr * bVectors;
    if (accumulators + bVectors + mr <= registers) {
      kernel.mr = mr;
      return kernel;
    }
  }
  return std::nullopt;
}

} // namespace edgecc
