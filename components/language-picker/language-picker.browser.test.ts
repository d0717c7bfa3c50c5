import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { translate } from '../../src/i18n/i18n.js';
import { LOCALES, findLocale } from '../../src/i18n/locales.js';
import { mount, unmountAll } from '../shared/test-utils.js';
import { runElementSuite } from '../shared/test-suites/element.suite.js';
import { fixtures } from './language-picker.fixtures.js';
import './define.js';
import type { FwLanguagePicker } from './language-picker.js';

afterEach(unmountAll);

const en = (key: string, options?: Record<string, unknown>) => translate('en-GB', key, options);

function within(picker: FwLanguagePicker) {
  return page.elementLocator(picker);
}

function language(picker: FwLanguagePicker, tag: string) {
  const { endonym } = findLocale(tag)!;
  return within(picker).getByRole('button', { name: endonym, exact: true });
}

function filter(picker: FwLanguagePicker) {
  return within(picker).getByRole('searchbox', { name: en('languages.filter') });
}

async function shownEndonyms(picker: FwLanguagePicker): Promise<string[]> {
  await picker.updateComplete;
  return within(picker)
    .getByRole('button')
    .elements()
    .map((b) => b.querySelector('.endonym')!.textContent!.trim());
}

async function search(picker: FwLanguagePicker, text: string): Promise<void> {
  await filter(picker).fill(text);
  await picker.updateComplete;
}

/** WCAG 1.4.12's text spacing, the values test/conformance/layout.spec.ts applies. */
const TEXT_SPACING = `* {
  line-height: 1.5 !important;
  letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important;
}
p { margin-block-end: 2em !important; }`;

/**
 * Every line of a tile's text that is not wholly inside the tile, within its border: text that
 * spills into the gap or the next tile, or under the edge of the scrolling list, which clips it.
 */
function textOutsideTiles(picker: FwLanguagePicker): string[] {
  const found: string[] = [];
  for (const tile of picker.shadowRoot!.querySelectorAll<HTMLElement>('[part="language"]')) {
    const box = tile.getBoundingClientRect();
    const inside = {
      left: box.left + tile.clientLeft,
      top: box.top + tile.clientTop,
      right: box.left + tile.clientLeft + tile.clientWidth,
      bottom: box.top + tile.clientTop + tile.clientHeight,
    };
    for (const text of tile.querySelectorAll('.endonym, .name')) {
      const range = document.createRange();
      range.selectNodeContents(text);
      for (const line of range.getClientRects()) {
        const out = Math.max(
          inside.left - line.left,
          line.right - inside.right,
          inside.top - line.top,
          line.bottom - inside.bottom,
        );
        if (out > 0.5) found.push(`"${text.textContent!.trim()}" by ${Math.ceil(out)} px`);
      }
    }
  }
  return found;
}

describe('fw-language-picker', () => {
  runElementSuite<FwLanguagePicker>({
    tag: 'fw-language-picker',
    fixtures,
    inItsLanguage: async (picker, lang) => {
      await expect
        .element(within(picker).getByRole('group', { name: translate(lang, 'languages.legend') }))
        .toBeVisible();
      expect(within(picker).getByRole('button').all()).toHaveLength(LOCALES.length);
    },
    configErrors: [{ attribute: 'value', value: 'tlh', message: '"tlh"' }],
    events: [
      { trigger: (picker) => language(picker, 'cy').click(), fires: ['fw-language-change'] },
    ],
  });

  it('names each language by its endonym, in its own language and direction', async () => {
    const picker = await mount<FwLanguagePicker>('<fw-language-picker></fw-language-picker>');
    for (const { tag, endonym, name, dir } of LOCALES) {
      const button = language(picker, tag);
      await expect.element(button).toHaveAccessibleName(endonym);
      await expect.element(button).toHaveAttribute('lang', tag);
      await expect.element(button).toHaveAttribute('dir', dir);
      if (name !== endonym) await expect.element(button).toHaveAccessibleDescription(name);
    }
  });

  it('shows the English name under a right-to-left endonym, left to right', async () => {
    const picker = await mount<FwLanguagePicker>('<fw-language-picker></fw-language-picker>');
    const arabic = language(picker, 'ar');
    await expect.element(arabic.getByText('Arabic', { exact: true })).toBeVisible();
    expect(getComputedStyle(arabic.getByText('العربية').element()).direction).toBe('rtl');
    expect(getComputedStyle(arabic.getByText('Arabic').element()).direction).toBe('ltr');
  });

  it.each([
    ['espanol', ['Español']],
    ['ESPAÑOL', ['Español']],
    ['arab', ['العربية']],
    ['zh', ['简体中文']],
    ['  lietuviu ', ['Lietuvių']],
  ])('finds %j by endonym, English name or tag, ignoring case and accents', async (text, found) => {
    const picker = await mount<FwLanguagePicker>('<fw-language-picker></fw-language-picker>');
    await search(picker, text);
    expect(await shownEndonyms(picker)).toEqual(found);
  });

  it('says how many languages match, with the right plural', async () => {
    const picker = await mount<FwLanguagePicker>('<fw-language-picker></fw-language-picker>');
    const status = within(picker).getByRole('status');
    await expect.element(status).toHaveTextContent(`${LOCALES.length} languages`);

    await search(picker, 'espanol');
    await expect.element(status).toHaveTextContent(/^1 language$/);

    // Lietuvių, Türkçe, and Portuguese by its English name.
    await search(picker, 'tu');
    await expect.element(status).toHaveTextContent(/^3 languages$/);
    expect(await shownEndonyms(picker)).toEqual(['Lietuvių', 'Türkçe', 'Português']);
  });

  it('says so when no language matches', async () => {
    const picker = await mount<FwLanguagePicker>('<fw-language-picker></fw-language-picker>');
    await search(picker, 'klingon');
    await expect
      .element(within(picker).getByRole('status'))
      .toHaveTextContent(en('languages.none'));
    expect(await shownEndonyms(picker)).toEqual([]);
  });

  it('clears the search with Escape', async () => {
    const picker = await mount<FwLanguagePicker>('<fw-language-picker></fw-language-picker>');
    await search(picker, 'arab');
    let escapesSeen = 0;
    picker.addEventListener('keydown', (e) => (escapesSeen += e.key === 'Escape' ? 1 : 0));

    await userEvent.keyboard('{Escape}');
    await picker.updateComplete;
    await expect.element(filter(picker)).toHaveValue('');
    expect(await shownEndonyms(picker)).toHaveLength(LOCALES.length);
    expect(escapesSeen).toBe(0);

    await userEvent.keyboard('{Escape}');
    expect(escapesSeen).toBe(1);
  });

  it('reports the language a person chooses, and shows it as chosen', async () => {
    const picker = await mount<FwLanguagePicker>(
      '<fw-language-picker value="en-GB"></fw-language-picker>',
    );
    const chosen: string[] = [];
    picker.addEventListener('fw-language-change', (e) => chosen.push(e.detail.lang));

    await language(picker, 'pl').click();
    await expect.element(language(picker, 'pl')).toHaveAttribute('aria-pressed', 'true');
    await expect.element(language(picker, 'en-GB')).toHaveAttribute('aria-pressed', 'false');

    await search(picker, 'chinese');
    await language(picker, 'zh-Hans').click();
    await expect.element(language(picker, 'zh-Hans')).toHaveAttribute('aria-pressed', 'true');

    expect(chosen).toEqual(['pl', 'zh-Hans']);
    expect(picker.value).toBe('zh-Hans');
    expect(within(picker).getByRole('button', { pressed: true }).all()).toHaveLength(1);
  });

  it('can be searched and chosen from the keyboard', async () => {
    const picker = await mount<FwLanguagePicker>('<fw-language-picker></fw-language-picker>');
    const chosen: string[] = [];
    picker.addEventListener('fw-language-change', (e) => chosen.push(e.detail.lang));

    await userEvent.keyboard('{Tab}');
    await userEvent.keyboard('cymraeg');
    await userEvent.keyboard('{Tab}');
    await userEvent.keyboard('{Enter}');
    expect(chosen).toEqual(['cy']);
  });

  it('follows a value set from script without reporting a choice', async () => {
    const picker = await mount<FwLanguagePicker>('<fw-language-picker></fw-language-picker>');
    const chosen: string[] = [];
    picker.addEventListener('fw-language-change', (e) => chosen.push(e.detail.lang));
    picker.setAttribute('value', 'ZH-hans');
    await picker.updateComplete;
    await expect.element(language(picker, 'zh-Hans')).toHaveAttribute('aria-pressed', 'true');
    expect(picker.value).toBe('zh-Hans');
    expect(chosen).toEqual([]);
  });

  it('labels itself in its own language while each language keeps its own', async () => {
    const picker = await mount<FwLanguagePicker>(
      '<fw-language-picker lang="ar"></fw-language-picker>',
    );
    await expect
      .element(within(picker).getByRole('searchbox', { name: translate('ar', 'languages.filter') }))
      .toBeVisible();
    await expect.element(language(picker, 'pl')).toHaveAttribute('dir', 'ltr');
    await expect
      .element(within(picker).getByRole('status'))
      .toHaveTextContent(translate('ar', 'languages.count', { count: LOCALES.length }));
  });

  it('lays its languages out in two columns at 320 px and more when wide', async () => {
    const picker = await mount<FwLanguagePicker>('<fw-language-picker></fw-language-picker>');
    const buttons = () => within(picker).getByRole('button').elements();
    const columns = () => new Set(buttons().map((b) => b.getBoundingClientRect().left)).size;

    picker.style.inlineSize = '320px';
    await new Promise(requestAnimationFrame);
    expect(columns()).toBe(2);
    expect(
      Math.min(...buttons().map((b) => b.getBoundingClientRect().height)),
    ).toBeGreaterThanOrEqual(48);

    picker.style.inlineSize = '800px';
    await new Promise(requestAnimationFrame);
    expect(columns()).toBeGreaterThan(3);
  });

  it.each(LOCALES.map((l) => [l.tag, l.dir] as const))(
    'fits every name inside its tile with WCAG text spacing, in %s, narrow and wide',
    async (lang, dir) => {
      const picker = await mount<FwLanguagePicker>(
        `<fw-language-picker lang="${lang}" dir="${dir}"></fw-language-picker>`,
      );
      const spacing = new CSSStyleSheet();
      spacing.replaceSync(TEXT_SPACING);
      picker.shadowRoot!.adoptedStyleSheets = [...picker.shadowRoot!.adoptedStyleSheets, spacing];
      // 288 px is the picker's width in the kiosk at a 320 px viewport.
      for (const width of [288, 320, 480, 1024]) {
        picker.style.inlineSize = `${width}px`;
        await new Promise(requestAnimationFrame);
        expect(textOutsideTiles(picker), `at ${width} px`).toEqual([]);
      }
    },
  );

  it('scrolls the list within --fw-language-picker-max-block-size, keeping the search in view', async () => {
    const picker = await mount<FwLanguagePicker>(
      '<fw-language-picker style="--fw-language-picker-max-block-size: 12rem"></fw-language-picker>',
    );
    const last = language(picker, LOCALES.at(-1)!.tag).element();
    const list = last.parentElement!;
    expect(list.getBoundingClientRect().height).toBeLessThanOrEqual(12 * 16);
    expect(list.scrollHeight).toBeGreaterThan(list.clientHeight);

    last.scrollIntoView();
    await expect.element(language(picker, LOCALES.at(-1)!.tag)).toBeInViewport();
    const input = filter(picker).element().getBoundingClientRect();
    expect(input.bottom).toBeLessThanOrEqual(list.getBoundingClientRect().top);
    await expect.element(filter(picker)).toBeInViewport();
  });
});
