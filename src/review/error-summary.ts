import { html, nothing } from 'lit';

export interface FieldProblem<Field extends string = string> {
  field: Field;
  message: string;
}

/**
 * GOV.UK's error summary for a review form: a focusable alert, titled, linking to each field with
 * a problem. The links call `focusField`, as a #fragment cannot reach into a shadow root.
 */
export function errorSummary<Field extends string>(
  title: string,
  problems: FieldProblem<Field>[],
  focusField: (event: Event, field: Field) => void,
  id = 'summary-title',
) {
  if (!problems.length) return nothing;
  return html`<div class="error-summary" tabindex="-1" role="alert" aria-labelledby=${id}>
    <h2 id=${id}>${title}</h2>
    <ul>
      ${problems.map(
        (p) =>
          html`<li>
            <a href="#${p.field}" @click=${(e: Event) => focusField(e, p.field)}>${p.message}</a>
          </li>`,
      )}
    </ul>
  </div>`;
}
