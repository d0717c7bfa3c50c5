import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Connectivity } from './connectivity.js';

/** A stand-in for the kiosk: counts the re-renders the controller asks for. */
function fakeHost() {
  const controllers: ReactiveController[] = [];
  const host: ReactiveControllerHost & { controllers: ReactiveController[] } = {
    controllers,
    addController: (c) => controllers.push(c),
    removeController: () => undefined,
    requestUpdate: vi.fn(),
    updateComplete: Promise.resolve(true),
  };
  return host;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });

const stops: Array<() => void> = [];
afterEach(() => {
  stops.splice(0).forEach((stop) => stop());
});

/**
 * Starts the controller as the kiosk would, and waits for its first probe (made once the page is
 * idle) to answer. The first answer is held until the probe is seen, so `probe()` then joins that
 * same probe rather than starting a second.
 */
async function started(answer: typeof globalThis.fetch) {
  let release!: () => void;
  const seen = new Promise<void>((resolve) => (release = resolve));
  const fetch = vi.fn<typeof globalThis.fetch>(async (input, init) => {
    await seen;
    return answer(input, init);
  });
  const host = fakeHost();
  const connectivity = new Connectivity(host, fetch);
  host.controllers.forEach((c) => c.hostConnected?.());
  stops.push(() => host.controllers.forEach((c) => c.hostDisconnected?.()));
  await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1), { timeout: 10_000 });
  release();
  await connectivity.probe();
  expect(fetch).toHaveBeenCalledTimes(1);
  return { connectivity, host, fetch };
}

describe('Connectivity', () => {
  it('counts the server as reachable when /api/health answers {status: "ok"}', async () => {
    const { connectivity, fetch } = await started(async () => json({ status: 'ok' }));
    expect(connectivity.online).toBe(true);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/health');
    expect(init).toMatchObject({ cache: 'no-store', credentials: 'omit' });
    expect(init?.signal).toBeInstanceOf(AbortSignal);
  });

  it('is offline when the request fails, though the browser says it is online', async () => {
    expect(navigator.onLine).toBe(true);
    const { connectivity, host } = await started(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(connectivity.online).toBe(false);
    expect(host.requestUpdate).toHaveBeenCalled();
  });

  it("is offline behind a captive portal: an HTML 200 is not the server's answer", async () => {
    const { connectivity } = await started(
      async () =>
        new Response('<!doctype html><title>Sign in to Wi-Fi</title>', {
          status: 200,
          headers: { 'content-type': 'text/html' },
        }),
    );
    expect(connectivity.online).toBe(false);
  });

  it('stays reachable when the server answers that its store is down (503 unavailable)', async () => {
    const { connectivity } = await started(async () =>
      json({ error: { code: 'unavailable', message: 'The store is not reachable.' } }, 503),
    );
    expect(connectivity.online).toBe(true);
  });

  it('goes offline at once on the offline event, without waiting for a probe', async () => {
    const { connectivity, host, fetch } = await started(async () => json({ status: 'ok' }));
    expect(connectivity.online).toBe(true);
    window.dispatchEvent(new Event('offline'));
    expect(connectivity.online).toBe(false);
    expect(host.requestUpdate).toHaveBeenCalled();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('asks the server again on the online event, and is reachable once it answers', async () => {
    let up = false;
    const { connectivity, fetch } = await started(async () => {
      if (!up) throw new TypeError('Failed to fetch');
      return json({ status: 'ok' });
    });
    expect(connectivity.online).toBe(false);

    up = true;
    window.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(connectivity.online).toBe(true), { timeout: 10_000 });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('stays offline after an offline event, even if a probe already under way then answers', async () => {
    let answer!: () => void;
    const { connectivity, fetch } = await started(async () => json({ status: 'ok' }));
    fetch.mockImplementation(
      () => new Promise<Response>((resolve) => (answer = () => resolve(json({ status: 'ok' })))),
    );
    const late = connectivity.probe();
    window.dispatchEvent(new Event('offline'));
    answer();
    await late;
    expect(connectivity.online).toBe(false);
  });

  it('never runs two probes at once', async () => {
    let answer!: () => void;
    const { connectivity, fetch } = await started(async () => json({ status: 'ok' }));
    fetch.mockImplementation(
      () => new Promise<Response>((resolve) => (answer = () => resolve(json({ status: 'ok' })))),
    );
    const first = connectivity.probe();
    window.dispatchEvent(new Event('online'));
    document.dispatchEvent(new Event('visibilitychange'));
    expect(connectivity.probe()).toBe(first);
    expect(fetch).toHaveBeenCalledTimes(2);
    answer();
    await expect(first).resolves.toBe(true);
  });
});
