/**
 * The examples page, /examples/: every component fixture drawn live by the component library
 * alone (no app code), each in its own section with its own address, as in the NHS.UK Frontend
 * review app. `?only=<id>` draws one fixture alone in <main>: that is what the accessible-tree
 * snapshots (test/conformance/aria.spec.ts) read.
 */
import '../components/index.js';
import { html, render } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { COMPONENT_FIXTURES, type ComponentFixture } from './fixtures.js';

const TITLE = 'Forewarn component examples';
const main = document.getElementById('main')!;
const onlyNote = document.getElementById('only-note')!;

const byComponent = new Map<string, ComponentFixture[]>();
for (const fixture of COMPONENT_FIXTURES)
  byComponent.set(fixture.component, [...(byComponent.get(fixture.component) ?? []), fixture]);

const label = ({ component, name }: ComponentFixture) => `${component}: ${name}`;

function example(fixture: ComponentFixture) {
  const { id, name, html: markup } = fixture;
  return html`<section class="ex-example" id=${id}>
    <h3>
      <span class="ex-example__caption">${fixture.component}</span>
      <a href=${`#${id}`}>${name}</a>
    </h3>
    <p class="ex-example__links">
      <a href=${`?only=${id}`}
        >Show<span class="ex-visually-hidden"> ${label(fixture)}</span> on its own</a
      >
    </p>
    <div class="ex-example__preview">${unsafeHTML(markup)}</div>
    <details class="ex-example__code">
      <summary>HTML<span class="ex-visually-hidden"> of ${label(fixture)}</span></summary>
      <pre><code>${markup}</code></pre>
    </details>
  </section>`;
}

function everyExample() {
  return html`<h1>Component examples</h1>
    <p class="ex-lead">
      Every fixture of every <code>fw-</code> element (<code>components/*/*.fixtures.ts</code>),
      drawn live by the component library alone. Each one has its own address: follow its name to
      link to it, or show it on its own.
    </p>
    <nav class="ex-contents" aria-labelledby="contents-title">
      <h2 id="contents-title">Contents</h2>
      <ul>
        ${[...byComponent].map(
          ([component, list]) =>
            html`<li>
              <a href=${`#${component}`}><code>${component}</code></a>
              <ul>
                ${list.map((f) => html`<li><a href=${`#${f.id}`}>${f.name}</a></li>`)}
              </ul>
            </li>`,
        )}
      </ul>
    </nav>
    ${[...byComponent].map(
      ([component, list]) =>
        html`<section class="ex-component" id=${component}>
          <h2><code>${component}</code></h2>
          ${list.map(example)}
        </section>`,
    )}`;
}

/** Resolves once every element on the page has drawn itself. */
async function drawn(): Promise<void> {
  await Promise.all(
    [...main.querySelectorAll('*')].map(
      (el) => (el as Element & { updateComplete?: Promise<unknown> }).updateComplete,
    ),
  );
}

const only = new URLSearchParams(location.search).get('only');
main.replaceChildren();
if (only === null) {
  render(everyExample(), main);
  // The sections are drawn after the browser looked for the #fragment, and grow as the elements
  // render: scroll to it once they have.
  const target =
    location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (target) await drawn().then(() => target.scrollIntoView());
} else {
  const fixture = COMPONENT_FIXTURES.find((f) => f.id === only);
  if (fixture) {
    // <main> holds the fixture and nothing else, as on a plain page.
    document.title = `${label(fixture)} – ${TITLE}`;
    render(unsafeHTML(fixture.html), main);
    render(
      html`<p>
        One example alone: <code>${fixture.component}</code>, ${fixture.name}.
        <a href=${`./#${fixture.id}`}>See it with every example</a>
      </p>`,
      onlyNote,
    );
  } else {
    document.title = `No such example – ${TITLE}`;
    render(
      html`<h1>No example is called “${only}”</h1>
        <p><a href="./">See every example</a></p>`,
      main,
    );
  }
}
