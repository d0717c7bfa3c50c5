/**
 * An item's provenance label, from its provenance and review alone: "Human signer, approved by
 * IPAG on 3 Dec 2026", or "AI-generated, not reviewed". One function, so the library, the lab, the
 * officer and the report say the same thing about the same item.
 */
import type { ContentItem } from '../schema/content.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

export function provenanceLabel(
  t: Translate,
  lang: string,
  item: Pick<ContentItem, 'madeBy' | 'status' | 'reviewerRole' | 'reviewedAt' | 'note'>,
): string {
  const madeBy = t(`review:library.madeBy.${item.madeBy}`);
  if (item.status === 'approved' && item.reviewedAt)
    return t('review:library.label.approved', {
      madeBy,
      approver: t(`review:library.approvers.${item.reviewerRole}`),
      date: new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(item.reviewedAt),
      ),
    });
  if (item.status === 'rejected')
    return t('review:library.label.rejected', { madeBy, note: item.note ?? '' });
  return t('review:library.label.draft', { madeBy });
}
