/**
 * Every component's fixtures (components/<name>/<name>.fixtures.ts) as one list, each with its
 * address on the examples page. The page (examples/index.html) and the conformance tests
 * (test/conformance) iterate this same list, so a fixture added to a component is shown, snapshot
 * and checked the day it is added. Plain data: it runs in the browser and in Node alike.
 */
import type { Fixture } from '../components/shared/fixtures.js';
import { fixtures as audioCue } from '../components/audio-cue/audio-cue.fixtures.js';
import { fixtures as beacon } from '../components/beacon/beacon.fixtures.js';
import { fixtures as formatPicker } from '../components/format-picker/format-picker.fixtures.js';
import { fixtures as hapticCue } from '../components/haptic-cue/haptic-cue.fixtures.js';
import { fixtures as languagePicker } from '../components/language-picker/language-picker.fixtures.js';
import { fixtures as notice } from '../components/notice/notice.fixtures.js';
import { fixtures as signVideo } from '../components/sign-video/sign-video.fixtures.js';
import { fixtures as textNotice } from '../components/text-notice/text-notice.fixtures.js';

const COMPONENTS: Record<string, Fixture[]> = {
  'fw-audio-cue': audioCue,
  'fw-beacon': beacon,
  'fw-format-picker': formatPicker,
  'fw-haptic-cue': hapticCue,
  'fw-language-picker': languagePicker,
  'fw-notice': notice,
  'fw-sign-video': signVideo,
  'fw-text-notice': textNotice,
};

export interface ComponentFixture extends Fixture {
  /** The element's tag, such as `fw-notice`. */
  component: string;
  /**
   * `<component>--<slug of the name>`, such as `fw-notice--easy-read`: the fixture's section on
   * /examples/ (`/examples/#fw-notice--easy-read`) and the fixture shown alone
   * (`/examples/?only=fw-notice--easy-read`).
   */
  id: string;
}

/** "Welsh, Easy Read" → "welsh-easy-read". */
export function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Every component's fixtures, component by component in tag order, each in its list's order. */
export const COMPONENT_FIXTURES: ComponentFixture[] = Object.entries(COMPONENTS).flatMap(
  ([component, list]) =>
    list.map((fixture) => ({ component, id: `${component}--${slug(fixture.name)}`, ...fixture })),
);

// Two names with one slug would give two sections one address; say which, rather than link wrongly.
const seen = new Set<string>();
for (const { id, name } of COMPONENT_FIXTURES) {
  if (seen.has(id)) throw new Error(`Two fixtures have the address ${id}: rename "${name}".`);
  seen.add(id);
}
