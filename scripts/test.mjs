// `npm test`: everything CI checks, from a fresh clone. Installs dependencies, finds (or, as root
// on Debian, installs) Chromium and PostgreSQL, starts a throwaway PostgreSQL cluster on loopback
// for the storage and API tests' second run, then runs each check and reports them all. Exits
// non-zero if any check fails, and if PostgreSQL cannot start: it is never skipped.
import { startCluster } from './lib/pg.mjs';
import { chromiumVersion, ensureChromium, ensureDependencies, run } from './lib/setup.mjs';

const began = Date.now();
ensureDependencies();
const chromium = ensureChromium();
const browser = chromiumVersion(chromium);
console.log(`Chromium: ${browser} (${chromium})`);
const env = {
  ...process.env,
  CHROMIUM_PATH: chromium,
  FORCE_COLOR: process.env.FORCE_COLOR ?? '1',
};

const results = [];
console.log('\n━━ PostgreSQL for the storage and API tests ━━');
let postgres;
if (env.TEST_DATABASE_URL) {
  console.log(`Using TEST_DATABASE_URL (${new URL(env.TEST_DATABASE_URL).host}).`);
} else {
  const started = Date.now();
  try {
    postgres = await startCluster({ fast: true });
    env.TEST_DATABASE_URL = postgres.url;
    console.log(`A throwaway cluster is listening on 127.0.0.1:${postgres.port}.`);
  } catch (error) {
    console.error(`✖ ${error.message}`);
  }
  results.push({
    name: 'PostgreSQL started (a throwaway cluster on loopback)',
    ok: Boolean(postgres),
    seconds: (Date.now() - started) / 1000,
  });
}

const steps = [
  ['format (prettier)', 'npx', ['prettier', '--check', '.']],
  ['lint (eslint: lit, wc, lit-a11y)', 'npx', ['eslint', '.']],
  ['type-check (tsc)', 'npx', ['tsc', '--noEmit']],
  ['locales complete', 'node', ['--import', 'tsx', 'scripts/check-locales.mjs']],
  ['custom-elements.json up to date', 'node', ['scripts/cem.mjs', '--check']],
  ['shipped fonts cover every locale', 'node', ['scripts/fonts.mjs', '--check']],
  [
    'unit, component, and storage and API tests on SQLite and PostgreSQL (vitest)',
    'npx',
    ['vitest', 'run'],
  ],
  ['build (app and library)', 'npm', ['run', 'build']],
  ['bundle budgets', 'node', ['scripts/check-budgets.mjs']],
  ['end-to-end and axe (playwright)', 'npx', ['playwright', 'test']],
];

let ran = 0;
for (const [name, command, args] of steps) {
  ran++;
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const status = run(command, args, { env });
  results.push({ name, ok: status === 0, seconds: (Date.now() - started) / 1000 });
  // Later steps test the build; without one they would only repeat the failure.
  if (status !== 0 && name.startsWith('build')) break;
}

postgres?.remove();
console.log('\n━━ summary ━━');
console.log(`Chromium: ${browser}`);
for (const r of results) console.log(`${r.ok ? '✔' : '✖'} ${r.name} (${r.seconds.toFixed(1)} s)`);
console.log(`Total: ${((Date.now() - began) / 1000).toFixed(1)} s`);
const skipped = steps.length - ran;
if (skipped) console.log(`… ${skipped} step(s) not run because the build failed`);
process.exit(results.every((r) => r.ok) && !skipped ? 0 : 1);
