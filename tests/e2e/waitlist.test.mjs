// The waitlist pages (issue #8 item 3) in a real browser: the link from the day choice, the join
// form with errors next to the fields, the entry page, and the held time's one-tap page, booked
// without JavaScript; every step axe-clean in German and English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, openPage, closePage, step } from './browser.mjs';

const binary = process.env.AMT_BINARY;
let server;
let browser;

before(async () => {
  assert.ok(binary, 'set AMT_BINARY to the amtstermin binary');
  server = await startServer(binary);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function api(method, path, body, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const resp = await fetch(`${server.origin}${path}`, { method, headers, body: body && JSON.stringify(body) });
  return { status: resp.status, json: resp.status === 204 ? null : await resp.json() };
}

// Books a time until it is full; returns the bookings.
async function fill(start) {
  const booked = [];
  for (let i = 0; i < 20; i++) {
    const r = await api('POST', '/api/v1/bookings', { location: 'mainz', service: 'first-application', start,
      contact: { name: 'Voll Belegt', email: `full.${i}@example.org` } });
    if (r.status !== 201) break;
    booked.push(r.json);
  }
  return booked;
}

test('a citizen asks for a time from the day choice, sees errors next to the fields, then joins', async () => {
  const page = await openPage(browser, server.origin);
  await page.goto(`${server.origin}/book/first-application/day`);
  await page.getByRole('link', { name: 'Auf der Warteliste nach einem Termin fragen' }).click();
  await step(page, 'waitlist-1-join-form');
  for (const day of ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag']) await page.getByLabel(day).uncheck();
  await page.getByLabel('Name').fill('Lena Warte');
  await page.getByRole('button', { name: 'Auf die Warteliste' }).click();
  await step(page, 'waitlist-2-join-errors');
  assert.ok(await page.locator('#weekdays-error').isVisible());
  assert.ok(await page.locator('#email-error').isVisible());
  assert.equal(await page.getByLabel('Name').inputValue(), 'Lena Warte');
  await page.getByLabel('Dienstag').check();
  await page.getByLabel('E-Mail-Adresse').fill('lena.warte@example.org');
  await page.getByRole('button', { name: 'Auf die Warteliste' }).click();
  await page.getByText('Sie stehen auf der Warteliste').first().waitFor();
  await step(page, 'waitlist-3-joined');
  await closePage(page);
});

test('the held time is booked with one tap, without JavaScript, and a second tap gets a clear page', async () => {
  const days = await (await fetch(`${server.origin}/api/v1/availability?location=mainz&service=first-application&from=2027-03-24&to=2027-03-24`)).json();
  const start = days.days[0].slots[3].start;
  const booked = await fill(start);
  assert.ok(booked.length > 0);
  const local = new Date(Date.parse(start) + 3600e3).toISOString().slice(11, 16);  // CET wall clock
  const end = new Date(Date.parse(start) + 3600e3 + 45 * 60e3).toISOString().slice(11, 16);
  const joined = await api('POST', '/api/v1/waitlist', { location: 'mainz', service: 'first-application',
    weekdays: ['wed'], from: local, to: end, contact: { name: 'Omar Held', phone: '+491517654321' }, language: 'en' });
  assert.equal(joined.status, 201);
  const cancel = await api('POST', `/api/v1/bookings/${booked[0].code}/cancel`, null, booked[0].manage_token);
  assert.equal(cancel.status, 200);

  for (const [locale, lang] of [['de-DE', 'de'], ['en-GB', 'en']]) {
    const page = await openPage(browser, server.origin, { locale });  // axe needs JavaScript; the page has none
    await page.goto(`${server.origin}/waitlist/${joined.json.id}?token=${joined.json.token}&lang=${lang}`);
    await step(page, `waitlist-4-offer-${lang}`);
    await closePage(page);
  }
  // The same offer open twice (a second tab, or a double tap): the first tap books, the second one
  // gets a clear page.
  const offer = `${server.origin}/waitlist/${joined.json.id}?token=${joined.json.token}&lang=en`;
  const page = await openPage(browser, server.origin, { javaScriptEnabled: false, locale: 'en-GB' });
  const stale = await openPage(browser, server.origin, { javaScriptEnabled: false, locale: 'en-GB' });
  await page.goto(offer);
  await stale.goto(offer);
  await page.getByRole('button', { name: 'Book this time' }).click();
  await page.getByText('Your appointment is booked').first().waitFor();
  await step(page, 'waitlist-5-booked', { axe: false });
  await stale.getByRole('button', { name: 'Book this time' }).click();
  await stale.getByText('This time is no longer held for you').first().waitFor();
  await step(stale, 'waitlist-6-second-tap', { axe: false });
  await closePage(stale);
  await closePage(page);
});
