// `npm run verify -- FILE`: installs what is missing, then runs the verifier (TypeScript, via tsx).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ensureDependencies, root } from './lib/setup.mjs';

ensureDependencies();
// npm runs scripts from the project root; a file named on the command line is relative to where
// the command was typed.
const files = process.argv
  .slice(2)
  .map((arg) => resolve(process.env.INIT_CWD ?? process.cwd(), arg));
const result = spawnSync('npx', ['tsx', 'scripts/verify-cli.ts', ...files], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 2);
