/**
 * Approve, or reject with a note: the one control for reviewing a content item, in the library
 * and in the lab. Offered only to a role that may approve, and never on the reviewer's own item
 * (the server refuses that as well: four eyes).
 */
import { html, nothing } from 'lit';
import { can, type Role } from '../schema/api.js';
import type { ContentItem } from '../schema/content.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

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
