import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { translate } from '../../src/i18n/i18n.js';
import { FORMATS, type Format } from '../../src/schema/notice-event.js';
import { FwConfigError } from '../shared/config-error.js';
import { mount, unmountAll } from '../shared/test-utils.js';
import { runElementSuite } from '../shared/test-suites/element.suite.js';
import { fixtures } from './format-picker.fixtures.js';
import './define.js';
import type { FwFormatPicker } from './format-picker.js';

afterEach(unmountAll);

// The public contract (DESIGN.md): outside tests find the format buttons by these names.
const CONTRACT_NAMES: Record<Format, string> = {
  visual: 'Visual',
  'large-text': 'Large text',
  'easy-read': 'Easy Read',
  bsl: 'British Sign Language',
  audio: 'Audio',
  vibration: 'Vibration',
};

function tile(picker: FwFormatPicker, format: Format) {
  return page
    .elementLocator(picker)
    .getByRole('button', { name: CONTRACT_NAMES[format], exact: true });
}

function recordChanges(picker: FwFormatPicker): Format[][] {
  const changes: Format[][] = [];
  picker.addEventListener('fw-format-change', (e) => changes.push(e.detail.formats));
  return changes;
}

// toHaveFocus() compares with document.activeElement, which stops at the shadow host.
function focused(picker: FwFormatPicker): Element | null {
  return picker.shadowRoot!.activeElement;
}

async function pressedFormats(picker: FwFormatPicker): Promise<Format[]> {
  await picker.updateComplete;
  const pressed: Format[] = [];
  for (const format of FORMATS) {
    if (tile(picker, format).element().getAttribute('aria-pressed') === 'true')
      pressed.push(format);
  }
  return pressed;
}

describe('fw-format-picker', () => {
  runElementSuite<FwFormatPicker>({
    tag: 'fw-format-picker',
    fixtures,
    inItsLanguage: async (picker, lang) => {
      const view = page.elementLocator(picker);
      await expect
        .element(view.getByRole('group', { name: translate(lang, 'formats.legend') }))
        .toHaveAccessibleDescription(translate(lang, 'formats.hint'));
      expect(view.getByRole('button').all()).toHaveLength(FORMATS.length);
    },
    configErrors: [{ attribute: 'value', value: 'visual sparkle', message: '"sparkle"' }],
    events: [{ trigger: (picker) => tile(picker, 'audio').click(), fires: ['fw-format-change'] }],
  });

  it('names each format exactly as the public contract says, in schema order', async () => {
    const picker = await mount<FwFormatPicker>('<fw-format-picker></fw-format-picker>');
    const buttons = page.elementLocator(picker).getByRole('button').all();
    for (const [i, format] of FORMATS.entries()) {
      await expect.element(tile(picker, format)).toBeVisible();
      await expect.element(buttons[i]!).toHaveAccessibleName(CONTRACT_NAMES[format]);
    }
  });

  it('shows each hint under the name as its description, not part of its name', async () => {
    const picker = await mount<FwFormatPicker>('<fw-format-picker></fw-format-picker>');
    for (const format of FORMATS) {
      const hint = translate('en-GB', `formats.${format}.hint`);
      await expect.element(tile(picker, format)).toHaveAccessibleName(CONTRACT_NAMES[format]);
      await expect.element(tile(picker, format)).toHaveAccessibleDescription(hint);
      await expect.element(tile(picker, format).getByText(hint)).toBeVisible();
    }
  });

  it('combines formats, reporting them in schema order, and releases them again', async () => {
    const picker = await mount<FwFormatPicker>('<fw-format-picker></fw-format-picker>');
    const changes = recordChanges(picker);

    await tile(picker, 'audio').click();
    await tile(picker, 'bsl').click();
    await tile(picker, 'visual').click();
    await expect.element(tile(picker, 'audio')).toHaveAttribute('aria-pressed', 'true');
    expect(await pressedFormats(picker)).toEqual(['visual', 'bsl', 'audio']);

    await tile(picker, 'bsl').click();
    await expect.element(tile(picker, 'bsl')).toHaveAttribute('aria-pressed', 'false');

    expect(changes).toEqual([
      ['audio'],
      ['bsl', 'audio'],
      ['visual', 'bsl', 'audio'],
      ['visual', 'audio'],
    ]);
    expect(picker.value).toEqual(['visual', 'audio']);
  });

  it('reads a space-separated value attribute into schema order, without repeats', async () => {
    const picker = await mount<FwFormatPicker>(
      '<fw-format-picker value="  vibration visual\tvisual "></fw-format-picker>',
    );
    expect(picker.value).toEqual(['visual', 'vibration']);
    expect(await pressedFormats(picker)).toEqual(['visual', 'vibration']);
  });

  it('follows a value set from script without firing a change', async () => {
    const picker = await mount<FwFormatPicker>('<fw-format-picker></fw-format-picker>');
    const changes = recordChanges(picker);
    picker.value = ['easy-read', 'large-text'];
    expect(await pressedFormats(picker)).toEqual(['large-text', 'easy-read']);
    picker.setAttribute('value', 'audio');
    expect(await pressedFormats(picker)).toEqual(['audio']);
    expect(changes).toEqual([]);
  });

  it('throws a FwConfigError for an unknown format set from script', async () => {
    const picker = await mount<FwFormatPicker>('<fw-format-picker></fw-format-picker>');
    picker.value = ['bsl', 'smell' as Format];
    await expect(picker.updateComplete).rejects.toThrow(FwConfigError);
    await expect(picker.updateComplete).rejects.toThrow(/<fw-format-picker> value: "smell"/);
  });

  it('is pressed and released from the keyboard with Space and Enter', async () => {
    const picker = await mount<FwFormatPicker>('<fw-format-picker></fw-format-picker>');
    const changes = recordChanges(picker);

    await userEvent.keyboard('{Tab}');
    expect(focused(picker)).toBe(tile(picker, 'visual').element());
    await userEvent.keyboard(' ');
    await userEvent.keyboard('{Tab}');
    expect(focused(picker)).toBe(tile(picker, 'large-text').element());
    await userEvent.keyboard('{Enter}');
    await userEvent.keyboard('{Shift>}{Tab}{/Shift}');
    await userEvent.keyboard('{Enter}');

    expect(changes).toEqual([['visual'], ['visual', 'large-text'], ['large-text']]);
    expect(await pressedFormats(picker)).toEqual(['large-text']);
  });

  it('keeps the hints as descriptions when compact hides them from sight', async () => {
    const picker = await mount<FwFormatPicker>('<fw-format-picker compact></fw-format-picker>');
    const hint = translate('en-GB', 'formats.bsl.hint');
    await expect.element(tile(picker, 'bsl')).toHaveAccessibleDescription(hint);
    const box = tile(picker, 'bsl').getByText(hint).element().getBoundingClientRect();
    expect(box.width * box.height).toBeLessThanOrEqual(1);
  });

  it('lays its tiles out in two columns at 320 px and three when wide', async () => {
    const picker = await mount<FwFormatPicker>('<fw-format-picker></fw-format-picker>');
    const columns = () =>
      new Set(FORMATS.map((f) => tile(picker, f).element().getBoundingClientRect().left)).size;

    picker.style.inlineSize = '320px';
    await new Promise(requestAnimationFrame);
    expect(columns()).toBe(2);
    for (const format of FORMATS) {
      const { height } = tile(picker, format).element().getBoundingClientRect();
      expect(height).toBeGreaterThanOrEqual(48);
    }

    picker.style.inlineSize = '640px';
    await new Promise(requestAnimationFrame);
    expect(columns()).toBe(3);
  });
});
