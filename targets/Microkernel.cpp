//===- Microkernel.cpp - Register-blocked matmul shapes per target --------===//
//
// The model: per k step the kernel holds mr * nr / lanes accumulators, nr /
// lanes vectors of B, and mr vectors of A (A is read `lanes` k-steps at a
// time, one vector per row, and each lane is broadcast in turn: `fmla by
// element` on NEON). nr is two vectors wide; mr is the largest of 8, 6, 4, 2
// whose registers fit. With 32 NEON registers that is 8 x 8 (16 accumulators,
// 2 B, 8 A = 26); with AVX2's 16 it is 4 x 16 (8 + 2 + 4 = 14).
//
// The int8 kernels (i8MatmulMicrokernel) count 128-bit NEON registers the
// same way, per instruction of the inner loop:
//   +dotprod: `sdot vD.4s, vB.16b, vA.4b[l]` adds 4 x 4 int8 products into 4
//   int32 lanes (4 columns, 4 consecutive k). A is read 16 k-steps at a time,
//   one vector per row; nr = 8 columns is two B vectors per 4 k, so 8 x 8
//   needs 16 accumulators + 2 B + 8 A = 26 registers and per 16 k issues
//   64 sdot against 8 A and 8 B loads (the loads of adjacent B vectors pair
//   into `ldp`).
//   +i8mm: `smmla vD.4s, vA.16b, vB.16b` multiplies 2 rows x 8 k of A by
//   8 k x 2 columns of B into a 2 x 2 block of C. 8 x 8 is 16 accumulators,
//   4 B and 4 A (A rows interleaved in pairs) = 24 registers, 16 smmla
//   against 8 16-byte loads per 8 k.
//   Otherwise (host, NEON without the extensions, RVV) the widening kernel
//   multiplies a broadcast int8 of A, widened, by nr widened int8 of B and
//   adds in int32 lanes: the float32 tile shape with int32 lanes.
// Hexagon gets none: its HVX vectors are 1024 bits and the model above does
// not describe them.
//
//===----------------------------------------------------------------------===//

#include "edgecc/Target/Microkernel.h"

using namespace mlir;

namespace edgecc {

static int64_t intEntry(DictionaryAttr dict, StringRef name) {
  auto attr = dict ? dict.getAs<IntegerAttr>(name) : IntegerAttr();
  return attr ? attr.getInt() : 0;
}

int64_t f32MatmulRowBlock(DictionaryAttr target, int64_t mr, int64_t k) {
  int64_t l2 = intEntry(target, "l2_bytes");
  if (l2 == 0 || mr <= 0 || k <= 0)
    return 0;
  int64_t rows = l2 / 2 / (k * 4);
  return std::max(mr, rows - rows % mr);
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

/// Whether the comma-separated LLVM feature list enables `feature` (the last
/// of "+feature" or "-feature" wins, as in LLVM).
static bool hasFeature(StringRef features, StringRef feature) {
  SmallVector<StringRef> list;
  features.split(list, ',');
  bool enabled = false;
  for (StringRef entry : list) {
    entry = entry.trim();
    if (entry.size() > 1 && entry.drop_front() == feature)
      enabled = entry[0] == '+';
  }
  return enabled;
}

std::optional<IntegerMatmulMicrokernel>
i8MatmulMicrokernel(DictionaryAttr target) {
  using Kind = IntegerMatmulMicrokernel::Kind;
  auto stringEntry = [&](StringRef name) -> StringRef {
    auto attr = target ? target.getAs<StringAttr>(name) : StringAttr();
    return attr ? attr.getValue() : StringRef();
  };
  bool aarch64 = stringEntry("triple").starts_with("aarch64");
  StringRef features = stringEntry("features");
  int64_t registers = intEntry(target, "vector_registers");
  if (aarch64 && registers >= 32 && intEntry(target, "vector_bits") == 128) {
    if (hasFeature(features, "i8mm"))
      return IntegerMatmulMicrokernel{Kind::MatrixMultiply, 8, 8, 8, 4};
    if (hasFeature(features, "dotprod"))
      return IntegerMatmulMicrokernel{Kind::Dot, 8, 8, 4, 4};
  }
  // The widening kernel: the float32 tile with int32 lanes.
  std::optional<MatmulMicrokernel> f32 = f32MatmulMicrokernel(target);
  if (!f32)
    return std::nullopt;
  return IntegerMatmulMicrokernel{Kind::Widening, f32->mr, f32->nr, 1,
                                  f32->lanes};
}

StringRef stringifyIntegerKernelKind(IntegerMatmulMicrokernel::Kind kind) {
  switch (kind) {
  case IntegerMatmulMicrokernel::Kind::Widening:
    return "widening";
  case IntegerMatmulMicrokernel::Kind::Dot:
    return "dot";
  case IntegerMatmulMicrokernel::Kind::MatrixMultiply:
    return "mmla";
  }
  llvm_unreachable("unknown integer kernel kind");
}

} // namespace edgecc
