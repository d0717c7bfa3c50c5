/**
 * Registers the lab's elements. `/lab` loads this one chunk; it takes the review's sign-in form
 * and session (not the review itself, nor Observable Plot) and the notice from the library.
 */
// Through the kiosk's own module: the lab then shares the kiosk's chunks as they are. Importing
// only the components would split what the two share into a chunk of its own, and the kiosk's
// first paint would pay about 0.6 kB gzip of its 40 kB budget for the split. Nothing of the lab
// loads on \`/\`; the lab loads the kiosk's ~10 kB with it, and registers but never shows fw-kiosk.
import '../kiosk/define.js';
import '../../components/notice/define.js';
import '../app/site-header-define.js';
import { FwReviewSignIn } from '../review/sign-in.js';
import { FwLabClips } from './clips.js';
import { FwLabFeedback } from './feedback.js';
import { FwLab } from './lab.js';
import './strings.js';

const elements: Array<[string, CustomElementConstructor]> = [
  ['fw-lab', FwLab],
  ['fw-lab-clips', FwLabClips],
  ['fw-lab-feedback', FwLabFeedback],
  ['fw-review-sign-in', FwReviewSignIn],
];

for (const [tag, element] of elements) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
