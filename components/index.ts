/**
 * The Forewarn component library. Importing this module registers every `fw-` element; to
 * register one element only, import its `define.js`. Importing a class alone registers nothing.
 */
export { FwNotice } from './notice/define.js';
export { FwBeacon } from './beacon/define.js';
export { FwTextNotice } from './text-notice/define.js';
export { FwSignVideo } from './sign-video/define.js';
export { FwAudioCue } from './audio-cue/define.js';
export { FwHapticCue } from './haptic-cue/define.js';
export { FwFormatPicker } from './format-picker/define.js';
export { FwLanguagePicker } from './language-picker/define.js';
export { unlockAudio, warmAudio } from './audio-cue/audio-unlock.js';
export { FwConfigError } from './shared/config-error.js';
export type { NoticeEndedDetail, NoticeShownDetail } from './notice/notice.js';
export { FORMATS, type Format } from '../src/schema/notice-event.js';
export { LOCALES, type LocaleInfo } from '../src/i18n/locales.js';
