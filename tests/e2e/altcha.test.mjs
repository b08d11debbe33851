// The anti-bot check in a real browser: with JavaScript the ALTCHA widget (served by our server,
// its Web Worker too) solves the challenge under the strict Content-Security-Policy and the booking
// goes through, accessible by axe-core; without JavaScript the form asks for a short wait instead.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, openPage, closePage, step, checkAccessibility } from './browser.mjs';

const binary = process.env.AMT_BINARY;
const waitSeconds = 10;  // long enough that filling in the form is faster even on a busy machine
let server;
let browser;

before(async () => {
  assert.ok(binary, 'set AMT_BINARY to the amtstermin binary');
  server = await startServer(binary, {
    AMTSTERMIN_ALTCHA_ENABLED: 'true',
    AMTSTERMIN_ALTCHA_MAX_NUMBER: '50000',
    AMTSTERMIN_ALTCHA_FALLBACK_WAIT_SECONDS: String(waitSeconds),
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// From the home page to the contact form of the first concern's first free time.
async function openDetails(page, { lang = 'de', dayIndex = 0 } = {}) {
  await page.goto(`${server.origin}/?lang=${lang}`);
  await page.getByRole('link', { name: /Erstantrag Bürgergeld|First application/ }).click();
  await page.locator('#main-form button[type=submit]').click();
  await page.locator('a.choice').nth(dayIndex).click();
  await page.locator('a.time').first().click();
  await page.waitForURL(/\/details/);
}

test('with JavaScript the widget solves the challenge and the booking goes through', async () => {
  const page = await openPage(browser, server.origin);
  await openDetails(page);
  await page.locator('#name').fill('Anna Muster');
  await page.locator('#email').fill('anna.altcha@example.org');
  // auto="onload": the worker finds the number while the citizen types; the payload lands in the form.
  await page.waitForFunction(() => document.querySelector('input[name=altcha]')?.value?.length > 20, null,
                             { timeout: 60000 });
  await step(page, 'altcha-1-details-verified');
  assert.ok(page.record.requests.some((r) => /\/static\/[0-9a-f]+\/worker\.js$/.test(r.url)),
            'the proof of work ran in the Web Worker from our server');
  assert.ok(page.record.requests.some((r) => r.url.endsWith('/api/v1/challenge') && r.status === 200));
  await page.locator('button[name=action][value=check]').click();
  await step(page, 'altcha-2-check');
  await page.locator('button[name=action][value=confirm]').click();
  await step(page, 'altcha-3-confirmation');
  assert.ok(await page.getByText('Ihr Termin ist gebucht').isVisible());
  await closePage(page);  // asserts no foreign request and no CSP violation
});

test('the widget is accessible in Arabic too', async () => {
  const page = await openPage(browser, server.origin, { locale: 'ar' });
  await openDetails(page, { lang: 'ar', dayIndex: 1 });
  await page.waitForFunction(() => document.querySelector('input[name=altcha]')?.value?.length > 20, null,
                             { timeout: 60000 });
  await checkAccessibility(page, 'altcha-ar-details');
  assert.ok(await page.getByText('تم التحقق', { exact: true }).isVisible(), 'the widget speaks Arabic');
  await closePage(page);
});

test('without JavaScript the form asks for a short wait, keeps the input and then books', async () => {
  const page = await openPage(browser, server.origin, { javaScriptEnabled: false });
  await openDetails(page, { dayIndex: 2 });
  // Playwright's text locators skip <noscript>, so read it directly: shown, with the server's wait.
  const note = await page.evaluate(() => {
    const p = document.querySelector('noscript p');
    return p && { text: p.textContent, height: p.getBoundingClientRect().height };
  });
  assert.ok(note && note.height > 0, 'the no-JavaScript note is shown');
  assert.match(note.text, new RegExp(`frühestens ${waitSeconds} Sekunden`));
  await page.locator('#name').fill('Kemal Yilmaz');
  await page.locator('#email').fill('kemal.nojs@example.org');
  await page.locator('button[name=action][value=check]').click();
  await step(page, 'altcha-nojs-1-wait', { axe: false });  // axe needs page scripts
  const alert = page.locator('.kern-alert');
  assert.match(await alert.textContent(), /Bitte warten Sie noch \d+ Sekunden/);
  assert.equal(await page.locator('#email').inputValue(), 'kemal.nojs@example.org');
  await page.waitForTimeout(waitSeconds * 1000 + 300);
  await page.locator('button[name=action][value=check]').click();
  await step(page, 'altcha-nojs-2-check', { axe: false });  // axe needs page scripts
  await page.locator('button[name=action][value=confirm]').click();
  await step(page, 'altcha-nojs-3-confirmation', { axe: false });  // axe needs page scripts
  assert.ok(await page.getByText('Ihr Termin ist gebucht').isVisible());
  await closePage(page);
});
