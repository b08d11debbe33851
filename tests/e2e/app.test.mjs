// The citizen site as an installable app, in a real browser against the real server: manifest and
// service worker register, the booking saved on the confirmation page shows with the network off,
// nothing is saved without a confirmation, and /news and the offline page pass axe-core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, serverAndBrowser, bookThroughApi } from './server.mjs';
import { openPage, closePage, checkAccessibility } from './browser.mjs';

const binary = process.env.AMT_BINARY;
const shared = serverAndBrowser(binary);

// Chromium does not apply context.setOffline() to the service worker's own fetches, so "no
// network" is both: the browser offline and the server gone. Each offline test has its own server.
async function goOffline(page, own) {
  await page.context().setOffline(true);
  await own.stop();
}

async function serviceWorkerScript(page) {
  return page.evaluate(async () => (await navigator.serviceWorker.ready).active.scriptURL);
}

test('the site installs as an app: a manifest with icons and a registered service worker', async () => {
  const page = await openPage(shared.browser, shared.server.origin);
  await page.goto(`${shared.server.origin}/`);
  const href = await page.locator('link[rel=manifest]').getAttribute('href');
  const manifest = await page.request.get(new URL(href, shared.server.origin).href);
  assert.equal(manifest.status(), 200);
  assert.match(manifest.headers()['content-type'], /^application\/manifest\+json/);
  const m = await manifest.json();
  assert.equal(m.display, 'standalone');
  assert.equal(m.start_url, '/');
  assert.ok(m.name && m.short_name);
  const sizes = m.icons.map((i) => i.sizes);
  assert.ok(sizes.includes('192x192') && sizes.includes('512x512'), sizes.join());
  for (const icon of m.icons) {
    const r = await page.request.get(new URL(icon.src, shared.server.origin).href);
    assert.equal(r.status(), 200, icon.src);
    assert.equal(r.headers()['content-type'], icon.type);
  }
  assert.equal(await serviceWorkerScript(page), `${shared.server.origin}/sw.js?lang=de`);
  await closePage(page);
});

test('the booking saved on the confirmation page shows with the network switched off', async () => {
  const own = await startServer(binary);
  const page = await openPage(shared.browser, own.origin);
  const booking = await bookThroughApi(page, own.origin, {
    day: '2027-03-17', contact: { name: 'Anna Muster', email: 'anna.app@example.org' },
  });
  await page.goto(`${own.origin}/manage/${booking.code}?token=${encodeURIComponent(booking.manage_token)}&booked=1`);
  await page.getByText('Ihr Termin ist gebucht').waitFor();
  const time = (await page.locator('dt:has-text("Uhrzeit") + dd').textContent()).trim();
  await serviceWorkerScript(page);
  await goOffline(page, own);
  await page.goto(`${own.origin}/`);
  await page.getByRole('heading', { name: 'Sie sind offline' }).waitFor();
  const saved = page.locator('#saved-booking');
  assert.ok(await saved.isVisible());
  assert.equal((await saved.locator('[data-field=code]').textContent()).trim(), booking.code);
  assert.equal((await saved.locator('[data-field=time]').textContent()).trim(), time);
  assert.match(await saved.locator('[data-field=place]').textContent(), /Jobcenter Mainz/);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('amt.booking')));
  assert.deepEqual(Object.keys(stored).sort(), ['code', 'date', 'place', 'time']);  // nothing personal
  await page.context().setOffline(false);
  await closePage(page);
});

test('without a confirmation nothing is saved and offline shows only the offline notice', async () => {
  const own = await startServer(binary);
  const page = await openPage(shared.browser, own.origin);
  await page.goto(`${own.origin}/news`);
  await serviceWorkerScript(page);
  await goOffline(page, own);
  await page.goto(`${own.origin}/manage`);
  await page.getByRole('heading', { name: 'Sie sind offline' }).waitFor();
  assert.equal(await page.locator('#saved-booking').isVisible(), false);
  assert.equal(await page.evaluate(() => localStorage.getItem('amt.booking')), null);
  await page.context().setOffline(false);
  await closePage(page);
});

test('the news page shows the pinned Terminpflicht announcement and is accessible', async () => {
  for (const lang of ['de', 'en', 'ar']) {
    const page = await openPage(shared.browser, shared.server.origin);
    await page.goto(`${shared.server.origin}/news?lang=${lang}`);
    assert.ok(await page.locator('#news-terminpflicht').isVisible());
    assert.ok(await page.locator('.news-banner a[href="/news#news-terminpflicht"]').isVisible());
    await checkAccessibility(page, `news-${lang}`);
    await page.goto(`${shared.server.origin}/offline?lang=${lang}`);
    await checkAccessibility(page, `offline-${lang}`);
    await closePage(page);
  }
});
