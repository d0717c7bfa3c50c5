// Where Debian's Chromium is and how to start it. Shared by `npm test`, the test runners and the
// bench; Node built-ins only. Tests never download a browser of their own.
import { existsSync } from 'node:fs';

/** Flags that keep Chromium quiet on a closed network and a machine with no GPU. */
export const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** @returns {string[]} the places Chromium is looked for, in order: CHROMIUM_PATH, then /usr/bin/chromium */
export function chromiumCandidates() {
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].filter(
    (p) => typeof p === 'string' && p !== '',
  );
}

/** @returns {string | undefined} */
export function findChromium() {
  return chromiumCandidates().find((p) => existsSync(p));
}

/** @returns {{ executablePath: string, args: string[] }} Playwright launch options for Debian's Chromium. */
export function chromiumLaunchOptions() {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error(
      `Chromium not found (looked at ${chromiumCandidates().join(', ')}). Run "npm test", which installs Debian's chromium, or set CHROMIUM_PATH.`,
    );
  }
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  return { executablePath, args: [...CHROMIUM_ARGS, ...(root ? ['--no-sandbox'] : [])] };
}
