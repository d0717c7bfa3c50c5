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

/**
 * Where Debian's Chromium is: CHROMIUM_PATH, then /usr/bin/chromium. `npm test` installs it when
 * it is missing; tests never download a browser of their own.
 */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `Chromium not found (looked at ${candidates.join(', ')}). Run "npm test", which installs Debian's chromium, or set CHROMIUM_PATH.`,
    );
  }
  return found;
}

export function chromiumLaunchOptions() {
  return {
    executablePath: chromiumPath(),
    args: [...CHROMIUM_ARGS, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
  };
}
