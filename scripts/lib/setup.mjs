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

const BUILD_INPUTS = [
  'components',
  'src',
  'locales',
  'public',
  'index.html',
  'vite.config.ts',
  'package-lock.json',
];

/** Builds the app and the library when any input is newer than the last build. */
export function ensureBuild() {
  const stamp = join(root, 'dist', 'index.html');
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  if (built && built >= newestMtime(BUILD_INPUTS)) return;
  console.error('• Building (npm run build)…');
  mustRun('npm', ['run', 'build']);
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
