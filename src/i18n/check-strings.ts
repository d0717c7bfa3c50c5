/**
 * The rules a locale's strings must keep, against the source locale's (en-GB), in one place:
 * `npm test` (scripts/check-locales.mjs) applies them to every file in locales/, and the content
 * library to a translation imported through /review/content, in the page and on the server.
 *
 * - exactly the source's keys, plurals excepted;
 * - plural keys with exactly the categories Intl.PluralRules gives for the tag;
 * - every {{placeholder}} of the English string kept, and none invented;
 * - no empty value, and no markup (a string is shown as text, never as HTML);
 * - no translated value byte-identical to the English one, unless allow-listed.
 *
 * Each problem is a sentence naming `namespace:key`.
 */

/** Values that may stay byte-identical to English in every locale: names and symbols. */
const SAME_AS_ENGLISH = new Set(['Forewarn']);

const PLURAL_SUFFIXES = ['zero', 'one', 'two', 'few', 'many', 'other'];
const PLURAL_KEY = new RegExp(`^(.+)_(${PLURAL_SUFFIXES.join('|')})$`);
// `{{name}}` and formatted `{{name, number}}`: the name is what must match.
const PLACEHOLDER = /\{\{\s*([^},\s]+)\s*(?:,[^}]*)?\}\}/g;
const HTML_TAG = /<\/?[a-z][^>]*>/i;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Nested objects as dotted keys; values that are neither string nor object are kept. */
export function flatten(
  object: Record<string, unknown>,
  prefix = '',
  out = new Map<string, unknown>(),
): Map<string, unknown> {
  for (const [key, value] of Object.entries(object)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isObject(value)) flatten(value, path, out);
    else out.set(path, value);
  }
  return out;
}

const placeholders = (text: string) => new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!));

/** The source's keys: plain ones, and plural groups (base → category → text). */
interface Source {
  plain: Map<string, unknown>;
  plurals: Map<string, Map<string, unknown>>;
}

function describeSource(data: Record<string, unknown>): Source {
  const plain = new Map<string, unknown>();
  const plurals = new Map<string, Map<string, unknown>>();
  for (const [key, value] of flatten(data)) {
    const m = PLURAL_KEY.exec(key);
    if (m) {
      if (!plurals.has(m[1]!)) plurals.set(m[1]!, new Map());
      plurals.get(m[1]!)!.set(m[2]!, value);
    } else plain.set(key, value);
  }
  return { plain, plurals };
}

function checkValue(
  where: string,
  value: unknown,
  english: unknown,
  isSource: boolean,
  problems: string[],
): void {
  if (typeof value !== 'string') {
    problems.push(
      `${where} should be a string, found ${Array.isArray(value) ? 'array' : typeof value}`,
    );
    return;
  }
  if (value.trim() === '') {
    problems.push(`${where} is empty`);
    return;
  }
  if (HTML_TAG.test(value)) problems.push(`${where} contains HTML: ${JSON.stringify(value)}`);
  if (isSource || typeof english !== 'string') return;
  const want = placeholders(english);
  const have = placeholders(value);
  for (const name of want)
    if (!have.has(name)) problems.push(`${where} lost the placeholder {{${name}}}`);
  for (const name of have)
    if (!want.has(name)) problems.push(`${where} has {{${name}}}, which the English does not`);
  if (value === english && !SAME_AS_ENGLISH.has(value))
    problems.push(`${where} is identical to English: ${JSON.stringify(value)}`);
}

/**
 * Checks one namespace of strings for a locale against the source locale's. `isSource` checks the
 * source itself (no comparison with English). Returns the problems, none if it may be used.
 */
export function checkStrings(
  tag: string,
  ns: string,
  data: unknown,
  sourceData: Record<string, unknown>,
  isSource = false,
): string[] {
  const problems: string[] = [];
  if (!isObject(data)) return [`${ns}.json is not a JSON object`];
  let categories: Intl.LDMLPluralRule[];
  try {
    categories = new Intl.PluralRules(tag).resolvedOptions().pluralCategories;
  } catch (error) {
    return [`Intl.PluralRules rejects the tag: ${(error as Error).message}`];
  }
  const source = describeSource(sourceData);
  const flat = flatten(data);
  const seen = new Set<string>();

  for (const [key, english] of source.plain) {
    seen.add(key);
    if (!flat.has(key)) problems.push(`${ns}:${key} is missing`);
    else checkValue(`${ns}:${key}`, flat.get(key), english, isSource, problems);
  }
  for (const [base, forms] of source.plurals) {
    const english = forms.get('other') ?? [...forms.values()][0];
    for (const category of categories) {
      const key = `${base}_${category}`;
      seen.add(key);
      if (!flat.has(key)) problems.push(`${ns}:${key} is missing (plural category "${category}")`);
      else
        checkValue(
          `${ns}:${key}`,
          flat.get(key),
          forms.get(category) ?? english,
          isSource,
          problems,
        );
    }
  }
  for (const key of flat.keys()) {
    if (seen.has(key)) continue;
    const m = PLURAL_KEY.exec(key);
    if (m && source.plurals.has(m[1]!))
      problems.push(
        `${ns}:${key} is a plural category "${m[2]}" that ${tag} does not have ` +
          `(it has: ${categories.join(', ')})`,
      );
    else problems.push(`${ns}:${key} is not in ${ns}.json of the source locale`);
  }
  return problems;
}
