/**
 * A tester's unsent feedback, kept in this tab's sessionStorage, one draft per notice, so a
 * sign-in that ends before "Send feedback" loses nothing (WCAG 2.2.5): after signing in again, the
 * form comes back as it was. It holds the tester's own answers and nothing else, goes when the
 * feedback is sent or the tester signs out, and never outlives the tab.
 */
export interface Draft {
  understood: string;
  rating: string;
  assistiveTech: string;
  comment: string;
}

export const EMPTY_DRAFT: Draft = { understood: '', rating: '', assistiveTech: '', comment: '' };

const KEY = 'fw-lab-feedback-drafts';

function readAll(): Record<string, Draft> {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? '{}') as unknown;
    return value && typeof value === 'object' ? (value as Record<string, Draft>) : {};
  } catch {
    return {};
  }
}

function writeAll(drafts: Record<string, Draft>): void {
  try {
    if (Object.keys(drafts).length) sessionStorage.setItem(KEY, JSON.stringify(drafts));
    else sessionStorage.removeItem(KEY);
  } catch {
    // Storage refused (full, or switched off): the form still works, without a draft.
  }
}

const id = (format: string, lang: string) => `${format} ${lang}`;

export function readDraft(format: string, lang: string): Draft {
  const draft = readAll()[id(format, lang)];
  if (!draft) return EMPTY_DRAFT;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    understood: text(draft.understood),
    rating: text(draft.rating),
    assistiveTech: text(draft.assistiveTech),
    comment: text(draft.comment),
  };
}

/** Keeps the answers as they stand; an empty form leaves no draft. */
export function saveDraft(format: string, lang: string, draft: Draft): void {
  const drafts = readAll();
  if (Object.values(draft).some(Boolean)) drafts[id(format, lang)] = draft;
  else delete drafts[id(format, lang)];
  writeAll(drafts);
}

export function clearDraft(format: string, lang: string): void {
  saveDraft(format, lang, EMPTY_DRAFT);
}

/** Signing out on purpose: nothing of the tester's stays behind. */
export function clearDrafts(): void {
  writeAll({});
}
