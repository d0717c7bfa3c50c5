import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { translate } from '../../src/i18n/i18n.js';
import { mediaSettled, mount, unmountAll } from '../shared/test-utils.js';
import { runElementSuite } from '../shared/test-suites/element.suite.js';
import type { SignVideoUnavailableDetail } from './sign-video.js';
import { fixtures } from './sign-video.fixtures.js';
import './define.js';
import type { FwSignVideo } from './define.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  unmountAll();
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const MANIFEST = '/test/fixtures/media/manifest.json';
const TRANSCRIPT = '/test/fixtures/media/bsl/notice-sample.en-GB.txt';
const en = (key: string) => translate('en-GB', `video.${key}`);

function videoOf(player: FwSignVideo): HTMLVideoElement {
  const video = player.shadowRoot!.querySelector('video');
  if (!video) throw new Error('no <video> yet');
  return video;
}

/** Waits until the player shows either its clip, with metadata and transcript, or its message. */
async function ready(player: FwSignVideo): Promise<void> {
  await vi.waitFor(
    () => {
      const root = player.shadowRoot!;
      if (root.querySelector('[role="alert"]')) return;
      if (videoOf(player).readyState < HTMLMediaElement.HAVE_METADATA) throw new Error('loading');
      if (!root.querySelector('details')) throw new Error('no transcript yet');
    },
    { timeout: 5000 },
  );
  await player.updateComplete;
}

async function mountReady(markup: string): Promise<FwSignVideo> {
  const player = await mount<FwSignVideo>(markup);
  await ready(player);
  return player;
}

function button(player: FwSignVideo, name: string) {
  return page.elementLocator(player).getByRole('button', { name, exact: true });
}

/** Collects every unavailable event that reaches the page, to check it fires once. */
function unavailableEvents(): SignVideoUnavailableDetail[] {
  const seen: SignVideoUnavailableDetail[] = [];
  const listener = (e: CustomEvent<SignVideoUnavailableDetail>) => seen.push(e.detail);
  document.body.addEventListener('fw-sign-video-unavailable', listener);
  cleanups.push(() => document.body.removeEventListener('fw-sign-video-unavailable', listener));
  return seen;
}

function until(target: EventTarget, type: string): Promise<Event> {
  return new Promise((resolve) => target.addEventListener(type, resolve, { once: true }));
}

describe('fw-sign-video', () => {
  runElementSuite<FwSignVideo>({
    tag: 'fw-sign-video',
    fixtures,
    mount: mountReady,
    inItsLanguage: async (player, lang) => {
      const t = (key: string) => translate(lang, `video.${key}`);
      const view = page.elementLocator(player);
      if (player.signLang === 'xx-unknown') {
        await expect.element(view.getByRole('alert')).toHaveTextContent(t('unavailable'));
      } else {
        await expect.element(view.getByText(t('sample'))).toBeVisible();
        await expect.element(view.getByRole('button', { name: t('replay') })).toBeVisible();
        expect(videoOf(player).getAttribute('aria-label')).toBe(t('label'));
      }
    },
    // Held still, the clip waits on Play.
    still: async (player) => {
      if (!player.shadowRoot!.querySelector('video')) return;
      await expect
        .element(button(player, translate(player.lang || 'en-GB', 'video.play')))
        .toBeVisible();
    },
    configErrors: [{ attribute: 'sign-lang', value: ' ', message: 'must name a sign language' }],
    events: [
      {
        html: `<fw-sign-video manifest="${MANIFEST}" sign-lang="xx-unknown"></fw-sign-video>`,
        fires: ['fw-sign-video-unavailable'],
      },
      {
        trigger: async (player) => {
          const video = videoOf(player);
          video.currentTime = video.duration - 0.2;
          await button(player, en('play')).click();
        },
        fires: ['fw-sign-video-ended'],
      },
    ],
  });

  it('plays offline-ready: CORS-enabled, inline, preloaded', async () => {
    const video = videoOf(
      await mountReady(`<fw-sign-video manifest="${MANIFEST}"></fw-sign-video>`),
    );
    expect(video.crossOrigin).toBe('anonymous');
    expect(video.playsInline).toBe(true);
    expect(video.preload).toBe('auto');
    expect(video.currentSrc).toMatch(/notice-sample\.(webm|mp4)$/);
  });

  it('labels a sample clip as a sample, above the video', async () => {
    const player = await mountReady(`<fw-sign-video manifest="${MANIFEST}"></fw-sign-video>`);
    const label = page.elementLocator(player).getByText(en('sample'));
    await expect.element(label).toBeVisible();
    const labelBox = label.element().getBoundingClientRect();
    expect(labelBox.bottom).toBeLessThanOrEqual(videoOf(player).getBoundingClientRect().top);
  });

  it('shows English captions by default and hides them on request', async () => {
    const player = await mountReady(`<fw-sign-video manifest="${MANIFEST}"></fw-sign-video>`);
    const video = videoOf(player);
    const track = video.querySelector('track')!;
    expect(track.kind).toBe('captions');
    expect(track.srclang).toBe('en-GB');
    expect(track.track.mode).toBe('showing');

    const captions = button(player, en('captions'));
    await expect.element(captions).toHaveAttribute('aria-pressed', 'true');
    await captions.click();
    await expect.element(captions).toHaveAttribute('aria-pressed', 'false');
    expect(track.track.mode).toBe('hidden');
    await captions.click();
    expect(track.track.mode).toBe('showing');
  });

  it('plays slowly at 0.75× and back to normal speed', async () => {
    const player = await mountReady(`<fw-sign-video manifest="${MANIFEST}"></fw-sign-video>`);
    const slow = button(player, en('slow'));
    await slow.click();
    await expect.element(slow).toHaveAttribute('aria-pressed', 'true');
    expect(videoOf(player).playbackRate).toBe(0.75);
    await slow.click();
    await expect.element(slow).toHaveAttribute('aria-pressed', 'false');
    expect(videoOf(player).playbackRate).toBe(1);
  });

  it('keeps sound off until the person turns it on', async () => {
    const player = await mountReady(`<fw-sign-video manifest="${MANIFEST}"></fw-sign-video>`);
    const sound = button(player, en('sound'));
    await expect.element(sound).toHaveAttribute('aria-pressed', 'false');
    expect(videoOf(player).muted).toBe(true);
    await sound.click();
    await expect.element(sound).toHaveAttribute('aria-pressed', 'true');
    expect(videoOf(player).muted).toBe(false);
  });

  it('autoplays muted, never with sound', async () => {
    const player = await mount<FwSignVideo>(
      `<fw-sign-video manifest="${MANIFEST}" autoplay></fw-sign-video>`,
    );
    await vi.waitFor(() => expect(videoOf(player).paused).toBe(false), { timeout: 5000 });
    expect(videoOf(player).muted).toBe(true);
    await expect.element(button(player, en('sound'))).toHaveAttribute('aria-pressed', 'false');
    await expect.element(button(player, en('pause'))).toBeVisible();
  });

  it('does not start by itself without autoplay', async () => {
    const player = await mountReady(`<fw-sign-video manifest="${MANIFEST}"></fw-sign-video>`);
    await mediaSettled(videoOf(player));
    expect(videoOf(player).paused).toBe(true);
  });

  it('plays and pauses from one button whose name follows the state', async () => {
    const player = await mountReady(`<fw-sign-video manifest="${MANIFEST}"></fw-sign-video>`);
    await button(player, en('play')).click();
    await expect.element(button(player, en('pause'))).toBeVisible();
    expect(videoOf(player).paused).toBe(false);
    await button(player, en('pause')).click();
    await expect.element(button(player, en('play'))).toBeVisible();
    expect(videoOf(player).paused).toBe(true);
  });

  it('replays from the start, keeping the speed, sound and captions chosen', async () => {
    const player = await mountReady(`<fw-sign-video manifest="${MANIFEST}"></fw-sign-video>`);
    const video = videoOf(player);
    await button(player, en('slow')).click();
    await button(player, en('captions')).click();
    await button(player, en('play')).click();
    await vi.waitFor(() => expect(video.currentTime).toBeGreaterThan(1), { timeout: 5000 });

    const seeked = until(video, 'seeked');
    await button(player, en('replay')).click();
    await seeked;
    expect(video.currentTime).toBeLessThan(0.5);
    expect(video.paused).toBe(false);
    expect(video.playbackRate).toBe(0.75);
    expect(video.muted).toBe(true);
    expect(video.textTracks[0]!.mode).toBe('hidden');
  });

  it('replays and pauses from script', async () => {
    const player = await mountReady(`<fw-sign-video manifest="${MANIFEST}"></fw-sign-video>`);
    const video = videoOf(player);
    video.currentTime = 5;
    await until(video, 'seeked');
    player.replay();
    await until(video, 'playing');
    expect(video.currentTime).toBeLessThan(1);
    player.pause();
    expect(video.paused).toBe(true);
    await expect.element(button(player, en('play'))).toBeVisible();
  });

  it('says when the clip has played to its end', async () => {
    const player = await mountReady(`<fw-sign-video manifest="${MANIFEST}"></fw-sign-video>`);
    const ended: unknown[] = [];
    player.addEventListener('fw-sign-video-ended', (e) => ended.push(e.detail));
    const video = videoOf(player);
    video.currentTime = video.duration - 0.2;
    await button(player, en('play')).click();
    await vi.waitFor(() => expect(ended).toEqual([{ signLang: 'bfi' }]), { timeout: 5000 });
    await expect.element(button(player, en('play'))).toBeVisible();
  });

  it('shows the transcript, line by line, when the disclosure is opened', async () => {
    const player = await mountReady(`<fw-sign-video manifest="${MANIFEST}"></fw-sign-video>`);
    const lines = (await (await fetch(TRANSCRIPT)).text())
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    const view = page.elementLocator(player);
    await expect.element(view.getByText(lines[1]!)).not.toBeVisible();

    await view.getByText(en('transcript'), { exact: true }).click();
    for (const line of lines) await expect.element(view.getByText(line)).toBeVisible();
    const details = player.shadowRoot!.querySelector('details')!;
    const shown = details.innerText
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    expect(shown).toEqual([en('transcript'), ...lines]);
  });

  it('says the clip is unavailable for an unknown sign language', async () => {
    const events = unavailableEvents();
    const player = await mount<FwSignVideo>(
      `<fw-sign-video manifest="${MANIFEST}" sign-lang="xx-unknown"></fw-sign-video>`,
    );
    await expect
      .element(page.elementLocator(player).getByRole('alert'))
      .toHaveTextContent(en('unavailable'));
    expect(events).toEqual([{ signLang: 'xx-unknown', reason: 'no-clip' }]);
    expect(player.shadowRoot!.querySelector('video')).toBeNull();
    expect(page.elementLocator(player).getByRole('button').elements()).toEqual([]);
  });

  it('says the clip is unavailable when the manifest cannot be loaded', async () => {
    const events = unavailableEvents();
    const player = await mount<FwSignVideo>(
      '<fw-sign-video manifest="/test/fixtures/media/no-such-manifest.json"></fw-sign-video>',
    );
    await expect
      .element(page.elementLocator(player).getByRole('alert'))
      .toHaveTextContent(en('unavailable'));
    expect(events).toEqual([{ signLang: 'bfi', reason: 'manifest' }]);
  });

  it('says the clip is unavailable when the video itself cannot load', async () => {
    const manifest = {
      version: 1,
      audio: {},
      sign: {
        bfi: {
          label: 'British Sign Language',
          sample: true,
          sources: [{ src: `${location.origin}/no-such-clip.webm`, type: 'video/webm' }],
          captions: [],
          transcripts: [],
        },
      },
    };
    const url = `data:application/json,${encodeURIComponent(JSON.stringify(manifest))}`;
    const events = unavailableEvents();
    const player = await mount<FwSignVideo>(`<fw-sign-video manifest="${url}"></fw-sign-video>`);
    await expect
      .element(page.elementLocator(player).getByRole('alert'))
      .toHaveTextContent(en('unavailable'));
    expect(events).toEqual([{ signLang: 'bfi', reason: 'media-error' }]);
    await expect.element(page.elementLocator(player).getByText(en('sample'))).toBeVisible();
  });

  it('is operable in a sensible order from the keyboard alone', async () => {
    const player = await mountReady(`<fw-sign-video manifest="${MANIFEST}"></fw-sign-video>`);
    const names = [en('play'), en('replay'), en('slow'), en('captions'), en('sound')];
    if (document.fullscreenEnabled) names.push(en('fullscreen'));
    names.push(en('transcript'));

    const focused = () => player.shadowRoot!.activeElement?.textContent?.trim();
    const order: (string | undefined)[] = [];
    for (let i = 0; i < names.length; i++) {
      await userEvent.keyboard('{Tab}');
      order.push(focused());
    }
    expect(order).toEqual(names);

    // Backwards to Slow, then Enter and Space operate the buttons.
    for (let i = names.indexOf(en('slow')); i < names.length - 1; i++) {
      await userEvent.keyboard('{Shift>}{Tab}{/Shift}');
    }
    expect(focused()).toBe(en('slow'));
    await userEvent.keyboard('{Enter}');
    await expect.element(button(player, en('slow'))).toHaveAttribute('aria-pressed', 'true');
    await userEvent.keyboard('{Tab}');
    await userEvent.keyboard(' ');
    await expect.element(button(player, en('captions'))).toHaveAttribute('aria-pressed', 'false');

    await userEvent.keyboard('{Shift>}{Tab}{Tab}{Tab}{/Shift}');
    expect(focused()).toBe(en('play'));
    await userEvent.keyboard(' ');
    await expect.element(button(player, en('pause'))).toBeVisible();
    expect(videoOf(player).paused).toBe(false);

    player.shadowRoot!.querySelector('summary')!.focus();
    await userEvent.keyboard('{Enter}');
    expect(player.shadowRoot!.querySelector('details')!.open).toBe(true);
  });

  it('goes full screen with its controls and captions, and comes back', async () => {
    if (!document.fullscreenEnabled) return;
    const player = await mountReady(`<fw-sign-video manifest="${MANIFEST}"></fw-sign-video>`);
    const fullscreen = button(player, en('fullscreen'));
    await fullscreen.click();
    await expect.element(fullscreen).toHaveAttribute('aria-pressed', 'true');
    expect(document.fullscreenElement).toBe(player);
    await expect.element(button(player, en('replay'))).toBeVisible();
    await fullscreen.click();
    await expect.element(fullscreen).toHaveAttribute('aria-pressed', 'false');
    expect(document.fullscreenElement).toBeNull();
  });
});
