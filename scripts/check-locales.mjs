// Checks every locale listed in locales/index.json against the source locale (en-GB), for every
// namespace: the file exists and parses; it has exactly the source's keys (plurals excepted);
// plural keys carry exactly the categories Intl.PluralRules gives for the tag; every {{placeholder}}
// of the English string is kept (and none invented); no value is empty; and no translated value is
// byte-identical to the English one unless allow-listed below. Exits 1 on any problem.
// Node built-ins only.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const localesDir = join(root, 'locales');

/** Values that may stay byte-identical to English in every locale: names and symbols. */
const SAME_AS_ENGLISH = new Set(['Forewarn']);

const PLURAL_SUFFIXES = ['zero', 'one', 'two', 'few', 'many', 'other'];
const PLURAL_KEY = new RegExp(`^(.+)_(${PLURAL_SUFFIXES.join('|')})$`);
// `{{name}}` and formatted `{{name, number}}`: the name is what must match.
const PLACEHOLDER = /\{\{\s*([^},\s]+)\s*(?:,[^}]*)?\}\}/g;
const HTML_TAG = /<\/?[a-z][^>]*>/i;

const problems = new Map(); // tag -> string[]
function problem(tag, message) {
  if (!problems.has(tag)) problems.set(tag, []);
  problems.get(tag).push(message);
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Flattens nested objects to dotted keys; values that are neither string nor object are kept. */
function flatten(object, prefix = '', out = new Map()) {
  for (const [key, value] of Object.entries(object)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isObject(value)) flatten(value, path, out);
    else out.set(path, value);
  }
  return out;
}

function placeholders(text) {
  return new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]));
}

function pluralCategories(tag) {
  return new Intl.PluralRules(tag).resolvedOptions().pluralCategories;
}

/** Splits the source's flat keys into plain keys and plural groups (base -> {category: text}). */
function describeSource(flat) {
  const plain = new Map();
  const plurals = new Map();
  for (const [key, value] of flat) {
    const m = key.match(PLURAL_KEY);
    if (m) {
      if (!plurals.has(m[1])) plurals.set(m[1], new Map());
      plurals.get(m[1]).set(m[2], value);
    } else plain.set(key, value);
  }
  return { plain, plurals };
}

function checkValue(tag, ns, key, value, english, isSource) {
  const where = `${ns}:${key}`;
  if (typeof value !== 'string') {
    problem(
      tag,
      `${where} should be a string, found ${Array.isArray(value) ? 'array' : typeof value}`,
    );
    return;
  }
  if (value.trim() === '') {
    problem(tag, `${where} is empty`);
    return;
  }
  if (HTML_TAG.test(value)) problem(tag, `${where} contains HTML: ${JSON.stringify(value)}`);
  if (isSource || typeof english !== 'string') return;
  const want = placeholders(english);
  const have = placeholders(value);
  for (const name of want) {
    if (!have.has(name)) problem(tag, `${where} lost the placeholder {{${name}}}`);
  }
  for (const name of have) {
    if (!want.has(name)) problem(tag, `${where} has {{${name}}}, which the English does not`);
  }
  if (value === english && !SAME_AS_ENGLISH.has(value)) {
    problem(tag, `${where} is identical to English: ${JSON.stringify(value)}`);
  }
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
  if (!isObject(data)) {
    problem(tag, `${ns}.json is not a JSON object`);
    return;
  }

  let categories;
  try {
    categories = pluralCategories(tag);
  } catch (error) {
    problem(tag, `Intl.PluralRules rejects the tag: ${error.message}`);
    return;
  }

  const flat = flatten(data);
  const seen = new Set();

  for (const [key, english] of source.plain) {
    seen.add(key);
    if (!flat.has(key)) problem(tag, `${ns}:${key} is missing`);
    else checkValue(tag, ns, key, flat.get(key), english, isSource);
  }

  for (const [base, forms] of source.plurals) {
    const english = forms.get('other') ?? [...forms.values()][0];
    for (const category of categories) {
      const key = `${base}_${category}`;
      seen.add(key);
      if (!flat.has(key)) problem(tag, `${ns}:${key} is missing (plural category "${category}")`);
      else checkValue(tag, ns, key, flat.get(key), forms.get(category) ?? english, isSource);
    }
  }

  for (const key of flat.keys()) {
    if (seen.has(key)) continue;
    const m = key.match(PLURAL_KEY);
    if (m && source.plurals.has(m[1])) {
      problem(
        tag,
        `${ns}:${key} is a plural category "${m[2]}" that ${tag} does not have ` +
          `(it has: ${categories.join(', ')})`,
      );
    } else problem(tag, `${ns}:${key} is not in ${ns}.json of the source locale`);
  }
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
    sources.set(ns, describeSource(flatten(readJson(join(localesDir, sourceTag, `${ns}.json`)))));
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
