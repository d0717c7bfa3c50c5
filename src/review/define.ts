/**
 * Registers the review's elements: `/review`, `/review/report`, `/review/content` and
 * `/review/audit` load this one chunk (with Observable Plot), never the kiosk's first paint.
 */
import '../app/site-header-define.js';
import { FwReviewAdmin } from './admin.js';
import { FwReviewAudit } from './audit.js';
import { FwReviewBreakdown } from './breakdown.js';
import { FwReviewCoverage } from './coverage.js';
import { FwReviewFeedback } from './feedback.js';
import { FwReviewImport } from './import.js';
import { FwReviewIntegrity } from './integrity.js';
import { FwCaptionTimer } from './caption-timer.js';
import { FwReviewLibrary } from './library.js';
import { FwReviewLog } from './log.js';
import { FwLoudnessCheck } from './loudness-check.js';
import { FwContentRecorder } from './recorder.js';
import { FwTranslationImport } from './translation-import.js';
import { FwReviewReport } from './report.js';
import { FwReview } from './review.js';
import { FwReviewSignIn } from './sign-in.js';
import { FwReviewPassword } from './password.js';
import { FwReviewPasskeys } from './passkeys.js';
import { FwReviewTranslations } from './translations.js';
import './strings.js';

const elements: Array<[string, CustomElementConstructor]> = [
  ['fw-review', FwReview],
  ['fw-review-report', FwReviewReport],
  ['fw-review-sign-in', FwReviewSignIn],
  ['fw-review-password', FwReviewPassword],
  ['fw-review-passkeys', FwReviewPasskeys],
  ['fw-review-breakdown', FwReviewBreakdown],
  ['fw-review-integrity', FwReviewIntegrity],
  ['fw-review-import', FwReviewImport],
  ['fw-review-admin', FwReviewAdmin],
  ['fw-review-log', FwReviewLog],
  ['fw-review-audit', FwReviewAudit],
  ['fw-review-feedback', FwReviewFeedback],
  ['fw-review-translations', FwReviewTranslations],
  ['fw-review-library', FwReviewLibrary],
  ['fw-content-recorder', FwContentRecorder],
  ['fw-caption-timer', FwCaptionTimer],
  ['fw-loudness-check', FwLoudnessCheck],
  ['fw-translation-import', FwTranslationImport],
  ['fw-review-coverage', FwReviewCoverage],
];

for (const [tag, element] of elements) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
