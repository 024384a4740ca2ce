//===- ObjectEmitter.cpp - LLVM dialect to <name>.o with the ABI glue -----===//
//
// The ABI glue is written in LLVM IR rather than in a C file the user would
// have to compile: the artifact stays one object whatever the target, and the
// struct layouts come from the target's DataLayout, matching runtime.h on
// 64- and 32-bit targets alike.
//
//===----------------------------------------------------------------------===//

#include "edgecc/Codegen/Emit.h"
#include "edgecc/Codegen/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Target/LLVMIR/Dialect/ArmNeon/ArmNeonToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"

using namespace mlir;

namespace edgecc {
namespace {

/// The ELF section holding every weight, so linker scripts can place it
/// (flash, XIP); a `.rodata.` prefix keeps default scripts putting it in .rodata.
constexpr const char *kWeightsSection = ".rodata.edge_weights";
constexpr unsigned kAbiVersion = 1;
constexpr unsigned kMaxRank = 8;

/// Hexagon may pair a store with a load of the same address in one packet
/// (`:mem_noshuf`, the load seeing the store), as it does for a spill
/// reloaded right away. QEMU 7.2, on which the tests and benchmarks run, gets
/// such packets wrong, so the packetizer is told not to form them (its
/// `slot1-store-slot0-load` option); the store and the load then take two
/// packets.
void keepStoresAndLoadsInSeparatePackets() {
  static bool done = [] {
    auto &options =
        llvm::cl::getRegisteredOptions();
    auto found = options.find("slot1-store-slot0-load");
    if (found != options.end())
      found->second->addOccurrence(0, "slot1-store-slot0-load", "false");
    return true;
  }();
  (void)done;
}

std::unique_ptr<llvm::TargetMachine>
createTargetMachine(const TargetDesc &target, unsigned optLevel,
                    std::string &error) {
  static bool initialized = [] {
    llvm::InitializeAllTargetInfos();
    llvm::InitializeAllTargets();
    llvm::InitializeAllTargetMCs();
    llvm::InitializeAllAsmPrinters();
    return true;
  }();
  (void)initialized;
  llvm::Triple triple(target.triple);
  const llvm::Target *llvmTarget =
      llvm::TargetRegistry::lookupTarget(triple, error);
  if (!llvmTarget)
    return nullptr;
  if (triple.getArch() == llvm::Triple::hexagon)
    keepStoresAndLoadsInSeparatePackets();
  llvm::TargetOptions options;
  options.MCOptions.ABIName = target.abi;
  llvm::CodeGenOptLevel level = optLevel == 0   ? llvm::CodeGenOptLevel::None
                                : optLevel == 1 ? llvm::CodeGenOptLevel::Less
                                : optLevel == 2 ? llvm::CodeGenOptLevel::Default
                                                : llvm::CodeGenOptLevel::Aggressive;
  std::unique_ptr<llvm::TargetMachine> machine(llvmTarget->createTargetMachine(
      triple, target.cpu, target.features, options, llvm::Reloc::PIC_,
      std::nullopt, level));
  if (!machine)
    error = "LLVM cannot create a target machine for " + target.triple;
  return machine;
}

/// Mirrors runtime.h's structs as LLVM types (natural alignment, as C lays
/// them out).
struct AbiTypes {
  llvm::StructType *tensorDesc, *model;
  llvm::PointerType *ptr;

  explicit AbiTypes(llvm::LLVMContext &ctx) {
    ptr = llvm::PointerType::getUnqual(ctx);
    auto *i32 = llvm::Type::getInt32Ty(ctx), *i64 = llvm::Type::getInt64Ty(ctx);
    auto *f32 = llvm::Type::getFloatTy(ctx);
    tensorDesc = llvm::StructType::create(
        ctx,
        {ptr, i32, i32, llvm::ArrayType::get(i64, kMaxRank), i64, i32, i32,
         f32, i32},
        "edge_tensor_desc_t");
    model = llvm::StructType::create(
        ctx, {i32, i32, i32, i32, ptr, ptr, ptr, i64, i64, ptr},
        "edge_model_t");
  }
};

llvm::Constant *cString(llvm::Module &module, StringRef text,
                        const Twine &symbol) {
  auto *init = llvm::ConstantDataArray::getString(module.getContext(), text);
  auto *global = new llvm::GlobalVariable(
      module, init->getType(), true, llvm::GlobalValue::PrivateLinkage, init,
      symbol);
  global->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
  return global;
}

llvm::Constant *tensorDescriptors(llvm::Module &module, const AbiTypes &abi,
                                  const std::vector<TensorInfo> &tensors,
                                  const Twine &symbol) {
  llvm::LLVMContext &ctx = module.getContext();
  auto i32 = [&](uint64_t v) {
    return llvm::ConstantInt::get(llvm::Type::getInt32Ty(ctx), v);
  };
  auto i64 = [&](uint64_t v) {
    return llvm::ConstantInt::get(llvm::Type::getInt64Ty(ctx), v);
  };
  std::vector<llvm::Constant *> descs;
  for (auto [i, t] : llvm::enumerate(tensors)) {
    std::vector<llvm::Constant *> dims;
    for (unsigned d = 0; d < kMaxRank; ++d)
      dims.push_back(i64(d < t.shape.size() ? t.shape[d] : 0));
    descs.push_back(llvm::ConstantStruct::get(
        abi.tensorDesc,
        {cString(module, t.name, symbol + "_name" + Twine(i)), i32(t.dtype),
         i32(t.shape.size()),
         llvm::ConstantArray::get(
             llvm::ArrayType::get(llvm::Type::getInt64Ty(ctx), kMaxRank), dims),
         i64(t.bytes), i32(t.align), i32(0),
         llvm::ConstantFP::get(llvm::Type::getFloatTy(ctx), 0.0), i32(0)}));
  }
  if (descs.empty())
    return llvm::ConstantPointerNull::get(abi.ptr);
  auto *type = llvm::ArrayType::get(abi.tensorDesc, descs.size());
  return new llvm::GlobalVariable(module, type, true,
                                  llvm::GlobalValue::PrivateLinkage,
                                  llvm::ConstantArray::get(type, descs), symbol);
}

/// `<name>_run(inputs, outputs, arena)`: unpacks the pointer arrays into the
/// bare-pointer call of the compiled function.
llvm::Function *buildEntry(llvm::Module &module, llvm::Function *compute,
                           const ModelInfo &info, const AbiTypes &abi) {
  llvm::LLVMContext &ctx = module.getContext();
  auto *type = llvm::FunctionType::get(llvm::Type::getInt32Ty(ctx),
                                       {abi.ptr, abi.ptr, abi.ptr}, false);
  auto *entry = llvm::Function::Create(type, llvm::GlobalValue::InternalLinkage,
                                       info.name + "_run", module);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(ctx, "entry", entry));
  std::vector<llvm::Value *> args;
  auto load = [&](llvm::Value *array, unsigned i) {
    llvm::Value *slot = b.CreateConstInBoundsGEP1_32(abi.ptr, array, i);
    return b.CreateLoad(abi.ptr, slot);
  };
  for (unsigned i = 0; i < info.inputs.size(); ++i)
    args.push_back(load(entry->getArg(0), i));
  for (unsigned i = 0; i < info.outputs.size(); ++i)
    args.push_back(load(entry->getArg(1), i));
  args.push_back(entry->getArg(2));
  b.CreateCall(compute, args);
  b.CreateRet(llvm::ConstantInt::get(llvm::Type::getInt32Ty(ctx), 0));
  return entry;
}

void buildModelDescriptor(llvm::Module &module, llvm::Function *entry,
                          const ModelInfo &info, const AbiTypes &abi) {
  llvm::LLVMContext &ctx = module.getContext();
  auto i32 = [&](uint64_t v) {
    return llvm::ConstantInt::get(llvm::Type::getInt32Ty(ctx), v);
  };
  auto i64 = [&](uint64_t v) {
    return llvm::ConstantInt::get(llvm::Type::getInt64Ty(ctx), v);
  };
  auto *init = llvm::ConstantStruct::get(
      abi.model,
      {i32(kAbiVersion), i32(info.inputs.size()), i32(info.outputs.size()),
       i32(info.arenaAlign), cString(module, info.name, "edge.model_name"),
       tensorDescriptors(module, abi, info.inputs, "edge.inputs"),
       tensorDescriptors(module, abi, info.outputs, "edge.outputs"),
       i64(info.arenaBytes), i64(info.weightsBytes), entry});
  auto *model = new llvm::GlobalVariable(module, abi.model, true,
                                         llvm::GlobalValue::ExternalLinkage,
                                         init, info.name + "_model");
  model->setAlignment(llvm::Align(8));
}

LogicalResult optimize(llvm::Module &module, llvm::TargetMachine &machine,
                       unsigned optLevel) {
  if (optLevel == 0)
    return success();
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PipelineTuningOptions tuning;
  tuning.LoopVectorization = optLevel >= 2;
  tuning.SLPVectorization = optLevel >= 2;
  llvm::PassBuilder pb(&machine, tuning);
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::OptimizationLevel level = optLevel == 1   ? llvm::OptimizationLevel::O1
                                  : optLevel == 2 ? llvm::OptimizationLevel::O2
                                                  : llvm::OptimizationLevel::O3;
  pb.buildPerModuleDefaultPipeline(level).run(module, mam);
  return success();
}

int64_t textBytes(StringRef object) {
  auto file = llvm::object::ObjectFile::createObjectFile(
      llvm::MemoryBufferRef(object, "artifact"));
  if (!file) {
    llvm::consumeError(file.takeError());
    return 0;
  }
  int64_t bytes = 0;
  for (const llvm::object::SectionRef &section : (*file)->sections())
    if (section.isText())
      bytes += section.getSize();
  return bytes;
}

LogicalResult writeFile(StringRef path, StringRef contents, Location loc) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return emitError(loc) << "cannot write " << path << ": " << ec.message();
  os << contents;
  return success();
}

} // namespace

LogicalResult emitArtifacts(ModuleOp module, ModelInfo &info,
                            const TargetDesc &target,
                            const EmitOptions &options) {
  Location loc = module.getLoc();
  auto main = module.lookupSymbol<LLVM::LLVMFuncOp>("main");
  if (!main)
    return emitError(loc) << "the lowered module has no @main";
  if (auto bytes = main->getAttrOfType<IntegerAttr>(kArenaBytesAttr))
    info.arenaBytes = bytes.getInt();
  if (auto bound = main->getAttrOfType<IntegerAttr>(kArenaLowerBoundAttr))
    info.arenaLowerBound = bound.getInt();

  DialectRegistry registry;
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  // The int8 microkernel's sdot/smmla intrinsics (lib/Codegen).
  registerArmNeonDialectTranslation(registry);
  module->getContext()->appendDialectRegistry(registry);

  std::string error;
  auto machine = createTargetMachine(target, options.optLevel, error);
  if (!machine)
    return emitError(loc) << error;

  llvm::LLVMContext llvmContext;
  auto llvmModule = translateModuleToLLVMIR(module, llvmContext, info.name);
  if (!llvmModule)
    return emitError(loc) << "translation to LLVM IR failed";
  llvmModule->setTargetTriple(llvm::Triple(target.triple));
  llvmModule->setDataLayout(machine->createDataLayout());
  if (!target.abi.empty())
    llvmModule->addModuleFlag(llvm::Module::Error, "target-abi",
                              llvm::MDString::get(llvmContext, target.abi));

  // Only <name>_model is exported; everything else is internal to the object.
  llvm::Function *compute = llvmModule->getFunction("main");
  compute->setName(info.name + "_main");
  compute->setLinkage(llvm::GlobalValue::InternalLinkage);
  const llvm::DataLayout &layout = llvmModule->getDataLayout();
  for (llvm::GlobalVariable &global : llvmModule->globals()) {
    if (!global.isConstant() || !global.hasInitializer())
      continue;
    global.setLinkage(llvm::GlobalValue::InternalLinkage);
    global.setSection(kWeightsSection);
    info.weightsBytes += layout.getTypeAllocSize(global.getValueType());
  }

  AbiTypes abi(llvmContext);
  llvm::Function *entry = buildEntry(*llvmModule, compute, info, abi);
  buildModelDescriptor(*llvmModule, entry, info, abi);
  if (llvm::verifyModule(*llvmModule, &llvm::errs()))
    return emitError(loc) << "the generated LLVM IR does not verify";
  if (failed(optimize(*llvmModule, *machine, options.optLevel)))
    return failure();

  std::string base = (options.outputDir + "/" + info.name);
  if (options.kind == EmitKind::LLVMIR) {
    std::string text;
    llvm::raw_string_ostream os(text);
    llvmModule->print(os, nullptr);
    return writeFile(base + ".ll", text, loc);
  }
  llvm::SmallVector<char, 0> buffer;
  {
    llvm::raw_svector_ostream os(buffer);
    llvm::legacy::PassManager pm;
    auto fileType = options.kind == EmitKind::Assembly
                        ? llvm::CodeGenFileType::AssemblyFile
                        : llvm::CodeGenFileType::ObjectFile;
    if (machine->addPassesToEmitFile(pm, os, nullptr, fileType))
      return emitError(loc) << "LLVM cannot emit this file type for "
                            << target.triple;
    pm.run(*llvmModule);
  }
  StringRef bytes(buffer.data(), buffer.size());
  if (options.kind == EmitKind::Assembly)
    return writeFile(base + ".s", bytes, loc);
  info.codeBytes = textBytes(bytes);
  return writeFile(base + ".o", bytes, loc);
}

} // namespace edgecc
