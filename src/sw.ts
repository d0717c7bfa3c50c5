/// <reference lib="webworker" />
// The service worker: after the first visit, the kiosk works with no network. Everything the build
// emits is precached (app shell, every locale chunk, the Tone.js chunk, sign clips, captions).
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  matchPrecache,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { createPartialResponse } from 'workbox-range-requests';
import { clientsClaim } from 'workbox-core';
import { CONTENT_CACHE } from './content/active.js';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
};

// Video players ask for byte ranges. The precache holds whole files, so answer a range request
// from the cached file with a 206; registered before the precache route so it is tried first.
registerRoute(
  ({ url }) => /\.(webm|mp4)$/.test(url.pathname),
  async ({ request }) => {
    const cached = await matchPrecache(request.url);
    if (!cached) return fetch(request);
    return request.headers.has('range') ? createPartialResponse(request, cached) : cached;
  },
);

// The force's content set, once a kiosk has stored it (src/content/delivery.ts): the manifest
// the players read, and each file by its hash, from the cache and with byte ranges, offline.
registerRoute(
  ({ url }) => url.origin === self.location.origin && url.pathname.startsWith('/content/'),
  async ({ request, url }) => {
    const cached = await (await caches.open(CONTENT_CACHE)).match(url.pathname);
    if (!cached) return fetch(request);
    return request.headers.has('range') ? createPartialResponse(request, cached) : cached;
  },
);

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every view of the single-page app (/, /review, /lab, ?lang=…) opens offline from the shell.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }),
);

// The first visit is controlled as soon as the worker activates, so it already works offline.
clientsClaim();

// A new version waits until the officer chooses to update, never in the middle of a notice.
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
