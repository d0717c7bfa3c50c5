// `npm test`: everything CI checks, from a fresh clone. Installs dependencies, finds (or, as root
// on Debian, installs) Chromium, then runs each check and reports them all. Exits non-zero if any
// check fails.
import { ensureChromium, ensureDependencies, run } from './lib/setup.mjs';

ensureDependencies();
const chromium = ensureChromium();
const env = {
  ...process.env,
  CHROMIUM_PATH: chromium,
  FORCE_COLOR: process.env.FORCE_COLOR ?? '1',
};

const steps = [
  ['format (prettier)', 'npx', ['prettier', '--check', '.']],
  ['lint (eslint: lit, wc, lit-a11y)', 'npx', ['eslint', '.']],
  ['type-check (tsc)', 'npx', ['tsc', '--noEmit']],
  ['locales complete', 'node', ['scripts/check-locales.mjs']],
  ['custom-elements.json up to date', 'node', ['scripts/cem.mjs', '--check']],
  ['unit and component tests (vitest)', 'npx', ['vitest', 'run']],
  ['build (app and library)', 'npm', ['run', 'build']],
  ['bundle budgets', 'node', ['scripts/check-budgets.mjs']],
  ['end-to-end and axe (playwright)', 'npx', ['playwright', 'test']],
];

const results = [];
for (const [name, command, args] of steps) {
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const status = run(command, args, { env });
  results.push({ name, ok: status === 0, seconds: (Date.now() - started) / 1000 });
  // Later steps test the build; without one they would only repeat the failure.
  if (status !== 0 && name.startsWith('build')) break;
}

console.log('\n━━ summary ━━');
for (const r of results) console.log(`${r.ok ? '✔' : '✖'} ${r.name} (${r.seconds.toFixed(1)} s)`);
const skipped = steps.length - results.length;
if (skipped) console.log(`… ${skipped} step(s) not run because the build failed`);
process.exit(results.every((r) => r.ok) && !skipped ? 0 : 1);
