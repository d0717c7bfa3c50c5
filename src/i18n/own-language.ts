import { html, nothing, type TemplateResult } from 'lit';

/**
 * Text in an element of its own language and direction (WCAG 3.1.2): an endonym such as
 * "العربية" is then spoken by an Arabic voice, right to left, not read out as English. Without a
 * `lang` (BSL alone, whose name is in the page's language) the text stays in the page's language.
 */
export function inOwnLanguage(text: string, lang?: string, dir?: string): TemplateResult {
  return html`<span lang=${lang || nothing} dir=${dir || nothing}>${text}</span>`;
}
