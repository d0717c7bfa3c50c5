// `npm run fonts`: the Noto fonts Forewarn ships for the scripts a device may have no font for
// (Ethiopic, Gurmukhi, Bengali, Gujarati, Devanagari, Arabic and Han), subset to the characters
// the product shows: every locale's strings (locales/<lang>/*.json) and every endonym. Writes
// src/app/fonts/*.woff2, src/app/fonts.css, whose @font-face rules theme.css imports, and the
// fonts' licence, public/fonts/OFL.txt.
// `--check` fails when a locale has a character the shipped fonts lack (run `npm run fonts`).
//
// Why subset by hand: fontsource's files hold a whole script (Ethiopic alone is 198 kB) and, for
// Chinese, 100 slices of a font of 30,000 characters; the notice needs a few hundred. harfbuzz's
// subsetter (subset-font) keeps every glyph the kept characters can shape into, so Indic conjuncts
// and Arabic joining forms survive. The weight axis is kept from 400 to 700, the weights the
// product uses, so one file draws regular and bold.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const OUT_DIR = join(root, 'src/app/fonts');
const CSS = join(root, 'src/app/fonts.css');
// fontsource's files carry no licence in their name table, so the licence ships beside them.
const LICENSE = join(root, 'public/fonts/OFL.txt');
export const FAMILY = 'Forewarn Noto';

/** Each script: the fontsource package and the subsets of it that hold the script. */
export const SCRIPTS = [
  { script: 'Ethiopic', pkg: 'noto-sans-ethiopic', subsets: ['ethiopic'] },
  { script: 'Gurmukhi', pkg: 'noto-sans-gurmukhi', subsets: ['gurmukhi'] },
  { script: 'Bengali', pkg: 'noto-sans-bengali', subsets: ['bengali'] },
  { script: 'Gujarati', pkg: 'noto-sans-gujarati', subsets: ['gujarati'] },
  { script: 'Devanagari', pkg: 'noto-sans-devanagari', subsets: ['devanagari'] },
  { script: 'Arabic', pkg: 'noto-sans-arabic', subsets: ['arabic'] },
  // Chinese comes in numbered slices by frequency; each one the strings touch is subset alone.
  { script: 'Han', pkg: 'noto-sans-sc', subsets: 'numbered' },
];

/** Joiners shape Arabic and Indic text, so they go with the script's letters into its font. */
const JOINERS = [0x200c, 0x200d];
/** Chinese punctuation (、。「」，：？) is in no script of its own. */
const CJK_PUNCTUATION = [
  [0x3000, 0x303f],
  [0xff00, 0xffef],
];

function strings(value, out = []) {
  if (typeof value === 'string') out.push(value);
  else if (value && typeof value === 'object')
    for (const v of Object.values(value)) strings(v, out);
  return out;
}

/** Every character the product shows from its locales: every string of every locale, every endonym. */
export function productText() {
  const index = JSON.parse(readFileSync(join(root, 'locales/index.json'), 'utf8'));
  const chars = new Set();
  const add = (text) => {
    for (const c of text) chars.add(c.codePointAt(0));
  };
  for (const { tag, endonym, name } of index.locales) {
    add(endonym);
    add(name);
    const dir = join(root, 'locales', tag);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')))
      for (const s of strings(JSON.parse(readFileSync(join(dir, file), 'utf8')))) add(s);
  }
  return chars;
}

function parseRanges(text) {
  return text.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(from, 16), parseInt(to ?? from, 16)];
  });
}

const within = (ranges, cp) => ranges.some(([a, b]) => cp >= a && cp <= b);

/** Code points as the shortest unicode-range: runs become U+a-b. */
export function unicodeRange(codePoints) {
  const sorted = [...codePoints].sort((a, b) => a - b);
  const parts = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    const hex = (n) => n.toString(16).toUpperCase().padStart(4, '0');
    parts.push(i === j ? `U+${hex(sorted[i])}` : `U+${hex(sorted[i])}-${hex(sorted[j])}`);
    i = j;
  }
  return parts.join(', ');
}

/** The files to write: each with its source, the characters it keeps and its unicode-range. */
export function plan() {
  const text = productText();
  const files = [];
  for (const { script, pkg, subsets } of SCRIPTS) {
    const dir = dirname(require.resolve(`@fontsource-variable/${pkg}/package.json`));
    const unicode = JSON.parse(readFileSync(join(dir, 'unicode.json'), 'utf8'));
    const names =
      subsets === 'numbered' ? Object.keys(unicode).filter((k) => /^\[\d+\]$/.test(k)) : subsets;
    const ofScript = new RegExp(`\\p{Script_Extensions=${script}}`, 'u');
    const wanted = (cp) =>
      ofScript.test(String.fromCodePoint(cp)) ||
      (script === 'Han' ? within(CJK_PUNCTUATION, cp) : JOINERS.includes(cp));
    for (const subset of names) {
      const ranges = parseRanges(unicode[subset]);
      const keep = [...text].filter((cp) => within(ranges, cp) && wanted(cp));
      // Joiners alone draw nothing: a slice is needed only for the letters in it.
      if (!keep.some((cp) => !JOINERS.includes(cp))) continue;
      const slice = subset.replace(/^\[(\d+)\]$/, '$1');
      files.push({
        script,
        source: join(dir, 'files', `${pkg}-${slice}-wght-normal.woff2`),
        file: subsets === 'numbered' ? `${pkg}-${slice}.woff2` : `${pkg}.woff2`,
        codePoints: keep.sort((a, b) => a - b),
      });
    }
  }
  return files;
}

/** The SIL Open Font License, with each font's copyright line, as the licence asks. */
function licence() {
  const texts = SCRIPTS.map(({ pkg }) =>
    readFileSync(
      join(dirname(require.resolve(`@fontsource-variable/${pkg}/package.json`)), 'LICENSE'),
      'utf8',
    ),
  );
  const copyrights = texts.map((text) => text.split('\n')[0].trim());
  const body = texts[0].split('\n').slice(1).join('\n').trim();
  return `The fonts in Forewarn's assets named noto-sans-*.woff2 are subsets, made by scripts/fonts.mjs,
of these fonts (as published in the @fontsource-variable/noto-sans-* packages):

${SCRIPTS.map(({ pkg }, i) => `${pkg}: ${copyrights[i]}`).join('\n')}

${body}
`;
}

/** The @font-face rules, formatted as the repository's prettier would, so --check can compare. */
async function css(files) {
  const faces = files.map(
    ({ script, file, codePoints }) => `/* ${script} */
@font-face {
  font-family: '${FAMILY}';
  font-style: normal;
  font-weight: 400 700;
  font-display: swap;
  src: url('./fonts/${file}') format('woff2');
  unicode-range: ${unicodeRange(codePoints)};
}
`,
  );
  const text = `/*
 * Written by \`npm run fonts\` (scripts/fonts.mjs): do not edit. Noto Sans for the scripts a device
 * may have no font for, subset to the characters of every locale and endonym. Each face covers
 * only its characters (unicode-range), so a page downloads a font only when it shows that script.
 * The fonts are under the SIL Open Font License: /fonts/OFL.txt.
 */
${faces.join('\n')}`;
  const prettier = await import('prettier');
  return prettier.format(text, { ...(await prettier.resolveConfig(CSS)), filepath: CSS });
}

async function write() {
  const { default: subsetFont } = await import('subset-font');
  const files = plan();
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  const totals = new Map();
  for (const f of files) {
    const font = await subsetFont(readFileSync(f.source), String.fromCodePoint(...f.codePoints), {
      targetFormat: 'woff2',
      variationAxes: { wght: { min: 400, max: 700 } },
    });
    writeFileSync(join(OUT_DIR, f.file), font);
    const t = totals.get(f.script) ?? { files: 0, bytes: 0, chars: 0 };
    totals.set(f.script, {
      files: t.files + 1,
      bytes: t.bytes + font.length,
      chars: t.chars + f.codePoints.length,
    });
  }
  writeFileSync(CSS, await css(files));
  writeFileSync(LICENSE, licence());
  let all = 0;
  for (const [script, t] of totals) {
    all += t.bytes;
    console.log(
      `${script.padEnd(11)} ${String(t.chars).padStart(4)} characters  ${String(t.files).padStart(2)} file(s)  ${(t.bytes / 1000).toFixed(1).padStart(6)} kB`,
    );
  }
  console.log(`total ${(all / 1000).toFixed(1)} kB woff2 in src/app/fonts/`);
}

/** The shipped CSS must be what the locales need now: same files, same characters. */
async function check() {
  const expected = await css(plan());
  const actual = existsSync(CSS) ? readFileSync(CSS, 'utf8') : '';
  const missing = plan()
    .map((f) => join(OUT_DIR, f.file))
    .filter((file) => !existsSync(file));
  if (!existsSync(LICENSE) || readFileSync(LICENSE, 'utf8') !== licence()) missing.push(LICENSE);
  if (expected !== actual || missing.length) {
    console.error(
      '✖ src/app/fonts.css does not cover the characters the locales use now' +
        (missing.length ? ` (missing or stale: ${missing.join(', ')})` : '') +
        ': run "npm run fonts" and commit the result.',
    );
    process.exit(1);
  }
  console.log('✔ the shipped fonts cover every locale and endonym');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) await check();
  else await write();
}
