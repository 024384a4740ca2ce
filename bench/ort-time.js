#!/usr/bin/env node
// Times one model in ONNX Runtime (onnxruntime-node) for bench/host-vs-ort.sh: creates a session
// the way ORT is deployed on one core (all graph optimisations, one intra- and one inter-op thread,
// sequential execution), runs WARMUP untimed runs, then RUNS timed ones, and prints one line:
//   <nanoseconds per run> <sum of |outputs|>
// The inputs follow bench/harness/bench_io.h (float32 element i = ((i*37+11) % 257 - 128) /
// 128, other types zero), so edgecc's harness and ORT compute on identical values and the sums of
// the two can be compared.
//
// Usage: node bench/ort-time.js MODEL.onnx RUNS [WARMUP]
// onnxruntime-node is taken from EDGECC_ORT_DIR or the project-local install in .deps/ort, as in
// scripts/ort-reference.js.
'use strict';

const path = require('path');

function fail(message) {
  process.stderr.write(`ort-time: ${message}\n`);
  process.exit(1);
}

const ortDir = process.env.EDGECC_ORT_DIR ||
    path.join(__dirname, '..', '.deps', 'ort', 'node_modules', 'onnxruntime-node');
let ort;
try {
  ort = require(ortDir);
} catch (e) {
  fail(`cannot load onnxruntime-node from ${ortDir}: ${e.message}`);
}

const ARRAY_TYPES = {float32: Float32Array, int64: BigInt64Array, int32: Int32Array,
                     int8: Int8Array, uint8: Uint8Array, bool: Uint8Array};

function benchInput(meta) {
  if (!meta.isTensor || meta.shape.some((d) => typeof d !== 'number')) {
    fail(`input ${meta.name} has no static tensor shape`);
  }
  const ArrayType = ARRAY_TYPES[meta.type];
  if (!ArrayType) fail(`input ${meta.name}: unsupported type ${meta.type}`);
  const count = meta.shape.reduce((a, b) => a * b, 1);
  const data = new ArrayType(count);
  if (meta.type === 'float32') {
    for (let i = 0; i < count; ++i) data[i] = (((i * 37 + 11) % 257) - 128) / 128;
  }
  return new ort.Tensor(meta.type, data, meta.shape);
}

async function main() {
  const [modelPath, runsArg, warmupArg] = process.argv.slice(2);
  const runs = Number(runsArg), warmup = Number(warmupArg ?? 5);
  if (!modelPath || !(runs > 0) || !(warmup >= 0)) fail('usage: node bench/ort-time.js MODEL.onnx RUNS [WARMUP]');

  const session = await ort.InferenceSession.create(modelPath, {
    graphOptimizationLevel: 'all',
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
  });
  const feeds = {};
  for (const meta of session.inputMetadata) feeds[meta.name] = benchInput(meta);

  let results;
  for (let i = 0; i < warmup; ++i) results = await session.run(feeds);
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; ++i) results = await session.run(feeds);
  const elapsed = process.hrtime.bigint() - start;

  let sum = 0;
  for (const name of session.outputNames) {
    for (const v of results[name].data) sum += Math.abs(Number(v));
  }
  console.log(`${Number(elapsed) / runs} ${sum}`);
  await session.release();
}

main().catch((e) => fail(e && e.message ? e.message : e));
