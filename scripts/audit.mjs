// `npm run audit`: the conformance gate's full sweep (every page × every locale × every theme,
// plus every other check in test/conformance/ and scripts/check-locales.mjs), written as
// public/audit/latest.json and public/audit/index.html. The server serves both at /audit/; the
// accessibility statement and the lab read the JSON. Exits non-zero if anything failed, after
// writing the report.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureChromium, ensureDependencies, run } from './lib/setup.mjs';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'public/audit');
const started = Date.now();

ensureDependencies();
const env = { ...process.env, CHROMIUM_PATH: ensureChromium(), FW_SWEEP: 'full' };
if (!process.argv.includes('--no-build') && run('npm', ['run', 'build'], { env }) !== 0) {
  process.exit(1);
}

const jsonFile = join(mkdtempSync(join(tmpdir(), 'fw-audit-')), 'playwright.json');
console.error('Running the full sweep: this takes several minutes.');
spawnSync('npx', ['playwright', 'test', 'test/conformance', '--reporter=json'], {
  cwd: root,
  env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: jsonFile },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const report = JSON.parse(readFileSync(jsonFile, 'utf8'));

const locales = spawnSync('node', ['--import', 'tsx', 'scripts/check-locales.mjs'], {
  cwd: root,
  encoding: 'utf8',
});

/** Every test result in the Playwright JSON report, flattened. */
function* results(suite, file = suite.file) {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests) {
      const last = test.results.at(-1);
      yield {
        file: spec.file ?? file,
        title: spec.title,
        ok: test.status === 'expected' || test.status === 'flaky',
        // eslint-disable-next-line no-control-regex -- terminal colour codes in Playwright's messages
        error: (last?.error?.message ?? '').replace(/\u001b\[[0-9;]*m/g, ''),
        annotations: [...(test.annotations ?? []), ...(last?.annotations ?? [])],
      };
    }
  }
  for (const child of suite.suites ?? []) yield* results(child, child.file ?? file);
}
const all = report.suites.flatMap((s) => [...results(s)]);

// Each check's id is what /accessibility looks up in src/accessibility/problems.ts to describe a
// failure in plain English; the statement never quotes a test's output.
const CHECKS = {
  'keyboard.spec.ts': ['keyboard', 'Keyboard-only walkthroughs of the kiosk, with visible focus'],
  'layout.spec.ts': [
    'layout',
    'Reflow at 320 CSS px, target sizes, and text spacing (WCAG 1.4.10, 2.5.8, 1.4.12)',
  ],
  'aria.spec.ts': ['aria', 'Accessible-tree snapshots of every component fixture'],
  'motion.spec.ts': ['motion', 'Flash analyser for the beacon, and reduced motion'],
  'focus-contrast.spec.ts': [
    'focus-contrast',
    'Text contrast of every focused control, in every theme (WCAG 1.4.3)',
  ],
  'audit report': ['audit-report', 'The previous audit report itself passes axe'],
};

const axeCells = [];
const violations = [];
// One test walks a page in a locale and checks each of its themes in place; it attaches one
// annotation per page × locale × theme, which is a cell of the report.
for (const r of all.filter((r) => r.file.endsWith('axe.spec.ts'))) {
  const match = r.title.match(/^axe: (\S+), (\S+), (.+)$/);
  if (!match) continue; // the audit report's own check, below
  const [, page, locale, themes] = match;
  const cells = r.annotations.filter((a) => a.type === 'axe').map((a) => JSON.parse(a.description));
  for (const cell of cells) {
    axeCells.push({
      page,
      locale,
      theme: cell.theme,
      ok: cell.found.length === 0,
      passes: cell.passes,
    });
    for (const v of cell.found) {
      for (const target of v.targets) {
        violations.push({
          rule: v.rule,
          impact: v.impact,
          help: v.help,
          page,
          locale,
          theme: cell.theme,
          state: v.state,
          target,
        });
      }
    }
  }
  // A walk that failed before it could attach its cells (a timeout, a page that would not open).
  if (!cells.length && !r.ok) {
    for (const theme of themes.split(' + ')) {
      axeCells.push({ page, locale, theme, ok: false, passes: 0 });
      violations.push({
        rule: 'did-not-run',
        impact: 'unknown',
        help: r.error.split('\n')[0],
        page,
        locale,
        theme,
        state: '',
        target: '',
      });
    }
  }
}

const checks = Object.entries(CHECKS).map(([file, [id, name]]) => {
  const mine = all.filter((r) =>
    file === 'audit report' ? r.title.startsWith('the audit report') : r.file.endsWith(file),
  );
  const failed = mine.filter((r) => !r.ok);
  return {
    id,
    name,
    passed: mine.length > 0 && failed.length === 0,
    tests: mine.length,
    failed: failed.length,
    failures: failed.map(
      (r) => `${r.title}: ${r.error.split('\n').slice(0, 6).join(' ').slice(0, 400)}`,
    ),
  };
});
checks.push({
  id: 'locales',
  name: 'No locale leaves a string in English by mistake (scripts/check-locales.mjs)',
  passed: locales.status === 0,
  tests: 1,
  failed: locales.status === 0 ? 0 : 1,
  failures: locales.status === 0 ? [] : [locales.stdout.trim().slice(0, 2000)],
});

const unique = (key) => [...new Set(axeCells.map((c) => c[key]))];
const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
const dirty =
  execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
    cwd: root,
    encoding: 'utf8',
  }).trim() !== '';
const latest = {
  ranAt: new Date().toISOString(),
  commit,
  uncommittedChanges: dirty,
  durationS: Math.round((Date.now() - started) / 1000),
  sweep: {
    pages: unique('page'),
    locales: unique('locale'),
    themes: unique('theme'),
    cells: axeCells.length,
    full: true,
  },
  axe: {
    tags: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'],
    cells: axeCells.length,
    passed: axeCells.filter((c) => c.ok).length,
    failed: axeCells.filter((c) => !c.ok).length,
    rulePasses: axeCells.reduce((n, c) => n + c.passes, 0),
    violations,
  },
  checks,
};
writeFileSync(join(out, 'latest.json'), `${JSON.stringify(latest, null, 2)}\n`);

// --- the HTML report: static, no script, styled only by the linked audit.css (CSP style-src 'self')
const esc = (s) =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );
const { sweep, axe } = latest;
const size = `${sweep.pages.length} pages × ${sweep.locales.length} locales × ${sweep.themes.length} themes = ${sweep.cells}`;
const when = new Date(latest.ranAt).toUTCString();
const html = `<!doctype html>
<html lang="en-GB">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Forewarn accessibility audit, ${esc(latest.ranAt.slice(0, 10))}</title>
    <link rel="stylesheet" href="audit.css" />
  </head>
  <body>
    <a class="skip-link" href="#main">Skip to the results</a>
    <main id="main">
      <h1>Forewarn accessibility audit</h1>
      <p>The full conformance sweep, written by <code>npm run audit</code>. The <a href="/accessibility">accessibility statement</a> takes its figures from <a href="latest.json">the same run, as JSON</a>.</p>
      <h2>Summary</h2>
      <dl>
        <dt>Ran</dt><dd><time datetime="${esc(latest.ranAt)}">${esc(when)}</time>, in ${Math.round(latest.durationS / 60)} minutes</dd>
        <dt>Commit</dt><dd><code>${esc(commit)}</code>${dirty ? ' (with uncommitted changes)' : ''}</dd>
        <dt>Sweep</dt><dd>${esc(size)}</dd>
        <dt>axe (WCAG 2.2 A and AA)</dt><dd>${axe.passed} of ${axe.cells} passed with zero violations; ${axe.violations.length} violation${axe.violations.length === 1 ? '' : 's'} in total</dd>
        <dt>Other checks</dt><dd>${checks.filter((c) => c.passed).length} of ${checks.length} passed</dd>
      </dl>
      <h2>Other checks</h2>
      <table>
        <caption>Result of each check other than axe</caption>
        <thead><tr><th scope="col">Check</th><th scope="col">Result</th><th scope="col">Tests</th><th scope="col">Failed</th></tr></thead>
        <tbody>
${checks.map((c) => `          <tr><th scope="row">${esc(c.name)}</th><td>${c.passed ? 'Passed' : 'Failed'}</td><td>${c.tests}</td><td>${c.failed}</td></tr>`).join('\n')}
        </tbody>
      </table>
${checks
  .filter((c) => !c.passed)
  .map(
    (c) =>
      `      <h3>Failures: ${esc(c.name)}</h3>\n      <ul>\n${c.failures.map((f) => `        <li>${esc(f)}</li>`).join('\n')}\n      </ul>`,
  )
  .join('\n')}
      <h2>axe violations</h2>
${
  violations.length
    ? `      <table>
        <caption>Every axe violation, by page, locale and theme</caption>
        <thead><tr><th scope="col">Rule</th><th scope="col">Impact</th><th scope="col">Page</th><th scope="col">Locale</th><th scope="col">Theme</th><th scope="col">State</th><th scope="col">Target</th></tr></thead>
        <tbody>
${violations.map((v) => `          <tr><th scope="row">${esc(v.rule)}</th><td>${esc(v.impact)}</td><td>${esc(v.page)}</td><td>${esc(v.locale)}</td><td>${esc(v.theme)}</td><td>${esc(v.state)}</td><td><code>${esc(v.target)}</code></td></tr>`).join('\n')}
        </tbody>
      </table>`
    : '      <p>None: every page passed in every locale and theme.</p>'
}
      <h2>Sweep</h2>
      <table>
        <caption>axe result per page and theme (locales passed of ${sweep.locales.length})</caption>
        <thead><tr><th scope="col">Page</th>${sweep.themes.map((t) => `<th scope="col">${esc(t)}</th>`).join('')}</tr></thead>
        <tbody>
${sweep.pages
  .map(
    (p) =>
      `          <tr><th scope="row">${esc(p)}</th>${sweep.themes
        .map((t) => {
          const cells = axeCells.filter((c) => c.page === p && c.theme === t);
          return `<td>${cells.filter((c) => c.ok).length} of ${cells.length}</td>`;
        })
        .join('')}</tr>`,
  )
  .join('\n')}
        </tbody>
      </table>
    </main>
  </body>
</html>
`;
writeFileSync(join(out, 'index.html'), html);

const ok = axe.failed === 0 && checks.every((c) => c.passed);
console.log(
  JSON.stringify(
    {
      sweep: size,
      axePassed: `${axe.passed}/${axe.cells}`,
      violations: violations.length,
      checks: checks.map((c) => `${c.passed ? '✔' : '✖'} ${c.name}`),
      durationS: latest.durationS,
    },
    null,
    2,
  ),
);
process.exit(ok ? 0 : 1);
