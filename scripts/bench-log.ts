// Part of `npm run bench`: the log's bulk figures in Node, on 10,000 signed events made with the
// test key. Prints one JSON object.
import { performance } from 'node:perf_hooks';
import { toCsv } from '../src/log/csv.js';
import { verifyBundle } from '../src/log/verify.js';
import { makeBundle, makeChain, testKeys } from '../test/log-fixtures.js';

const COUNT = 10_000;
const RUNS = 5;

const keys = await testKeys();
const events = await makeChain(COUNT, keys);
const bundle = await makeBundle(events, keys);

function best(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    best: Math.round(sorted[0]!),
    median: Math.round(sorted[Math.floor(sorted.length / 2)]!),
    runs: times.length,
  };
}

const csvTimes: number[] = [];
let csvBytes = 0;
for (let i = 0; i < RUNS; i++) {
  const start = performance.now();
  csvBytes = toCsv(events).length;
  csvTimes.push(performance.now() - start);
}

const verifyTimes: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const start = performance.now();
  const result = await verifyBundle(bundle);
  verifyTimes.push(performance.now() - start);
  if (!result.ok) throw new Error(`The bench chain did not verify: ${result.message}`);
}

console.log(
  JSON.stringify({
    events: COUNT,
    exportCsvMs: { ...best(csvTimes), characters: csvBytes },
    verifyChainMs: best(verifyTimes),
  }),
);
