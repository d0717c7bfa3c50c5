/**
 * Approve, or reject with a note: the one control for reviewing a content item, in the library
 * and in the lab. Offered only to a role that may approve, and never on the reviewer's own item
 * (the server refuses that as well: four eyes).
 */
import { html, nothing } from 'lit';
import { api } from '../review/api.js';
import { can, type Role } from '../schema/api.js';
import type { ContentItem } from '../schema/content.js';
import { provenanceLabel } from './label.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * Sends a reviewer's decision. Resolves with what to tell them: the item's new label, or
 * `failure`'s words for what went wrong.
 */
export async function sendReview(
  item: ContentItem,
  decision: 'approve' | 'reject',
  note: string | undefined,
  words: { t: Translate; lang: string; name: string; failure: (error: unknown) => string },
): Promise<string> {
  const { t, lang, name, failure } = words;
  try {
    const reviewed = await api.reviewContent(item.id, { decision, ...(note ? { note } : {}) });
    return t('review:library.reviewed', { item: name, label: provenanceLabel(t, lang, reviewed) });
  } catch (error) {
    return failure(error);
  }
}

export function renderReviewControl(
  item: ContentItem,
  options: {
    user: { username: string; role: Role } | undefined;
    busy: boolean;
    t: Translate;
    decide: (decision: 'approve' | 'reject', note?: string) => void;
  },
) {
  const { user, busy, t, decide } = options;
  if (item.status !== 'draft' || !can(user?.role, 'approveContent')) return nothing;
  if (item.addedBy === user?.username)
    return html`<p class="hint">${t('review:library.ownItem')}</p>`;
  const noteId = `note-${item.id}`;
  return html`<div class="review">
    <button type="button" class="primary" ?disabled=${busy} @click=${() => decide('approve')}>
      ${t('review:library.approve')}
    </button>
    <form
      @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        const note = new FormData(e.target as HTMLFormElement).get('note');
        decide('reject', String(note ?? ''));
      }}
    >
      <label for=${noteId}>${t('review:library.rejectNote')}</label>
      <textarea id=${noteId} name="note" required maxlength="2000"></textarea>
      <button type="submit" ?disabled=${busy}>${t('review:library.reject')}</button>
    </form>
  </div>`;
}
