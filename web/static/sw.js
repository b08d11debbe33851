// The service worker, served at /sw.js so that it controls the whole site. Pages always come from
// the network (they change with every booking); without network a page request gets the offline
// page, which shows the booking saved on this device. Hashed static files are cached on first use.
'use strict';
const CACHE = 'amt-offline-v1';
const OFFLINE = '/offline';
// The page language at registration (/sw.js?lang=de): a worker's own requests carry no
// Accept-Language the citizen chose, so the offline page is fetched in that language explicitly.
const LANG = new URL(self.location.href).searchParams.get('lang') || 'de';

// The offline page and everything it links to (stylesheets, script, icons), found in its HTML, so
// this file needs no list of hashed file names.
async function precache() {
  const cache = await caches.open(CACHE);
  const response = await fetch(OFFLINE + '?lang=' + encodeURIComponent(LANG), { cache: 'no-store' });
  if (!response.ok) throw new Error('offline page: ' + response.status);
  const html = await response.clone().text();
  await cache.put(OFFLINE, response);
  const assets = new Set();
  for (const m of html.matchAll(/(?:href|src)="(\/static\/[^"]+)"/g)) assets.add(m[1]);
  await cache.addAll([...assets]);
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(async () => (await caches.match(OFFLINE)) || Response.error()));
    return;
  }
  if (url.pathname.startsWith('/static/')) {
    event.respondWith((async () => {
      const cached = await caches.match(request);
      if (cached) return cached;
      const response = await fetch(request);
      if (response.ok) (await caches.open(CACHE)).put(request, response.clone());
      return response;
    })());
  }
});
