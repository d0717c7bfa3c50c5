// What the kiosk loads before its first paint, read from Vite's build manifest: the entry, the
// kiosk view (main.ts awaits it before rendering) and everything they import statically.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const FIRST_PAINT_ENTRIES = ['index.html', 'src/kiosk/define.ts'];

/** @param {string} dist */
export function readManifest(dist) {
  return JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
}

/**
 * @param {string} dist
 * @returns {{ js: string[], css: string[] }} files (relative to dist) loaded before first paint
 */
export function firstPaintFiles(dist) {
  const manifest = readManifest(dist);
  const seen = new Set();
  const js = [];
  const css = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`Build manifest has no entry "${key}": is the build current?`);
    if (chunk.file.endsWith('.js')) js.push(chunk.file);
    for (const file of chunk.css ?? []) css.add(file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const entry of FIRST_PAINT_ENTRIES) visit(entry);
  return { js, css: [...css] };
}

/** @param {string} file */
export function gzipBytes(file) {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

/** @param {string} file */
export function bytes(file) {
  return statSync(file).size;
}

/**
 * Views that work only with the server (they read or send through its API): the service worker
 * does not precache their code, since a kiosk that is offline could not use them anyway.
 */
export const ONLINE_ONLY_ENTRIES = ['src/review/define.ts', 'src/lab/define.ts'];

/**
 * @param {string} dist
 * @returns {string[]} files (relative to dist) that only the online-only views load: theirs, and
 * their strings in every locale, but nothing the kiosk or the other views also load
 */
export function onlineOnlyFiles(dist) {
  const manifest = readManifest(dist);
  const reach = (entries, stopAt) => {
    const files = new Set();
    const seen = new Set(stopAt);
    const visit = (key) => {
      if (seen.has(key)) return;
      seen.add(key);
      const chunk = manifest[key];
      files.add(chunk.file);
      for (const file of chunk.css ?? []) files.add(file);
      for (const next of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visit(next);
    };
    for (const entry of entries) visit(entry);
    return files;
  };
  const everythingElse = reach(['index.html'], ONLINE_ONLY_ENTRIES);
  return [...reach(ONLINE_ONLY_ENTRIES, [])].filter((file) => !everythingElse.has(file));
}

/**
 * @param {string} dist
 * @returns {{ url: string, bytes: number, gzip: number }[]} what the service worker precaches,
 * read from the manifest injected into dist/sw.js; gzip is the size sent compressed (media as is)
 */
export function precacheFiles(dist) {
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  return [...sw.matchAll(/"url":"([^"]+)"/g)].map(([, url]) => {
    const file = join(dist, url);
    const compressible = /\.(js|css|html|json|webmanifest|svg|vtt|txt)$/.test(url);
    return { url, bytes: bytes(file), gzip: compressible ? gzipBytes(file) : bytes(file) };
  });
}

/** @param {number} n bytes, as the bench reports them: "39.9 kB" */
export function kB(n) {
  return `${(n / 1000).toFixed(1)} kB`;
}
