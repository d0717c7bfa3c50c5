// Fails when custom-elements.json no longer matches the components' JSDoc: run "npm run cem".
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
// The analyzer joins --outdir onto the working directory, so it must be relative.
const outdir = '.cache/cem-check';
rmSync(join(root, outdir), { recursive: true, force: true });
const result = spawnSync(
  'npx',
  [
    'cem',
    'analyze',
    '--litelement',
    '--config',
    'custom-elements-manifest.config.mjs',
    '--outdir',
    outdir,
    '--quiet',
  ],
  { cwd: root, stdio: 'inherit' },
);
if (result.status !== 0) process.exit(result.status ?? 1);
const fresh = readFileSync(join(root, outdir, 'custom-elements.json'), 'utf8');
let committed = '';
try {
  committed = readFileSync(join(root, 'custom-elements.json'), 'utf8');
} catch {
  // Missing counts as stale.
}
if (fresh.trim() !== committed.trim()) {
  console.error('✖ custom-elements.json is stale: run "npm run cem" and commit the result.');
  process.exit(1);
}
console.log('✔ custom-elements.json matches the components.');
