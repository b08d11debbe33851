// The citizen pages in a real browser against the real server: booking end to end (with and
// without JavaScript, and with the keyboard alone), managing a booking, errors next to fields,
// accessibility (axe-core, German and Arabic), phone-width screenshots, and no third-party requests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, openPage, closePage, step, sizes } from './browser.mjs';
import { book as bookAt, tabTo } from './flow.mjs';

const book = (page, options) => bookAt(page, server.origin, options);

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
  console.log('\npage sizes (first visit, fresh browser cache):');
  for (const s of sizes) console.log(`  ${s.name.padEnd(28)} html ${String(s.html).padStart(6)} B   transferred ${String(s.transferred).padStart(7)} B   requests ${s.requests}`);
});

test('a citizen books a concern end to end and sees code, time, place and what to bring', async () => {
  const page = await openPage(browser, server.origin);
  const code = await book(page, { email: 'anna.de@example.org', prefix: 'de' });
  await assert.doesNotReject(page.getByText('Ihr Termin ist gebucht').waitFor());
  assert.ok(await page.locator('.documents-missing').getByText('Personalausweis oder Pass').isVisible());
  assert.ok(await page.getByText('Jobcenter Mainz', { exact: false }).isVisible());
  assert.ok(code.length === 6);
  await closePage(page);
});

test('the booking pages are right-to-left and accessible in Arabic', async () => {
  const page = await openPage(browser, server.origin, { locale: 'ar' });
  await book(page, { lang: 'ar', email: 'anna.ar@example.org', prefix: 'ar' });
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.equal(await page.locator('html').getAttribute('lang'), 'ar');
  assert.ok(await page.getByText('تم حجز موعدك').first().isVisible());
  // The manage pages in Arabic too: another day, the cancel question, the search form.
  await page.locator('.button-row a').first().click();
  await step(page, 'ar-8-manage-days');
  await page.locator('a.choice').first().click();
  await step(page, 'ar-9-manage-times');
  await page.locator('a.time').first().click();
  await step(page, 'ar-10-manage-move-confirm');
  await page.goBack();
  await page.goBack();
  await page.goBack();
  await page.locator('.button-row a').nth(1).click();
  await step(page, 'ar-11-manage-cancel-confirm');
  await page.goto(`${server.origin}/manage`);
  await step(page, 'ar-12-manage-find');
  await closePage(page);
});

test('the same booking works with JavaScript disabled', async () => {
  const page = await openPage(browser, server.origin, { javaScriptEnabled: false });
  const code = await book(page, { email: 'anna.nojs@example.org', prefix: 'nojs', dayIndex: 1, axe: false });
  assert.ok(code);
  await closePage(page);
});

test('the whole booking can be done with the keyboard alone', async () => {
  const page = await openPage(browser, server.origin);
  await page.goto(`${server.origin}/?lang=en`);
  await tabTo(page, (t) => document.activeElement.textContent.includes(t), 'Weiterbewilligung');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/book\/continued-benefits$/);
  await tabTo(page, () => document.activeElement.matches('#main-form button[type=submit]'));
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/day/);
  await tabTo(page, () => document.activeElement.matches('a.choice'));
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/time/);
  await tabTo(page, () => document.activeElement.matches('a.time'));
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/details/);
  await tabTo(page, () => document.activeElement.id === 'name');
  await page.keyboard.type('Kemal Yilmaz');
  await page.keyboard.press('Tab');
  await page.keyboard.type('kemal@example.org');
  await tabTo(page, () => document.activeElement.matches('button[value=check]'));
  await page.keyboard.press('Enter');
  await page.waitForSelector('button[value=confirm]');
  await tabTo(page, () => document.activeElement.matches('button[value=confirm]'));
  await page.keyboard.press('Enter');
  await page.waitForSelector('.booking-code');
  assert.match(await page.locator('h1').textContent(), /Your appointment/);
  await closePage(page);
});

test('a wrong entry is shown next to its field, in the user language, with the input kept', async () => {
  const page = await openPage(browser, server.origin);
  await page.goto(`${server.origin}/book/first-application/day`);
  await page.locator('a.choice').first().click();
  await page.locator('a.time').first().click();
  await page.locator('#email').fill('not-an-address');
  await page.locator('button[name=action][value=check]').click();
  await step(page, 'de-5b-details-errors');
  assert.match(await page.locator('#name-error').textContent(), /Namen/);
  assert.match(await page.locator('#email-error').textContent(), /E-Mail-Adresse/);
  assert.equal(await page.locator('#email').inputValue(), 'not-an-address');
  // The language switch keeps the typed input.
  await page.locator('.languages button[value=en]').click();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await page.locator('#email').inputValue(), 'not-an-address');
  await closePage(page);
});

test('a citizen views, reschedules and cancels a booking, and finds it by code and e-mail', async () => {
  const page = await openPage(browser, server.origin);
  const code = await book(page, { email: 'manage@example.org', prefix: 'manage-book', axe: false });
  const oldTime = await page.locator('.summary dd').nth(2).textContent();
  const manageLink = await page.getByRole('link', { name: 'Meinen Termin verwalten' }).getAttribute('href');

  await page.getByRole('link', { name: 'Andere Zeit wählen' }).click();
  await step(page, 'manage-1-days');
  await page.locator('a.choice').nth(2).click();
  await step(page, 'manage-2-times');
  await page.locator('a.time').last().click();
  await step(page, 'manage-3-move-confirm');
  await page.locator('#main-form button[type=submit]').click();
  await step(page, 'manage-4-moved');
  assert.ok(await page.getByText('Ihr Termin wurde verschoben').isVisible());
  assert.notEqual(await page.locator('.summary dd').nth(2).textContent(), oldTime);

  await page.getByRole('link', { name: 'Termin absagen' }).click();
  await step(page, 'manage-5-cancel-confirm');
  await page.locator('#main-form button[type=submit]').click();
  await step(page, 'manage-6-cancelled');
  assert.ok(await page.getByText('Dieser Termin ist abgesagt').isVisible());

  await page.goto(`${server.origin}/manage`);
  await step(page, 'manage-7-find');
  await page.locator('#code').fill(code.toLowerCase());
  await page.locator('#contact').fill('wrong@example.org');
  await page.locator('#main-form button[type=submit]').click();
  assert.ok(await page.getByText('Termin nicht gefunden').first().isVisible());
  await page.locator('#contact').fill('Manage@Example.org');
  await page.locator('#main-form button[type=submit]').click();
  assert.equal((await page.locator('.booking-code').textContent()).trim(), code);
  await page.goto(`${server.origin}${manageLink}`);
  assert.equal((await page.locator('.booking-code').textContent()).trim(), code);
  await closePage(page);
});

test('a time taken while the citizen types leads back to the time choice with a clear message', async () => {
  const page = await openPage(browser, server.origin);
  await page.goto(`${server.origin}/book/first-application/day?from=2027-03-18`);
  await page.locator('a.choice').first().click();
  await page.locator('a.time').first().click();
  const start = new URL(page.url()).searchParams.get('start');
  await page.locator('#name').fill('Late Comer');
  await page.locator('#email').fill('late@example.org');
  await page.locator('button[name=action][value=check]').click();
  // Meanwhile others book every remaining place at that time through the API.
  const day = start.slice(0, 10);
  const free = await (await fetch(`${server.origin}/api/v1/availability?location=mainz&service=first-application&from=${day}&to=${day}`)).json();
  const slot = free.days[0].slots.find((s) => s.start === start);
  for (let i = 0; i < slot.capacity; i++) {
    const response = await fetch(`${server.origin}/api/v1/bookings`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ location: 'mainz', service: 'first-application', start,
                             contact: { name: 'Other', email: `other${i}@example.org` } }),
    });
    assert.equal(response.status, 201);
  }
  await page.locator('button[name=action][value=confirm]').click();
  await page.waitForURL(/\/time\?date=.*taken=1/);
  await step(page, 'de-4b-times-taken');
  assert.ok(await page.getByText('Diese Zeit ist gerade vergeben worden').isVisible());
  await closePage(page);
});
