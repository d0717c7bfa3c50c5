// Fresh-clone set-up shared by `npm start` and `npm test`. Node built-ins only: this runs before
// any dependency is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumCandidates, findChromium } from './chromium.mjs';

export const root = new URL('../..', import.meta.url).pathname;

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

// Setting up (installing, building) writes to stderr, so a command's own stdout stays its
// output: `npm run bench` prints one JSON object.
function mustRun(command, args, options) {
  const status = run(command, args, { stdio: ['inherit', 2, 2], ...options });
  if (status !== 0) {
    console.error(`\n✖ "${command} ${args.join(' ')}" failed with exit code ${status}.`);
    process.exit(status);
  }
}

/** Installs dependencies when node_modules is missing or older than package-lock.json. */
export function ensureDependencies() {
  const installed = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  console.error('• Installing dependencies (npm ci)…');
  mustRun('npm', ['ci', '--no-audit', '--no-fund']);
}

/** Newest modification time of any file below the given paths. */
export function newestMtime(paths) {
  let newest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== 'node_modules') visit(join(path, entry));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const p of paths) visit(join(root, p));
  return newest;
}

/** What `npm run build` reads. */
const BUILD_INPUTS = [
  'components',
  'src',
  'locales',
  'public',
  'index.html',
  'examples',
  'vite.config.ts',
  'tsconfig.lib.json',
  'package-lock.json',
];

/**
 * Files `npm run build` writes: the app's and the library's into dist/, and the examples page's
 * (development and tests only) into .cache/examples/, outside dist/.
 */
const BUILD_OUTPUTS = ['dist/index.html', 'dist/lib/forewarn.js', '.cache/examples/index.html'];

/**
 * The one staleness rule (`npm start`, `npm run bench`, `npm run test:e2e`): the build is stale
 * when any of its outputs is missing or older than its newest input.
 */
export function buildIsStale() {
  const outputs = BUILD_OUTPUTS.map((output) => join(root, output));
  if (!outputs.every((output) => existsSync(output))) return true;
  return Math.min(...outputs.map((o) => statSync(o).mtimeMs)) < newestMtime(BUILD_INPUTS);
}

/** Builds the app, the library and the examples page when the build is stale. */
export function ensureBuild() {
  if (!buildIsStale()) return;
  console.error('• Building (npm run build)…');
  mustRun('npm', ['run', 'build']);
}

/** The browser's own version line, e.g. "Chromium 156.0.8078.114 built on Debian GNU/Linux 12". */
export function chromiumVersion(path) {
  const result = spawnSync(path, ['--version'], { encoding: 'utf8' });
  return result.stdout?.trim() || `unknown (${result.error?.message ?? result.stderr?.trim()})`;
}

/**
 * Finds Chromium: CHROMIUM_PATH, then /usr/bin/chromium. When it is missing and this is root on
 * Debian, installs Debian's chromium package (never a downloaded browser).
 */
export function ensureChromium() {
  let found = findChromium();
  if (!found && process.getuid?.() === 0 && existsSync('/etc/debian_version')) {
    console.error("• Chromium not found: installing Debian's chromium package…");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    mustRun('apt-get', ['update', '-qq'], { env });
    mustRun('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-noto-core'], { env });
    found = findChromium();
  }
  if (!found) {
    console.error(
      `✖ Chromium not found (looked at ${chromiumCandidates().join(', ')}). Install Debian's "chromium" package or set CHROMIUM_PATH.`,
    );
    process.exit(1);
  }
  return found;
}
