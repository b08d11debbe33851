// The kiosk board (issue #5) in a real browser against the real server: opened once with its
// device key, an emergency ticket in three taps, check-in by the on-screen keypad, the walk-in and
// "please book" screens, the idle reset that leaves no entered data in the DOM, the calm "one
// moment" screen when the server is gone, and axe-core on every kiosk screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launch, openPage, closePage, step as citizenStep } from './browser.mjs';

// Kiosk screens are sparse (a heading and a few big buttons), so axe-core has fewer rules to pass
// than on the citizen pages: the same WCAG 2.1 A/AA check with a lower floor for "checked something".
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
async function step(page, name) {
  await citizenStep(page, name, { axe: false });
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  const violations = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  assert.deepEqual(violations, [], `axe-core violations on ${name}`);
  assert.ok(result.passes.length >= 5, `axe-core checked almost nothing on ${name}`);
}

const binary = process.env.AMT_BINARY;
let browser;
let server;        // Monday 2027-03-08 08:00 in Mainz, before the Terminpflicht cut-off
let strictServer;  // from the cut-off on
let idleServer;    // with a 5 s idle time and a health poll every second

function issueKey(srv) {
  const result = srv.cli(['kiosk-key', 'add', '--location', 'mainz', '--name', 'Eingangshalle']);
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.match(/^key (\S+)$/m)[1];
}

// A board page: the key is presented once, then the cookie carries it.
async function openBoard(srv, label) {
  const page = await openPage(browser, srv.origin, { locale: 'de-DE' });
  await page.setViewportSize({ width: 1080, height: 1920 });  // a portrait touch board
  await page.goto(`${srv.origin}/kiosk?key=${encodeURIComponent(issueKey(srv))}`);
  assert.equal(new URL(page.url()).pathname, '/kiosk');
  await step(page, `${label}-start`);
  return page;
}

before(async () => {
  assert.ok(binary, 'set AMT_BINARY to the amtstermin binary');
  server = await startServer(binary);
  strictServer = await startServer(binary, { AMTSTERMIN_CLOCK_NOW: '2027-03-15T08:00:00+01:00' });
  idleServer = await startServer(binary, { AMTSTERMIN_KIOSK_IDLE_SECONDS: '5', AMTSTERMIN_KIOSK_HEALTH_POLL_SECONDS: '1' });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await strictServer?.stop();
  await idleServer?.stop();
});

test('an emergency ticket is drawn at the kiosk in three taps and shown large', async () => {
  const page = await openBoard(server, 'kiosk-emergency');
  await page.getByRole('link', { name: 'English' }).click();
  await step(page, 'kiosk-menu-en');
  await page.getByRole('link', { name: 'Acute emergency' }).click();
  await step(page, 'kiosk-emergency-questions');
  await page.getByRole('button', { name: 'I have no money for food today.' }).click();
  await step(page, 'kiosk-emergency-ticket');
  assert.equal((await page.locator('[data-ticket-number]').textContent()).trim(), 'N01');
  assert.ok(await page.getByText('The emergency desk has been told').isVisible());
  assert.ok(await page.getByRole('button', { name: 'Print ticket' }).isVisible());
  await closePage(page);
});

test('a visitor checks in by tapping the booking code on the keypad and gets an appointment ticket', async () => {
  // Booked at 08:00 for 09:15 today; checked in at 09:00 on a server sharing the database.
  const day = await (await fetch(`${server.origin}/api/v1/availability?location=mainz&service=first-application&from=2027-03-08&to=2027-03-08`)).json();
  const slot = day.days[0].slots.find((s) => s.start === '2027-03-08T09:15:00+01:00');
  assert.ok(slot, 'a free time at 09:15 today');
  const booked = await fetch(`${server.origin}/api/v1/bookings`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ location: 'mainz', service: 'first-application', start: slot.start,
                           contact: { name: 'Anna Muster', email: 'anna.kiosk@example.org' } }),
  });
  assert.equal(booked.status, 201);
  const { code } = await booked.json();
  const later = await startServer(binary, { AMTSTERMIN_DATABASE_URL: server.env.AMTSTERMIN_DATABASE_URL,
                                            AMTSTERMIN_CLOCK_NOW: '2027-03-08T09:00:00+01:00' });
  try {
    await checkInAt(later, code);
  } finally {
    await later.stop();
  }
});

async function checkInAt(srv, code) {
  const page = await openBoard(srv, 'kiosk-check-in');
  await page.getByRole('link', { name: 'Deutsch' }).click();
  await page.getByRole('link', { name: 'Ich habe einen Termin' }).click();
  await step(page, 'kiosk-check-in-form');
  for (const ch of code) await page.locator(`button[data-key="${ch}"]`).click();
  assert.equal(await page.locator('#code').inputValue(), code);
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  await step(page, 'kiosk-check-in-ticket');
  assert.match((await page.locator('[data-ticket-number]').textContent()).trim(), /^T\d{3}$/);
  assert.ok(await page.getByText('Sie sind angemeldet').isVisible());

  await page.goto(`${srv.origin}/kiosk/check-in?lang=ar`);
  await page.locator('#code').fill('QQQQQQ');  // a scanner types; an unknown code
  await page.locator('button[type=submit]').click();
  await step(page, 'kiosk-check-in-unknown-ar');
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.equal(await page.locator('[data-ticket-number]').count(), 0);
  await closePage(page);
}

test('a visitor books an appointment at the board and sees the booking code large', async () => {
  const page = await openBoard(server, 'kiosk-book');
  await page.getByRole('link', { name: 'English' }).click();
  await page.getByRole('link', { name: 'Book an appointment' }).click();
  await step(page, 'kiosk-book-concerns');
  await page.locator('.kiosk-choices a').first().click();
  await step(page, 'kiosk-book-times');
  await page.locator('.kiosk-times a').first().click();
  await step(page, 'kiosk-book-details');
  await page.locator('#name').fill('Anna Muster');
  await page.locator('#email').fill('anna.board@example.org');
  await page.getByRole('button', { name: 'Book now' }).click();
  await step(page, 'kiosk-book-done');
  assert.match((await page.locator('[data-booking-code]').textContent()).trim(), /^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);
  assert.ok(await page.getByText('anna.board@example.org').isVisible());
  await closePage(page);
});

test('walk-in tickets before the cut-off; from it the board explains how to book', async () => {
  const page = await openBoard(server, 'kiosk-walk-in');
  await page.goto(`${server.origin}/kiosk/walk-in?lang=tr`);
  await step(page, 'kiosk-walk-in-concerns-tr');
  await page.locator('button[name=service]').first().click();
  await step(page, 'kiosk-walk-in-ticket-tr');
  assert.match((await page.locator('[data-ticket-number]').textContent()).trim(), /^W\d{3}$/);
  await closePage(page);

  const strict = await openBoard(strictServer, 'kiosk-book-guide');
  await strict.goto(`${strictServer.origin}/kiosk/walk-in?lang=en`);
  await step(strict, 'kiosk-book-guide-en');
  assert.ok(await strict.getByText('This office now sees visitors by appointment only').isVisible());
  assert.equal(await strict.locator('[data-ticket-number]').count(), 0);
  await closePage(strict);
});

test('after the idle time the board is back at the start with nothing entered left in the DOM', async () => {
  const page = await openBoard(idleServer, 'kiosk-idle');
  await page.getByRole('link', { name: 'English' }).click();
  await page.getByRole('link', { name: 'I have an appointment' }).click();
  for (const ch of 'K7M4') await page.locator(`button[data-key="${ch}"]`).click();
  assert.equal(await page.locator('#code').inputValue(), 'K7M4');
  await page.waitForURL(`${idleServer.origin}/kiosk`, { timeout: 15000 });
  await page.waitForLoadState('load');
  assert.ok(await page.getByRole('link', { name: 'English' }).isVisible());
  const html = await page.content();
  assert.ok(!html.includes('K7M4'), 'the typed code is still in the DOM');
  assert.equal(await page.locator('input:not([type=hidden])').count(), 0);
  await closePage(page);
});

test('a board without a valid key shows only a calm notice', async () => {
  const page = await openPage(browser, server.origin);
  await page.goto(`${server.origin}/kiosk/menu?lang=en`);
  await step(page, 'kiosk-not-set-up');
  assert.ok(await page.getByText('This board is not set up').isVisible());
  assert.equal(await page.getByRole('link').count(), 0);
  await closePage(page);
});

test('when the server is gone the board shows "one moment" and comes back by itself', async () => {
  const gone = await startServer(binary, { AMTSTERMIN_KIOSK_HEALTH_POLL_SECONDS: '1' });
  const page = await openBoard(gone, 'kiosk-network');
  await page.getByRole('link', { name: 'English' }).click();
  await page.getByRole('link', { name: 'Acute emergency' }).click();
  let failing = false;
  await page.route('**/kiosk/health', (route) => (failing ? route.abort('connectionrefused') : route.continue()));
  failing = true;
  await page.locator('#kiosk-wait').waitFor({ state: 'visible', timeout: 10000 });
  await step(page, 'kiosk-one-moment');
  assert.ok(await page.getByText('One moment, please.').isVisible());
  failing = false;
  await page.waitForURL(`${gone.origin}/kiosk`, { timeout: 10000 });
  await page.waitForLoadState('load');
  assert.ok(await page.locator('#kiosk-wait').isHidden());
  await page.context().close();
  await gone.stop();
});
