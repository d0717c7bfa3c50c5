import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { translate } from '../../src/i18n/i18n.js';
import { axeViolations, describeViolations, mount, unmountAll } from '../shared/test-utils.js';
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

function endedEvents(notice: FwNotice): NoticeEndedDetail[] {
  const events: NoticeEndedDetail[] = [];
  notice.addEventListener('fw-notice-ended', (e) => events.push(e.detail));
  return events;
}

describe('fw-notice', () => {
  describe.each(fixtures)('$name', ({ html }) => {
    it('shows the heading in its language and passes axe', async () => {
      const { notice } = await present(html);
      const lang = notice.lang || 'en-GB';
      await expect
        .element(
          page.elementLocator(notice).getByRole('heading', { name: translate(lang, 'heading') }),
        )
        .toBeVisible();
      expect(describeViolations(await axeViolations(notice))).toEqual([]);
    });
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
    const button = page
      .elementLocator(notice)
      .getByRole('button', { name: translate('cy', 'acknowledge') });
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

  it('says when the wording is a draft, in the notice language', async () => {
    const { notice } = await present(`<fw-notice lang="ar" ${MANIFEST}></fw-notice>`);
    await expect
      .element(page.elementLocator(notice).getByText(translate('ar', 'status.draftTranslation')))
      .toBeVisible();
  });

  it('names the element and attribute for an unknown format', async () => {
    const notice = document.createElement('fw-notice');
    notice.setAttribute('formats', 'visual sparkles');
    document.body.append(notice);
    await expect(notice.updateComplete).rejects.toThrow(
      '<fw-notice> formats: unknown format "sparkles"',
    );
    notice.remove();
  });
});
