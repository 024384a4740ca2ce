#!/usr/bin/env node
// Runs an ONNX model with ONNX Runtime (onnxruntime-node) to produce reference outputs for edgecc's
// tests. Tensors travel as raw little-endian binary files described by JSON, so callers in any
// language (the Python test-case writer, shell scripts) need no ORT bindings of their own.
//
// Usage: node scripts/ort-reference.js MODEL.onnx REQUEST.json
//
// REQUEST.json:
//   { "inputs": [ { "name": "x", "dtype": "float32", "dims": [4, 64], "path": "x.bin" }, ... ],
//     "output_dir": "out" }
// Writes OUTPUT_DIR/outputs.json:
//   { "outputs": [ { "name": "y", "dtype": "float32", "dims": [4, 32], "path": "output_0.bin" }, ... ] }
// in the session's output order. Relative paths in either file are relative to that JSON file's
// own directory. dtype strings are ORT's ("float32", "int64", "bool", ...); bool is one byte per
// element, float16 is raw IEEE half bits.
//
// onnxruntime-node is looked up in EDGECC_ORT_DIR if set, else in the project-local install made
// by scripts/setup.sh.
'use strict';

const fs = require('fs');
const path = require('path');

// Typed-array constructor for each ORT dtype we exchange as raw bytes. float16 stays as raw bits
// (Uint16Array) because Node 20 has no Float16Array and bit-exactness is what we want anyway.
const ARRAY_TYPES = {
  float32: Float32Array,
  float64: Float64Array,
  float16: Uint16Array,
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int64: BigInt64Array,
  uint64: BigUint64Array,
  bool: Uint8Array,
};

function fail(message) {
  process.stderr.write(`ort-reference: ${String(message).split('\n')[0]}\n`);
  process.exit(1);
}

function loadOrt() {
  const dir = process.env.EDGECC_ORT_DIR ||
      path.join(__dirname, '..', '.deps', 'ort', 'node_modules', 'onnxruntime-node');
  try {
    return require(dir);
  } catch (e) {
    fail(`cannot load onnxruntime-node from ${dir} (run scripts/setup.sh or set EDGECC_ORT_DIR): ${e.message}`);
  }
}

function resolveFrom(jsonFile, p) {
  return path.isAbsolute(p) ? p : path.join(path.dirname(jsonFile), p);
}

function readInput(ort, requestFile, spec) {
  for (const key of ['name', 'dtype', 'dims', 'path']) {
    if (spec[key] === undefined) fail(`input entry is missing "${key}"`);
  }
  const ArrayType = ARRAY_TYPES[spec.dtype];
  if (!ArrayType) fail(`input ${spec.name}: unsupported dtype "${spec.dtype}"`);
  const bytes = fs.readFileSync(resolveFrom(requestFile, spec.path));
  const count = spec.dims.reduce((a, b) => a * b, 1);
  if (bytes.length !== count * ArrayType.BYTES_PER_ELEMENT) {
    fail(`input ${spec.name}: file has ${bytes.length} bytes, dims [${spec.dims}] of ${spec.dtype} need ` +
         `${count * ArrayType.BYTES_PER_ELEMENT}`);
  }
  // Copy into a fresh ArrayBuffer: a Buffer's byteOffset into Node's pool is not necessarily
  // aligned to the element size, which typed-array views require.
  const buffer = new ArrayBuffer(bytes.length);
  new Uint8Array(buffer).set(bytes);
  return new ort.Tensor(spec.dtype, new ArrayType(buffer), spec.dims);
}

function tensorBytes(name, tensor) {
  const data = tensor.data;
  if (!ArrayBuffer.isView(data)) fail(`output ${name}: dtype "${tensor.type}" is not supported`);
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

async function main() {
  const args = process.argv.slice(2);
  if (args.length !== 2) fail('usage: node scripts/ort-reference.js MODEL.onnx REQUEST.json');
  const [modelPath, requestFile] = args;

  let request;
  try {
    request = JSON.parse(fs.readFileSync(requestFile, 'utf8'));
  } catch (e) {
    fail(`cannot read request ${requestFile}: ${e.message}`);
  }
  if (!Array.isArray(request.inputs) || typeof request.output_dir !== 'string') {
    fail(`${requestFile}: expected {"inputs": [...], "output_dir": "..."}`);
  }

  const ort = loadOrt();
  const feeds = {};
  for (const spec of request.inputs) feeds[spec.name] = readInput(ort, requestFile, spec);

  // Full graph optimisation matches how ORT is normally deployed; one intra-op thread keeps the
  // reduction order (and so the float rounding) the same from run to run.
  const session = await ort.InferenceSession.create(modelPath, {
    graphOptimizationLevel: 'all',
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  });
  const results = await session.run(feeds);

  const outDir = resolveFrom(requestFile, request.output_dir);
  fs.mkdirSync(outDir, { recursive: true });
  const index = { outputs: [] };
  session.outputNames.forEach((name, k) => {
    const tensor = results[name];
    const file = `output_${k}.bin`;
    fs.writeFileSync(path.join(outDir, file), tensorBytes(name, tensor));
    index.outputs.push({ name, dtype: tensor.type, dims: Array.from(tensor.dims), path: file });
  });
  fs.writeFileSync(path.join(outDir, 'outputs.json'), JSON.stringify(index, null, 2) + '\n');
  await session.release();
}

main().catch((e) => fail(e && e.message ? e.message : e));
