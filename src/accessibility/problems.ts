/**
 * What the accessibility statement says about each problem the latest conformance run found: a
 * description a member of the public can read, the WCAG 2.2 success criterion it fails, and when
 * it will be fixed. The statement never shows a test's own output (an assertion, a CSS selector,
 * a stack): it looks each failed check and each axe rule up here, and a problem not described
 * here yet is named as such, never quoted.
 *
 * Keep it short and true. When a problem is planned, set `fixBy` to the date the force has
 * committed to; until then it says "not yet planned". The words are English, the language the
 * statement is checked in; the statement marks them so on a page in another language.
 */
import type { AuditRun } from './audit.js';

export interface KnownProblem {
  /** What a person meets, in plain English, in a sentence or two. */
  text: string;
  /** The WCAG 2.2 success criteria it fails, by number and name. */
  criteria: string;
  /** When it will be fixed, YYYY-MM-DD; null when no date is planned yet. */
  fixBy: string | null;
}

/** Each check of the gate (scripts/audit.mjs `CHECKS`), by its id. */
export const CHECK_PROBLEMS: Record<string, KnownProblem> = {
  keyboard: {
    text: 'Part of the recording notice cannot be used with a keyboard alone, or you cannot always see where the keyboard focus is.',
    criteria: '2.1.1 Keyboard; 2.4.7 Focus Visible',
    fixBy: null,
  },
  layout: {
    text: 'On some pages, at 320 pixels wide you have to scroll sideways, a control is too small to press easily, or text is cut off when you increase the spacing between letters, words and lines.',
    criteria: '1.4.10 Reflow; 2.5.8 Target Size (Minimum); 1.4.12 Text Spacing',
    fixBy: null,
  },
  aria: {
    text: 'A screen reader may announce part of the notice differently from how it was designed: a control’s name, role or state has changed.',
    criteria: '4.1.2 Name, Role, Value',
    fixBy: null,
  },
  motion: {
    text: 'The recording indicator may flash, or keep moving when you have asked your device to reduce motion.',
    criteria: '2.3.1 Three Flashes or Below Threshold; 2.2.2 Pause, Stop, Hide',
    fixBy: null,
  },
  'focus-contrast': {
    text: 'On some pages, the words on a link or button are hard to read while it has the keyboard focus.',
    criteria: '1.4.3 Contrast (Minimum)',
    fixBy: null,
  },
  'audit-report': {
    text: 'The page that publishes our full audit report has an accessibility problem of its own in one of its colour themes.',
    criteria: '1.4.3 Contrast (Minimum)',
    fixBy: null,
  },
  locales: {
    text: 'In some languages, a few words are still shown in English.',
    criteria: '3.1.2 Language of Parts',
    fixBy: null,
  },
};

/**
 * The ids of runs recorded before checks carried one (scripts/audit.mjs names them), so an
 * older latest.json is still described rather than quoted.
 */
const CHECK_IDS_BY_NAME: Record<string, string> = {
  'Keyboard-only walkthroughs of the kiosk, with visible focus': 'keyboard',
  'Reflow at 320 CSS px, target sizes, and text spacing (WCAG 1.4.10, 2.5.8, 1.4.12)': 'layout',
  'Accessible-tree snapshots of every component fixture': 'aria',
  'Flash analyser for the beacon, and reduced motion': 'motion',
  'The previous audit report itself passes axe': 'audit-report',
  'No locale leaves a string in English by mistake (scripts/check-locales.mjs)': 'locales',
};

/** Each axe-core rule the product could fail, by rule id. */
export const RULE_PROBLEMS: Record<string, KnownProblem> = {
  'color-contrast': {
    text: 'Some text does not stand out enough from its background to read easily.',
    criteria: '1.4.3 Contrast (Minimum)',
    fixBy: null,
  },
  'link-in-text-block': {
    text: 'Some links inside text can only be told apart from the words around them by colour.',
    criteria: '1.4.1 Use of Color',
    fixBy: null,
  },
  'button-name': {
    text: 'Some buttons have no name a screen reader can announce.',
    criteria: '4.1.2 Name, Role, Value',
    fixBy: null,
  },
  'link-name': {
    text: 'Some links have no name a screen reader can announce.',
    criteria: '2.4.4 Link Purpose (In Context); 4.1.2 Name, Role, Value',
    fixBy: null,
  },
  label: {
    text: 'Some form fields have no label, so you may not know what to enter.',
    criteria: '1.3.1 Info and Relationships; 4.1.2 Name, Role, Value',
    fixBy: null,
  },
  'select-name': {
    text: 'Some drop-down lists have no label, so you may not know what they choose.',
    criteria: '1.3.1 Info and Relationships; 4.1.2 Name, Role, Value',
    fixBy: null,
  },
  'image-alt': {
    text: 'Some images have no text alternative for people who cannot see them.',
    criteria: '1.1.1 Non-text Content',
    fixBy: null,
  },
  'svg-img-alt': {
    text: 'Some pictures or charts have no text alternative for people who cannot see them.',
    criteria: '1.1.1 Non-text Content',
    fixBy: null,
  },
  'role-img-alt': {
    text: 'Some pictures or charts have no text alternative for people who cannot see them.',
    criteria: '1.1.1 Non-text Content',
    fixBy: null,
  },
  'html-has-lang': {
    text: 'A page does not say which language it is in, so a screen reader may read it in the wrong voice.',
    criteria: '3.1.1 Language of Page',
    fixBy: null,
  },
  'html-lang-valid': {
    text: 'A page does not say correctly which language it is in, so a screen reader may read it in the wrong voice.',
    criteria: '3.1.1 Language of Page',
    fixBy: null,
  },
  'valid-lang': {
    text: 'Some words in another language are not marked correctly, so a screen reader may read them in the wrong voice.',
    criteria: '3.1.2 Language of Parts',
    fixBy: null,
  },
  'document-title': {
    text: 'A page has no title, so it is hard to find among your open pages.',
    criteria: '2.4.2 Page Titled',
    fixBy: null,
  },
  list: {
    text: 'Some lists are not marked up as lists, so a screen reader does not say how many items there are.',
    criteria: '1.3.1 Info and Relationships',
    fixBy: null,
  },
  listitem: {
    text: 'Some lists are not marked up as lists, so a screen reader does not say how many items there are.',
    criteria: '1.3.1 Info and Relationships',
    fixBy: null,
  },
  'aria-allowed-attr': {
    text: 'Some controls tell a screen reader something that does not apply to them.',
    criteria: '4.1.2 Name, Role, Value',
    fixBy: null,
  },
  'aria-valid-attr-value': {
    text: 'Some controls give a screen reader a state or relationship it cannot use.',
    criteria: '4.1.2 Name, Role, Value',
    fixBy: null,
  },
  'nested-interactive': {
    text: 'Some controls are inside other controls, so a screen reader may not announce them.',
    criteria: '4.1.2 Name, Role, Value',
    fixBy: null,
  },
  'scrollable-region-focusable': {
    text: 'Some areas that scroll cannot be reached or scrolled with a keyboard.',
    criteria: '2.1.1 Keyboard',
    fixBy: null,
  },
  'target-size': {
    text: 'Some controls are too small, or too close together, to press easily.',
    criteria: '2.5.8 Target Size (Minimum)',
    fixBy: null,
  },
  'meta-viewport': {
    text: 'A page stops you from zooming in.',
    criteria: '1.4.4 Resize Text',
    fixBy: null,
  },
  'did-not-run': {
    text: 'Automated testing could not finish on this page, so it may have problems we have not found yet.',
    criteria: 'not known until the testing finishes',
    fixBy: null,
  },
};

/** A problem found that this file does not describe yet: named as such, never quoted. */
export const UNDESCRIBED: KnownProblem = {
  text: 'Automated testing found a problem that we have not yet described here in plain English. The full audit report has the details.',
  criteria: 'not yet identified',
  fixBy: null,
};

export interface StatedProblem extends KnownProblem {
  /** The pages it was found on, and in which colour themes; empty when the check does not say. */
  pages: string[];
  themes: string[];
}

/**
 * Every problem in a run, as the statement lists it: one entry per failed check and per axe rule
 * (a rule failing on several pages is one problem, found on those pages).
 */
export function statedProblems(run: AuditRun): StatedProblem[] {
  const stated: StatedProblem[] = [];
  for (const check of run.checks) {
    if (check.passed) continue;
    const id = check.id ?? CHECK_IDS_BY_NAME[check.name] ?? '';
    stated.push({ ...(CHECK_PROBLEMS[id] ?? UNDESCRIBED), pages: [], themes: [] });
  }
  const byRule = new Map<string, StatedProblem>();
  for (const violation of run.axe.violations) {
    let entry = byRule.get(violation.rule);
    if (!entry) {
      entry = { ...(RULE_PROBLEMS[violation.rule] ?? UNDESCRIBED), pages: [], themes: [] };
      byRule.set(violation.rule, entry);
    }
    if (violation.page && !entry.pages.includes(violation.page)) entry.pages.push(violation.page);
    if (violation.theme && !entry.themes.includes(violation.theme))
      entry.themes.push(violation.theme);
  }
  return [...stated, ...byRule.values()];
}
