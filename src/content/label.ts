/**
 * An item's provenance label, from its provenance and review alone: "Human signer, approved by
 * IPAG on 3 Dec 2026", or "AI-generated, not reviewed". One function, so the library, the lab, the
 * officer and the report say the same thing about the same item.
 */
import type { ContentStatus } from '../schema/content.js';
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
