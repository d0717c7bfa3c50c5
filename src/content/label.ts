/**
 * An item's provenance label, from its provenance and review alone: "Human signer, approved by
 * IPAG on 3 Dec 2026", or "AI-generated, not reviewed". One function, so the library, the lab, the
 * officer and the report say the same thing about the same item.
 */
import {
  SIGN_LANGUAGES,
  itemInUse,
  type ContentItem,
  type ContentStatus,
} from '../schema/content.js';
import './strings.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

export function provenanceLabel(
  t: Translate,
  lang: string,
  item: {
    madeBy: string;
    status: ContentStatus;
    reviewerRole: string | null;
    reviewedAt: string | null;
    note: string | null;
  },
): string {
  const madeBy = t(`content:madeBy.${item.madeBy}`);
  if (item.status === 'approved' && item.reviewedAt)
    return t('content:label.approved', {
      madeBy,
      approver: t(`content:approvers.${item.reviewerRole}`),
      date: new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(item.reviewedAt),
      ),
    });
  if (item.status === 'rejected')
    return t('content:label.rejected', { madeBy, note: item.note ?? '' });
  return t('content:label.draft', { madeBy });
}

/**
 * What kiosks show for each sign language, one line each: the clip in use with its label, the
 * project's sample (British Sign Language until a clip is approved), or none. The report and the
 * lab say it the same way.
 */
export function signClipsInUse(
  t: Translate,
  lang: string,
  items: readonly ContentItem[],
): string[] {
  return SIGN_LANGUAGES.map(({ tag, name }) => {
    const clip = itemInUse(items, 'sign', tag);
    if (clip)
      return t('review:coverage.clip', { language: name, label: provenanceLabel(t, lang, clip) });
    return t(tag === 'bfi' ? 'review:coverage.sampleClip' : 'review:coverage.noClip', {
      language: name,
    });
  });
}
