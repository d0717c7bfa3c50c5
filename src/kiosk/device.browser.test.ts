import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from './config.js';
import { keepScreenOn } from './device.js';

function fakeWakeLock() {
  const sentinels: Array<{ released: boolean; release: () => Promise<void> }> = [];
  const request = vi.fn(async () => {
    const sentinel = {
      released: false,
      release: async () => {
        sentinel.released = true;
      },
    };
    sentinels.push(sentinel);
    return sentinel;
  });
  Object.defineProperty(navigator, 'wakeLock', { value: { request }, configurable: true });
  return { request, sentinels };
}

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}

afterEach(() => {
  setVisibility('visible');
  vi.restoreAllMocks();
});

describe('keepScreenOn', () => {
  it('asks for a screen wake lock, and again when the page becomes visible after losing it', async () => {
    const { request, sentinels } = fakeWakeLock();
    const release = keepScreenOn();
    await vi.waitFor(() => expect(request).toHaveBeenCalledTimes(1));
    expect(request).toHaveBeenCalledWith('screen');

    // The browser releases the lock when the page is hidden.
    setVisibility('hidden');
    await sentinels[0]!.release();
    setVisibility('visible');
    await vi.waitFor(() => expect(request).toHaveBeenCalledTimes(2));

    release();
    expect(sentinels[1]!.released).toBe(true);
    setVisibility('hidden');
    setVisibility('visible');
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('does nothing, and throws nothing, where wake lock is refused', async () => {
    const request = vi.fn(async () => {
      throw new DOMException('Battery saver', 'NotAllowedError');
    });
    Object.defineProperty(navigator, 'wakeLock', { value: { request }, configurable: true });
    const release = keepScreenOn();
    await vi.waitFor(() => expect(request).toHaveBeenCalled());
    release();
  });
});

describe('loadConfig', () => {
  it('accepts an https relay-service link', async () => {
    vi.spyOn(window, 'fetch').mockResolvedValue(Response.json({ vrsUrl: 'https://vrs.example/x' }));
    expect(await loadConfig()).toEqual({ vrsUrl: 'https://vrs.example/x' });
  });

  it.each([
    ['a non-https link', Response.json({ vrsUrl: 'javascript:alert(1)' })],
    ['no settings', new Response('not found', { status: 404 })],
    ['broken settings', new Response('{', { status: 200 })],
  ])('shows no relay service for %s', async (_name, response) => {
    vi.spyOn(window, 'fetch').mockResolvedValue(response);
    expect(await loadConfig()).toEqual({ vrsUrl: null });
  });

  it('shows no relay service when offline', async () => {
    vi.spyOn(window, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'));
    expect(await loadConfig()).toEqual({ vrsUrl: null });
  });
});
