/**
 * What the officer sees of content delivery, in the log panel: the set in use, a download's
 * progress, and why a new set was refused.
 */
import { html, nothing } from 'lit';
import { progressRegion } from '../app/progress.js';
import type { ContentState } from './delivery.js';
import './strings.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

const MB = (bytes: number) => (bytes / 1e6).toFixed(1);

export function renderContentStatus(
  state: ContentState,
  t: Translate,
  formatTime: (at: string) => string,
) {
  const { active, progress, problem } = state;
  const text = progress
    ? t('content:delivery.downloading', { done: MB(progress.done), total: MB(progress.total) })
    : state.checking
      ? t('content:delivery.checking')
      : '';
  return html`<section aria-labelledby="content-heading">
    <h3 id="content-heading">${t('content:delivery.heading')}</h3>
    <p class="content-version">
      ${
        active
          ? t('content:delivery.current', {
              version: active.version,
              count: active.items,
              time: formatTime(active.receivedAt),
            })
          : t('content:delivery.builtin')
      }
    </p>
    ${progressRegion('content-heading', progress, text)}
    ${
      problem
        ? html`<p class="sync-problem" role="status">
            ${t(`content:delivery.problem.${problem.kind}`, { message: problem.message })}
          </p>`
        : nothing
    }
  </section>`;
}
