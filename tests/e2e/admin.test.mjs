// The administration pages in a real browser against the real server: an admin adds a service and a
// staff member with a week plan and the new skill, and the service is bookable on the citizen pages
// at once; an admin writes a pinned news item with a preview, and citizens see it at once. axe-core
// checks every admin page (step() runs it), including forms showing their errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './server.mjs';
import { launch, openPage, closePage, step } from './browser.mjs';

const binary = process.env.AMT_BINARY;
const password = 'Lange sichere Passphrase 7';
let server;
let browser;

before(async () => {
  assert.ok(binary, 'set AMT_BINARY to the amtstermin binary');
  const dir = mkdtempSync(join(tmpdir(), 'amt-e2e-admin-'));
  const env = { AMTSTERMIN_DATABASE_URL: `sqlite:${join(dir, 'amtstermin.db')}`, AMTSTERMIN_CLOCK_NOW: '2027-03-08T08:00:00+01:00' };
  const made = spawnSync(binary, ['create-staff', '--login', 'ada.admin', '--name', 'Ada Admin', '--role', 'admin'],
                         { env: { ...process.env, ...env }, input: `${password}\n`, encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  for (const login of ['carl.case', 'cora.case']) {
    const caseworker = spawnSync(binary, ['create-staff', '--login', login, '--name', login, '--role', 'caseworker'],
                                 { env: { ...process.env, ...env }, input: `${password}\n`, encoding: 'utf8' });
    assert.equal(caseworker.status, 0, caseworker.stderr);
  }
  server = await startServer(binary, env);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page) {
  await page.goto(`${server.origin}/staff`);
  await page.locator('#login').fill('ada.admin');
  await page.locator('#password').fill(password);
  await Promise.all([page.waitForURL(`${server.origin}/staff`), page.keyboard.press('Enter')]);
}

test('an admin adds a service and a staff member with plan and skill; citizens can book it at once', async () => {
  const page = await openPage(browser, server.origin);
  await signIn(page);
  await step(page, 'admin-home');
  await page.locator('a[href="/staff/admin/services"]').first().click();
  await step(page, 'admin-services');
  await page.locator('#add-service').click();
  await step(page, 'admin-service-new');
  await page.locator('#id').fill('passport-copy');
  await page.locator('#name').fill('');
  await page.locator('#duration_minutes').fill('15');
  await page.locator('#channel-online').check();
  await page.locator('#name').evaluate((el) => el.removeAttribute('required'));
  await page.locator('#save').click();
  await step(page, 'admin-service-errors');
  assert.match(await page.locator('#name-error').textContent(), /Bitte füllen Sie dieses Feld aus/);
  assert.equal(await page.locator('#id').inputValue(), 'passport-copy');
  await page.locator('#name').fill('Ausweiskopie nachreichen');
  await Promise.all([page.waitForURL(/\/staff\/admin\/service\/passport-copy\?saved=1$/), page.locator('#save').click()]);
  await step(page, 'admin-service-saved');

  await page.goto(`${server.origin}/staff/admin/staff/new`);
  await step(page, 'admin-person-new');
  await page.locator('#id').fill('nina-neu');
  await page.locator('#name').fill('Nina Neu');
  await page.locator('#skill-passport-copy').check();
  await page.locator('#deputies').fill('staff-01');
  await page.locator('#plan_mon').fill('08:00-16:00 Pause 12:00-12:30');
  await Promise.all([page.waitForURL(/\/staff\/admin\/person\/nina-neu\?saved=1$/), page.locator('#save').click()]);
  await step(page, 'admin-person-saved');
  await page.goto(`${server.origin}/staff/admin/staff`);
  await step(page, 'admin-staff');
  await page.goto(`${server.origin}/staff/admin/locations`);
  await step(page, 'admin-locations');
  await page.goto(`${server.origin}/staff/admin/location/mainz`);
  await step(page, 'admin-location');
  await page.goto(`${server.origin}/staff/admin/import`);
  await step(page, 'admin-import');

  const citizen = await openPage(browser, server.origin);
  await citizen.goto(`${server.origin}/book/passport-copy/day`);
  await step(citizen, 'admin-citizen-books-new-service');
  await citizen.locator('a.choice').first().click();
  assert.ok(await citizen.locator('a.time').count() > 0, 'the new service has free times on the citizen page');
  await closePage(citizen);
  await closePage(page);
});

test('an admin writes a pinned news item with a preview and citizens see it as a banner at once', async () => {
  const page = await openPage(browser, server.origin);
  await signIn(page);
  await page.locator('a[href="/staff/admin/news"]').first().click();
  await step(page, 'admin-news');
  await page.locator('#add-news').click();
  await step(page, 'admin-news-new');
  await page.locator('#title_de').evaluate((el) => el.removeAttribute('required'));
  await page.locator('#markdown_de').fill('Ab **Montag** gelten neue Zeiten.\n\n- 8 bis 16 Uhr');
  await page.locator('#save').click();
  await step(page, 'admin-news-errors');
  assert.match(await page.locator('#title_de-error').textContent(), /Bitte füllen Sie dieses Feld aus/);
  assert.match(await page.locator('#markdown_de').inputValue(), /Ab \*\*Montag\*\*/);
  await page.locator('#title_de').fill('Neue Sprechzeiten');
  await page.locator('#pinned').check();
  await page.locator('#preview-button').click();
  await step(page, 'admin-news-preview');
  assert.equal(await page.locator('#preview strong').first().textContent(), 'Montag');
  await Promise.all([page.waitForURL(/\/staff\/admin\/news-item\/neue-sprechzeiten\?saved=1$/), page.locator('#save').click()]);
  await step(page, 'admin-news-saved');
  await page.goto(`${server.origin}/staff/admin/news`);
  await step(page, 'admin-news-listed');
  assert.equal(await page.locator('#news-list .news-state[data-state="published"]').count(), 2);

  const citizen = await openPage(browser, server.origin);
  await citizen.goto(`${server.origin}/`);
  assert.ok(await citizen.locator('.news-banner a[href="/news#news-neue-sprechzeiten"]').count() > 0, 'the banner links the new item');
  await closePage(citizen);

  // Deleting asks first, showing the item: "Keep" goes back and changes nothing, "Delete" deletes.
  await page.goto(`${server.origin}/staff/admin/news-item/neue-sprechzeiten`);
  await Promise.all([page.waitForURL(/\/news-item\/neue-sprechzeiten\/delete$/), page.locator('#delete').click()]);
  await step(page, 'admin-news-delete');
  assert.match(await page.locator('#news-summary').textContent(), /Neue Sprechzeiten/);
  await Promise.all([page.waitForURL(/\/news-item\/neue-sprechzeiten$/), page.locator('#keep').click()]);
  await Promise.all([page.waitForURL(/\/delete$/), page.locator('#delete').click()]);
  await Promise.all([page.waitForURL(/\/staff\/admin\/news\?deleted=1$/), page.locator('#delete').click()]);
  await step(page, 'admin-news-deleted');
  assert.equal(await page.locator('#news-list a[href="/staff/admin/news-item/neue-sprechzeiten"]').count(), 0);
  await closePage(page);
});

test('an admin links two caseworker accounts: a staff member taken by one is refused for the other until unlinked', async () => {
  const page = await openPage(browser, server.origin);
  await signIn(page);
  await page.locator('a[href="/staff/admin/accounts"]').first().click();
  await step(page, 'admin-accounts');
  await page.locator('#accounts a', { hasText: 'carl.case' }).click();
  await step(page, 'admin-account');
  await page.locator('#staff_id').selectOption('staff-03');
  await Promise.all([page.waitForURL(/\/staff\/admin\/account\/[^/?]+\?saved=1$/), page.locator('#save-link').click()]);
  await step(page, 'admin-account-saved');
  const carl = page.url().replace(/\?saved=1$/, '');
  assert.match(await page.locator('#linked-member').textContent(), /\(/);

  await page.goto(`${server.origin}/staff/admin/accounts`);
  await page.locator('#accounts a', { hasText: 'cora.case' }).click();
  await page.locator('#staff_id').selectOption('staff-03');
  await page.locator('#save-link').click();
  await step(page, 'admin-account-taken');
  assert.match(await page.locator('#staff_id-error').textContent(), /schon dem Mitarbeiterkonto carl\.case zugeordnet/);

  await page.goto(carl);
  await Promise.all([page.waitForURL(/\?saved=1$/), page.locator('#unlink').click()]);
  assert.match(await page.locator('#linked-member').textContent(), /nicht zugeordnet/);
  await closePage(page);
});
