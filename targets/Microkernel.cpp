//===- Microkernel.cpp - Register-blocked matmul shapes per target --------===//
//
// The float32 model: an mr x nr tile holds mr * nv accumulators (nv = nr /
// lanes vectors of B) and per k step loads nv vectors of B and the mr
// multipliers of A. How A reaches the multiply-add decides what it costs:
//   by element (NEON): `fmla vD.4s, vB.4s, vA.s[lane]` takes the multiplier
//     from a lane, so A is read `lanes` k-steps at a time, one vector per row:
//     mr / lanes loads per k, and the mr A vectors hold registers.
//   from a scalar (RVV `vfmacc.vf`, x86 `vbroadcastss` + FMA): one scalar
//     per row and k (mr loads per k), of which one at a time occupies a
//     vector register (x86's broadcast; RVV's scalar lives elsewhere).
// The tile is the (mr <= 8, nv <= 4) that fits the vector registers
// (accumulators + B + A) with the fewest loads per multiply-add,
// (A loads + nv) / (mr * nv); ties go to the wider tile. With 32 NEON
// registers that is 7 x 12 (21 accumulators, 3 B, 7 A = 31), 0.23 loads per
// fmla against 0.25 for 8 x 8; with 32 RVV registers 6 x 16 (24 + 4 + 1),
// 0.42 against 0.63 for 8 x 8.
//
// A target without float vectors (Hexagon v67, whose HVX has no float lanes)
// gets the same tile one lane wide in its general registers: 4 x 3 in
// Hexagon's 16 (12 accumulators, 3 B, 1 A), each multiply-add one
// `r += sfmpy(r, r)`, two per packet.
//
// A matmul whose N is not a multiple of nr ends in a narrower panel, its
// packed weights zero-padded to whole panels. Weights are what firmware
// stores, so the padding may add at most 1/16 to B: 256 columns take 7 x 12
// on NEON (264 packed, +3%), 64 columns 8 x 8 (72 would be +12.5%). Failing
// that the tile narrows a vector at a time, mr chosen again for it; one
// vector wide it may pad up to a quarter (10 columns in 12), and beyond that
// the matmul keeps its loops (f32MatmulMicrokernel with a width).
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
// Hexagon gets no int8 kernel: its HVX vectors are 1024 bits and the model
// above does not describe them.
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

static StringRef stringEntry(DictionaryAttr dict, StringRef name) {
  auto attr = dict ? dict.getAs<StringAttr>(name) : StringAttr();
  return attr ? attr.getValue() : StringRef();
}

/// The best tile `nv` vectors wide (see the header), or nothing if none fits.
static std::optional<MatmulMicrokernel>
bestTile(int64_t lanes, int64_t registers, bool byElement, int64_t nv) {
  std::optional<MatmulMicrokernel> best;
  double bestCost = 0;
  for (int64_t mr = 8; mr >= 1; --mr) {
    if (mr * nv + nv + (byElement ? mr : 1) > registers)
      continue;
    double aLoads = byElement ? double(mr) / lanes : double(mr);
    double cost = (aLoads + nv) / double(mr * nv);
    if (!best || cost < bestCost) {
      best = MatmulMicrokernel{mr, nv * lanes, lanes};
      bestCost = cost;
    }
  }
  return best;
}

/// The float lanes, the registers a tile may hold and the A-operand form of
/// `target`: its float vectors, or one-lane "vectors" in the scalar
/// registers where it has none.
static bool floatVectorUnit(DictionaryAttr target, int64_t &lanes,
                            int64_t &registers, bool &byElement) {
  lanes = intEntry(target, "float_vector_bits") / 32;
  registers = intEntry(target, "vector_registers");
  byElement = stringEntry(target, "triple").starts_with("aarch64");
  if (lanes < 2) {
    lanes = 1;
    registers = intEntry(target, "float_scalar_registers");
    byElement = false;
  }
  return registers > 0;
}

std::optional<MatmulMicrokernel> f32MatmulMicrokernel(DictionaryAttr target) {
  int64_t lanes, registers;
  bool byElement;
  if (!floatVectorUnit(target, lanes, registers, byElement))
    return std::nullopt;
  std::optional<MatmulMicrokernel> best;
  double bestCost = 0;
  for (int64_t nv = 1; nv <= 4; ++nv) {
    std::optional<MatmulMicrokernel> tile =
        bestTile(lanes, registers, byElement, nv);
    if (!tile)
      continue;
    double aLoads = byElement ? double(tile->mr) / lanes : double(tile->mr);
    double cost = (aLoads + nv) / double(tile->mr * nv);
    if (!best || cost <= bestCost) {
      best = tile;
      bestCost = cost;
    }
  }
  return best;
}

/// Whether padding B's `n` columns to whole `nr`-wide panels adds at most
/// 1 / `fraction` to it.
static bool isPaddingAffordable(int64_t n, int64_t nr, int64_t fraction) {
  return fraction * llvm::divideCeilSigned(n, nr) * nr <= (fraction + 1) * n;
}

std::optional<MatmulMicrokernel> f32MatmulMicrokernel(DictionaryAttr target,
                                                      int64_t n) {
  std::optional<MatmulMicrokernel> widest = f32MatmulMicrokernel(target);
  if (!widest || isPaddingAffordable(n, widest->nr, 16))
    return widest;
  int64_t lanes, registers;
  bool byElement;
  floatVectorUnit(target, lanes, registers, byElement);
  for (int64_t nv = widest->nr / lanes - 1; nv >= 1; --nv)
    if (isPaddingAffordable(n, nv * lanes, nv == 1 ? 4 : 16))
      return bestTile(lanes, registers, byElement, nv);
  return std::nullopt;
}

/// The widening int8 kernel's tile: two vectors of B wide, the most rows of
/// 8, 6, 4, 2 whose accumulators, B and A vectors fit the registers.
static std::optional<MatmulMicrokernel>
twoVectorTile(DictionaryAttr target) {
  int64_t lanes = intEntry(target, "float_vector_bits") / 32;
  int64_t registers = intEntry(target, "vector_registers");
  if (lanes < 2 || registers == 0)
    return std::nullopt;
  for (int64_t mr : {8, 6, 4, 2})
    if (2 * mr + 2 + mr <= registers)
      return MatmulMicrokernel{mr, 2 * lanes, lanes};
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
  bool aarch64 = stringEntry(target, "triple").starts_with("aarch64");
  StringRef features = stringEntry(target, "features");
  int64_t registers = intEntry(target, "vector_registers");
  if (aarch64 && registers >= 32 && intEntry(target, "vector_bits") == 128) {
    if (hasFeature(features, "i8mm"))
      return IntegerMatmulMicrokernel{Kind::MatrixMultiply, 8, 8, 8, 4};
    if (hasFeature(features, "dotprod"))
      return IntegerMatmulMicrokernel{Kind::Dot, 8, 8, 4, 4};
  }
  // The widening kernel: the float32 tile with int32 lanes.
  std::optional<MatmulMicrokernel> f32 = twoVectorTile(target);
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
