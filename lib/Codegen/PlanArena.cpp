//===- PlanArena.cpp - Static arena planning by liveness ------------------===//
//
// Every intermediate buffer of the entry function gets an offset in one arena
// the firmware provides; buffers live at the same time never share bytes.
// Placement is greedy by size with best fit (the TFLite Micro heuristic, done
// here at compile time), so the arena size is exact and printed, not found by
// trial and error.
//
//===----------------------------------------------------------------------===//

#include "edgecc/Codegen/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace edgecc {
#define GEN_PASS_DEF_PLANARENA
#include "edgecc/Codegen/Passes.h.inc"
} // namespace edgecc

using namespace mlir;

namespace edgecc {
namespace {

struct Buffer {
  memref::AllocOp alloc;
  int64_t bytes = 0;
  // Live range in positions of the entry block's ops, both ends inclusive.
  int64_t first = 0, last = 0;
  int64_t offset = -1;

  bool overlapsInTime(const Buffer &other) const {
    return first <= other.last && other.first <= last;
  }
};

int64_t alignTo(int64_t value, int64_t alignment) {
  return (value + alignment - 1) / alignment * alignment;
}

/// Bytes of a static memref; i1 is stored one per byte.
int64_t storageBytes(MemRefType type) {
  int64_t bits = type.getElementTypeBitWidth();
  return type.getNumElements() * std::max<int64_t>(1, (bits + 7) / 8);
}

/// Positions in the entry block of every op that uses `root` or a view of it.
void collectUsePositions(Value root, Block &entry,
                         const DenseMap<Operation *, int64_t> &position,
                         SmallVectorImpl<int64_t> &positions) {
  SmallVector<Value> worklist = {root};
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    for (Operation *user : value.getUsers()) {
      Operation *top = entry.findAncestorOpInBlock(*user);
      if (top)
        positions.push_back(position.lookup(top));
      // Views alias the buffer: their uses keep it alive.
      if (auto view = dyn_cast<ViewLikeOpInterface>(user)) {
        if (view.getViewSource() == value)
          for (Value result : user->getResults())
            worklist.push_back(result);
      }
    }
  }
}

/// Lowest offset, best-fit over the gaps left by buffers that are live at the
/// same time.
int64_t placeBuffer(const Buffer &buffer, ArrayRef<Buffer *> placed,
                    int64_t alignment) {
  SmallVector<const Buffer *> conflicts;
  for (const Buffer *other : placed)
    if (other->overlapsInTime(buffer))
      conflicts.push_back(other);
  llvm::sort(conflicts, [](const Buffer *a, const Buffer *b) {
    return a->offset < b->offset;
  });
  int64_t bestOffset = -1, bestGap = INT64_MAX, cursor = 0;
  for (const Buffer *other : conflicts) {
    int64_t gap = other->offset - cursor;
    if (gap >= buffer.bytes && gap < bestGap) {
      bestGap = gap;
      bestOffset = cursor;
    }
    cursor = std::max(cursor, alignTo(other->offset + other->bytes, alignment));
  }
  return bestOffset >= 0 ? bestOffset : cursor;
}

struct PlanArena : public impl::PlanArenaBase<PlanArena> {
  using Base::Base;

  void runOnOperation() override {
    for (auto func : getOperation().getOps<func::FuncOp>())
      if (!func.isExternal() && failed(planFunction(func)))
        return signalPassFailure();
  }

  LogicalResult planFunction(func::FuncOp func) {
    Block &entry = func.getBody().front();
    DenseMap<Operation *, int64_t> position;
    for (auto [i, op] : llvm::enumerate(entry))
      position[&op] = i;

    std::vector<Buffer> buffers;
    WalkResult walk = func.walk([&](memref::AllocOp alloc) {
      MemRefType type = alloc.getType();
      if (!type.hasStaticShape() || !type.getLayout().isIdentity()) {
        alloc.emitError("arena planning needs static, identity-layout "
                        "buffers, got ")
            << type;
        return WalkResult::interrupt();
      }
      Buffer buffer;
      buffer.alloc = alloc;
      buffer.bytes = alignTo(std::max<int64_t>(storageBytes(type), 1),
                             alignment);
      SmallVector<int64_t> uses;
      collectUsePositions(alloc.getResult(), entry, position, uses);
      int64_t defined = position.lookup(entry.findAncestorOpInBlock(*alloc));
      // A buffer allocated inside a loop lives for that whole loop.
      buffer.first = defined;
      if (alloc->getBlock() == &entry && !uses.empty())
        buffer.first = *llvm::min_element(uses);
      buffer.last = uses.empty() ? defined : *llvm::max_element(uses);
      buffer.last = std::max(buffer.last, buffer.first);
      buffers.push_back(buffer);
      return WalkResult::advance();
    });
    if (walk.wasInterrupted())
      return failure();

    // Greedy by size: the largest buffers choose first.
    SmallVector<Buffer *> order;
    for (Buffer &buffer : buffers)
      order.push_back(&buffer);
    llvm::stable_sort(order, [](const Buffer *a, const Buffer *b) {
      return a->bytes > b->bytes;
    });
    SmallVector<Buffer *> placed;
    int64_t arenaBytes = 0;
    for (Buffer *buffer : order) {
      buffer->offset = placeBuffer(*buffer, placed, alignment);
      placed.push_back(buffer);
      arenaBytes = std::max(arenaBytes, buffer->offset + buffer->bytes);
    }

    // The liveness lower bound: no placement can use less than the bytes
    // live at the busiest point.
    int64_t lowerBound = 0;
    for (int64_t t = 0, e = entry.getOperations().size(); t < e; ++t) {
      int64_t live = 0;
      for (const Buffer &buffer : buffers)
        if (buffer.first <= t && t <= buffer.last)
          live += buffer.bytes;
      lowerBound = std::max(lowerBound, live);
    }

    MLIRContext *ctx = func.getContext();
    auto arenaType = MemRefType::get({arenaBytes}, IntegerType::get(ctx, 8));
    unsigned arenaIndex = func.getNumArguments();
    if (failed(func.insertArgument(arenaIndex, arenaType,
                                   DictionaryAttr::get(ctx), func.getLoc())))
      return func.emitError("cannot add the arena argument");
    Value arena = func.getArgument(arenaIndex);

    for (Buffer &buffer : buffers) {
      OpBuilder builder(buffer.alloc);
      Location loc = buffer.alloc.getLoc();
      Value offset = arith::ConstantIndexOp::create(builder, loc, buffer.offset);
      Value view = memref::ViewOp::create(builder, loc, buffer.alloc.getType(),
                                          arena, offset, ValueRange{});
      buffer.alloc.replaceAllUsesWith(view);
      buffer.alloc.erase();
    }
    numBuffers += buffers.size();

    Builder b(ctx);
    func->setAttr(kArenaBytesAttr, b.getI64IntegerAttr(arenaBytes));
    func->setAttr(kArenaLowerBoundAttr, b.getI64IntegerAttr(lowerBound));
    return success();
  }
};

} // namespace
} // namespace edgecc
