import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { translate } from '../../src/i18n/i18n.js';
import { mount, unmountAll } from '../shared/test-utils.js';
import { runElementSuite } from '../shared/test-suites/element.suite.js';
import { fixtures } from './notice.fixtures.js';
import './define.js';
import type { FwNotice, NoticeEndedDetail, NoticeShownDetail } from './notice.js';

afterEach(unmountAll);

const MANIFEST = 'manifest="/test/fixtures/media/manifest.json"';

/** Mounts a notice and resolves once it reports that it has been painted. */
async function present(markup: string): Promise<{ notice: FwNotice; shown: NoticeShownDetail }> {
  const shownEvent = new Promise<NoticeShownDetail>((resolve) =>
    document.addEventListener('fw-notice-shown', (e) => resolve(e.detail), { once: true }),
  );
  const notice = await mount<FwNotice>(markup);
  return { notice, shown: await shownEvent };
}

/** Presents a notice and waits for its sign video, if any, to show its clip or say it cannot. */
async function presentLoaded(markup: string): Promise<FwNotice> {
  const { notice } = await present(markup);
  const player = notice.shadowRoot!.querySelector('fw-sign-video');
  if (player) {
    await vi.waitFor(
      () => expect(player.shadowRoot!.querySelector('video, [role="alert"]')).not.toBeNull(),
      {
        timeout: 5000,
      },
    );
  }
  return notice;
}

function acknowledge(notice: FwNotice, lang = 'en-GB') {
  return page.elementLocator(notice).getByRole('button', { name: translate(lang, 'acknowledge') });
}

function endedEvents(notice: FwNotice): NoticeEndedDetail[] {
  const events: NoticeEndedDetail[] = [];
  notice.addEventListener('fw-notice-ended', (e) => events.push(e.detail));
  return events;
}

describe('fw-notice', () => {
  runElementSuite<FwNotice>({
    tag: 'fw-notice',
    fixtures,
    mount: presentLoaded,
    inItsLanguage: (notice, lang) =>
      expect
        .element(
          page.elementLocator(notice).getByRole('heading', { name: translate(lang, 'heading') }),
        )
        .toBeVisible(),
    configErrors: [
      { attribute: 'formats', value: 'visual sparkles', message: 'unknown format "sparkles"' },
      { attribute: 'formats', value: ' ', message: 'choose at least one' },
      { attribute: 'heading-level', value: '7', message: '"7" is not 1 to 6' },
    ],
    events: [
      {
        trigger: (notice) => acknowledge(notice).click(),
        fires: ['fw-notice-shown', 'fw-notice-ended'],
      },
    ],
  });

  it('shows the default notice as the beacon and large text', async () => {
    const { notice, shown } = await present(`<fw-notice ${MANIFEST}></fw-notice>`);
    const view = page.elementLocator(notice);
    await expect.element(view.getByText('Recording', { exact: true })).toBeVisible();
    await expect.element(view.getByText(translate('en-GB', 'plain.camera'))).toBeVisible();
    expect(shown.formats).toEqual(['visual', 'large-text']);
    expect(shown.lang).toBe('en-GB');
    expect(new Date(shown.startedAt).toISOString()).toBe(shown.startedAt);
  });

  it('reports "I understand" once, with the formats, language, start and duration', async () => {
    const { notice, shown } = await present(
      `<fw-notice lang="cy" formats="easy-read visual" ${MANIFEST}></fw-notice>`,
    );
    const ended = endedEvents(notice);
    const button = acknowledge(notice, 'cy');
    await new Promise((r) => setTimeout(r, 30));
    await button.click();
    await expect.element(button).toBeDisabled();
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({
      formats: ['visual', 'easy-read'],
      lang: 'cy',
      startedAt: shown.startedAt,
      outcome: 'acknowledged',
    });
    expect(Number.isInteger(ended[0]!.durationMs)).toBe(true);
    expect(ended[0]!.durationMs).toBeGreaterThanOrEqual(30);
    expect(notice.end('shown')).toBeUndefined();
    expect(ended).toHaveLength(1);
  });

  it('records the language as bfi when only British Sign Language is presented', async () => {
    const { notice, shown } = await present(`<fw-notice formats="bsl" ${MANIFEST}></fw-notice>`);
    expect(shown.lang).toBe('bfi');
    expect(notice.end('shown')?.lang).toBe('bfi');
  });

  it('reports every format presented when the person changes format part-way', async () => {
    const { notice } = await present(`<fw-notice ${MANIFEST}></fw-notice>`);
    notice.formats = ['easy-read'];
    await notice.updateComplete;
    await expect
      .element(page.elementLocator(notice).getByText(translate('en-GB', 'easyRead.copy')))
      .toBeVisible();
    expect(notice.end('shown')?.formats).toEqual(['visual', 'large-text', 'easy-read']);
  });

  it('reports a notice taken off screen without an ending as shown', async () => {
    const { notice } = await present(`<fw-notice ${MANIFEST}></fw-notice>`);
    const ended = endedEvents(notice);
    notice.remove();
    expect(ended.map((e) => e.outcome)).toEqual(['shown']);
  });

  it('moves focus to its heading when focused', async () => {
    const { notice } = await present(`<fw-notice ${MANIFEST}></fw-notice>`);
    notice.focus();
    expect(notice.shadowRoot!.activeElement?.textContent).toBe(translate('en-GB', 'heading'));
  });

  it('can be acknowledged with the keyboard alone', async () => {
    const { notice } = await present(`<fw-notice formats="large-text" ${MANIFEST}></fw-notice>`);
    const ended = endedEvents(notice);
    notice.focus();
    await userEvent.keyboard('{Tab}');
    await userEvent.keyboard('{Enter}');
    expect(ended.map((e) => e.outcome)).toEqual(['acknowledged']);
  });

  it('Tab from its heading reaches the beacon\'s "Pause animation" before "I understand"', async () => {
    const { notice } = await present(`<fw-notice ${MANIFEST}></fw-notice>`);
    notice.focus();
    await userEvent.keyboard('{Tab}');
    const beacon = notice.shadowRoot!.querySelector('fw-beacon')!;
    expect(notice.shadowRoot!.activeElement).toBe(beacon);
    expect(beacon.shadowRoot!.activeElement?.textContent?.trim()).toBe(
      translate('en-GB', 'beacon.pause'),
    );
    await userEvent.keyboard('{Tab}');
    expect(notice.shadowRoot!.activeElement?.textContent?.trim()).toBe(
      translate('en-GB', 'acknowledge'),
    );
  });

  it('says when the wording is a draft, in the notice language', async () => {
    const { notice } = await present(`<fw-notice lang="ar" ${MANIFEST}></fw-notice>`);
    await expect
      .element(page.elementLocator(notice).getByText(translate('ar', 'status.draftTranslation')))
      .toBeVisible();
  });
});
