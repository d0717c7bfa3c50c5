// Checks every locale listed in locales/index.json against the source locale (en-GB), for every
// namespace: the file exists and parses, and keeps the rules in src/i18n/check-strings.ts (the
// content library applies the same rules to an imported translation). Exits 1 on any problem.
// Run with tsx (npm test does), which reads the rules' TypeScript.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkStrings } from '../src/i18n/check-strings.ts';

const root = new URL('..', import.meta.url).pathname;
const localesDir = join(root, 'locales');

const problems = new Map(); // tag -> string[]
function problem(tag, message) {
  if (!problems.has(tag)) problems.set(tag, []);
  problems.get(tag).push(message);
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function checkNamespace(tag, ns, source, isSource) {
  const path = join(localesDir, tag, `${ns}.json`);
  if (!existsSync(path)) {
    problem(tag, `${ns}.json is missing (${path})`);
    return;
  }
  let data;
  try {
    data = readJson(path);
  } catch (error) {
    problem(tag, `${ns}.json does not parse: ${error.message}`);
    return;
  }
  for (const message of checkStrings(tag, ns, data, source, isSource)) problem(tag, message);
}

// --- main ---

let index;
try {
  index = readJson(join(localesDir, 'index.json'));
} catch (error) {
  console.error(`✖ locales/index.json: ${error.message}`);
  process.exit(1);
}

const sourceTag = index.source;
const namespaces = index.namespaces ?? [];
const tags = (index.locales ?? []).map((l) => l.tag);

if (!sourceTag || !tags.includes(sourceTag))
  problem('index.json', `source "${sourceTag}" is not listed`);
if (namespaces.length === 0) problem('index.json', 'lists no namespaces');
for (const tag of new Set(tags.filter((t, i) => tags.indexOf(t) !== i))) {
  problem('index.json', `lists "${tag}" more than once`);
}

const sources = new Map();
for (const ns of namespaces) {
  try {
    sources.set(ns, readJson(join(localesDir, sourceTag, `${ns}.json`)));
  } catch (error) {
    problem(sourceTag, `${ns}.json cannot be read as the source: ${error.message}`);
  }
}

for (const tag of new Set(tags)) {
  for (const [ns, source] of sources) checkNamespace(tag, ns, source, tag === sourceTag);
}

// Directories that look like locales but are not listed: they would never be offered.
const unlisted = readdirSync(localesDir).filter(
  (name) => statSync(join(localesDir, name)).isDirectory() && !tags.includes(name),
);

let total = 0;
for (const tag of ['index.json', ...tags]) {
  const list = problems.get(tag);
  if (!list) continue;
  total += list.length;
  console.log(`✖ ${tag}: ${list.length} problem${list.length === 1 ? '' : 's'}`);
  for (const message of list) console.log(`    - ${message}`);
}
for (const name of unlisted) console.log(`⚠ locales/${name}/ is not listed in index.json`);

const checked = `${new Set(tags).size} locales × ${sources.size} namespaces`;
if (total) {
  console.log(`\n✖ ${total} problem${total === 1 ? '' : 's'} in ${checked}.`);
  process.exit(1);
}
console.log(`✔ ${checked}: all files present, keys, plurals and placeholders complete.`);
