//===- Passes.td - edgecc code generation passes -----------*- tablegen -*-===//

#ifndef EDGECC_CODEGEN_PASSES
#define EDGECC_CODEGEN_PASSES

include "mlir/Pass/PassBase.td"

def PlanArena : Pass<"edge-plan-arena", "mlir::ModuleOp"> {
  let summary = "Places every intermediate buffer in one arena planned by liveness";
  let description = [{
    Runs on bufferised IR. Every `memref.alloc` of the entry function gets a
    64-byte aligned offset in a single arena such that buffers whose live
    ranges overlap never overlap in memory (greedy by size, best fit). The
    allocs become `memref.view`s of a new trailing function argument
    `memref<ARENA_BYTES x i8>`, and the entry function records the plan as
    attributes: `edge.arena_bytes` and `edge.arena_lower_bound` (the maximum,
    over time, of the bytes live at once).
  }];
  let options = [
    Option<"alignment", "alignment", "int64_t", "64",
           "byte alignment of every buffer in the arena">
  ];
  let statistics = [
    Statistic<"numBuffers", "buffers", "Buffers placed in the arena">
  ];
  let dependentDialects = ["mlir::memref::MemRefDialect",
                           "mlir::arith::ArithDialect"];
}


def ApproximateMath : Pass<"edge-approximate-math"> {
  let summary = "Rewrites math functions (exp, tanh, erf, ...) as polynomials";
  let description = [{
    Generated code calls no libm: the transcendental functions become
    arithmetic (MLIR's polynomial approximations, accurate to a few ulp in
    float32), which also vectorises.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::math::MathDialect",
                           "mlir::vector::VectorDialect"];
}

def CopiesToLinalg : Pass<"edge-copies-to-linalg"> {
  let summary = "Turns memref.copy into linalg.copy";
  let description = [{
    memref.copy of strided views lowers to a call into MLIR's C runner
    library, which firmware does not link; as linalg.copy it becomes loops.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect"];
}


def ProtectInputs : Pass<"edge-protect-inputs", "mlir::ModuleOp"> {
  let summary = "Marks the entry function's inputs read-only for bufferisation";
  let description = [{
    Model inputs belong to the caller (they may live in flash): one-shot
    bufferisation must never write into them, even when an op could reuse an
    input buffer in place. Sets `bufferization.writable = false` on every
    argument of every function with a body.
  }];
  let dependentDialects = ["mlir::bufferization::BufferizationDialect"];
}

def FlattenEmptyTensors : Pass<"edge-flatten-empty-tensors", "mlir::ModuleOp"> {
  let summary = "Gives the entry function's element-less tensors the type tensor<0xT>";
  let description = [{
    A tensor with a zero dim (say 3x0x5) holds no data, but such a memref has
    no bare-pointer form in the LLVM lowering. At the function boundary it
    becomes tensor<0xT>; inside, its uses read a tensor.empty of the real
    shape. The manifest keeps the real shape.
  }];
  let dependentDialects = ["mlir::tensor::TensorDialect"];
}

def FuseElementwise : Pass<"edge-fuse-elementwise", "mlir::ModuleOp"> {
  let summary = "Fuses chains of elementwise linalg generics into one loop nest";
  let description = [{
    An all-parallel producer is fused into an all-parallel consumer, so a
    chain like bias + Gelu or a decomposed LayerNorm's tail runs as one loop
    that never writes the intermediates. Producers are never fused into
    reductions or contractions (the producer would be recomputed for every
    step of the reduced dims), and reshapes are not pushed into contractions,
    which keeps matmuls in the form the microkernel matches.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect"];
}

def PrintDispatches : Pass<"edge-print-dispatches", "mlir::ModuleOp"> {
  let summary = "Prints every kernel after fusion with the ONNX nodes it computes";
  let description = [{
    One line per linalg op of the entry function, in order: its kind
    (matmul microkernel with its tile, contraction, reduction, elementwise,
    data movement) and the ONNX nodes whose computation it holds (from the
    fused locations). Prints to stdout; changes nothing.
  }];
}

def PackMatmulWeights : Pass<"edge-pack-matmul-weights", "mlir::ModuleOp"> {
  let summary = "Packs constant matmul weights for the register-blocked microkernel";
  let description = [{
    Runs on linalg on tensors. A float32 linalg.matmul whose B is a constant
    gets B repacked at compile time into [N / nr, K, nr] panels (nr from the
    module's `edge.target`, see targets/Microkernel.cpp), so the kernel reads
    each k step's nr columns as consecutive vectors. The matmul becomes a
    linalg.generic over the packed layout tagged `edge.microkernel`; any
    later lowering of that generic computes the same product.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect",
                           "mlir::arith::ArithDialect"];
}

def LowerMatmulMicrokernel
    : Pass<"edge-lower-matmul-microkernel", "mlir::ModuleOp"> {
  let summary = "Register-blocked vector code for `edge.microkernel` matmuls";
  let description = [{
    Runs on bufferised IR. Each tagged generic becomes loops over mr x nr
    tiles of C whose accumulators stay in vector registers across the whole
    K loop: per k step, nr / lanes vector loads of packed B, one vector of A
    per row every `lanes` steps, and mr * nr / lanes fused multiply-adds with
    a broadcast lane of A (NEON `fmla` by element). Rows that do not fill a
    tile get a smaller tile, K steps that do not fill a vector of A a
    one-step loop.
  }];
  let dependentDialects = ["mlir::scf::SCFDialect",
                           "mlir::vector::VectorDialect",
                           "mlir::memref::MemRefDialect",
                           "mlir::arith::ArithDialect"];
}

def PackIntegerMatmulWeights
    : Pass<"edge-pack-integer-matmul-weights", "mlir::ModuleOp"> {
  let summary = "Packs constant int8 matmul weights for the integer microkernel";
  let description = [{
    Runs on linalg on tensors. A linalg.matmul of int8 operands into int32
    whose B is a constant gets B repacked at compile time into
    [ceil(N / nr), ceil(K / kGroup), nr * kGroup] panels, zero-padded, with
    kGroup consecutive k of a column together (4 for sdot, 8 for smmla, 1 for
    the portable widening kernel; the tile from the module's `edge.target`,
    see targets/Microkernel.cpp). The matmul becomes a linalg.generic over
    the packed layout tagged `edge.integer_microkernel`; for smmla it also
    gets a scratch input the kernel packs row pairs of A into.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect",
                           "mlir::arith::ArithDialect",
                           "mlir::bufferization::BufferizationDialect"];
}

def LowerIntegerMicrokernel
    : Pass<"edge-lower-integer-microkernel", "mlir::ModuleOp"> {
  let summary = "Register-blocked vector code for `edge.integer_microkernel` matmuls";
  let description = [{
    Runs on bufferised IR. Each tagged int8 generic becomes loops over
    mr x nr tiles of C whose int32 accumulators stay in vector registers
    across the K loop: `arm_neon.intr.sdot` by a broadcast 4-byte lane of A
    (+dotprod), `arm_neon.intr.smmla` on row pairs of A interleaved per 8 k
    into the scratch input once per block of rows (+i8mm), or widening
    vector multiply-adds. The K tail is read into a
    zero-padded vector outside the loop, leftover rows get a smaller tile and
    the last partial panel's columns masked loads and stores.
  }];
  let dependentDialects = ["mlir::scf::SCFDialect",
                           "mlir::vector::VectorDialect",
                           "mlir::memref::MemRefDialect",
                           "mlir::arith::ArithDialect",
                           "mlir::arm_neon::ArmNeonDialect"];
}

def LowerNBitsMatmul : Pass<"edge-lower-nbits-matmul", "mlir::ModuleOp"> {
  let summary = "Vector code for 4-bit weight matmuls (`edge.nbits_matmul`)";
  let description = [{
    Runs on bufferised IR, before the arena planner. Each generic tagged
    `edge.nbits_matmul` (a matmul_nbits with constant weights in the layout
    of edgecc/Codegen/NBitsMatmul.h) becomes loops over 16-column tiles of
    1 or 2 rows whose accumulators stay in registers across K. Per word of
    8 codes and column vector: one load, then per code an `and` with a
    constant mask (or a shift) and an int -> float convert, and one FMA per
    row with a broadcast lane of a pre-scaled copy of the activations; per
    block one FMA for the zero point and one for the scale. The scaled
    activations and per-block activation sums are two small buffers computed
    once per call. Without float vectors in the target the tag is dropped
    and the generic runs as loops.
  }];
  let dependentDialects = ["mlir::scf::SCFDialect",
                           "mlir::vector::VectorDialect",
                           "mlir::memref::MemRefDialect",
                           "mlir::arith::ArithDialect"];
}

#endif // EDGECC_CODEGEN_PASSES
