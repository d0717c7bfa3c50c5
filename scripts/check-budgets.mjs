// Bundle-size budgets from DESIGN.md, checked on every `npm test` because they are deterministic.
// Timing budgets are measured by `npm run bench`, never asserted in a test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstPaintFiles, gzipBytes } from './lib/bundle.mjs';

const dist = new URL('../dist', import.meta.url).pathname;
const KIOSK_FIRST_PAINT_JS_GZIP = 40 * 1000;

const { js } = firstPaintFiles(dist);
const sizes = js.map((file) => ({ file, gzip: gzipBytes(join(dist, file)) }));
const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
const failures = [];

console.log('Kiosk JavaScript before first paint (gzip):');
for (const s of sizes) console.log(`  ${s.file}  ${(s.gzip / 1000).toFixed(1)} kB`);
console.log(
  `  total ${(total / 1000).toFixed(1)} kB (budget ${KIOSK_FIRST_PAINT_JS_GZIP / 1000} kB)`,
);
if (total > KIOSK_FIRST_PAINT_JS_GZIP)
  failures.push(`first-paint JS is ${total} bytes gzip, over ${KIOSK_FIRST_PAINT_JS_GZIP}`);

// Tone.js must load after first paint: none of its code may be in the first-paint files.
for (const file of js) {
  if (/ToneAudioNode|Tone\.js/.test(readFileSync(join(dist, file), 'utf8'))) {
    failures.push(`${file} contains Tone.js, which must load lazily`);
  }
}

if (failures.length) {
  for (const f of failures) console.error(`✖ ${f}`);
  process.exit(1);
}
console.log('✔ bundle budgets met');
