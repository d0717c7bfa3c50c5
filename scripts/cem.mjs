// Generates custom-elements.json from the components' JSDoc (`npm run cem`), or with --check
// fails when the committed file is stale (run by `npm test`). The analyzer lists modules in the
// order its file search happens to finish, so they are sorted by path to make the file stable.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const target = join(root, 'custom-elements.json');
// The analyzer joins --outdir onto the working directory, so it must be relative.
const outdir = '.cache/cem';

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

const manifest = JSON.parse(readFileSync(join(root, outdir, 'custom-elements.json'), 'utf8'));
manifest.modules.sort((a, b) => a.path.localeCompare(b.path));
const fresh = `${JSON.stringify(manifest, null, 2)}\n`;

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // Missing counts as stale.
  }
  if (fresh !== committed) {
    console.error('✖ custom-elements.json is stale: run "npm run cem" and commit the result.');
    process.exit(1);
  }
  console.log('✔ custom-elements.json matches the components.');
} else {
  writeFileSync(target, fresh);
  console.log('Wrote custom-elements.json');
}
