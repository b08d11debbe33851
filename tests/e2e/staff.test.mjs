// The staff pages in a real browser against the real server: a service-center agent signs in and
// books a caller with the keyboard alone, finds the booking by customer number and moves it; a team
// lead reads the audit log. axe-core checks every staff page. The keystrokes the agent needs besides
// typing the concern's first letters and the caller's data are counted (target: at most 10).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './server.mjs';
import { launch, openPage, closePage, step, outDir } from './browser.mjs';

const binary = process.env.AMT_BINARY;
const password = 'Lange sichere Passphrase 7';
let server;
let browser;

function createStaff(env, login, role) {
  const made = spawnSync(binary, ['create-staff', '--login', login, '--name', login, '--role', role, '--location', 'mainz'],
                         { env: { ...process.env, ...env }, input: `${password}\n`, encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
}

before(async () => {
  assert.ok(binary, 'set AMT_BINARY to the amtstermin binary');
  const dir = mkdtempSync(join(tmpdir(), 'amt-e2e-staff-'));
  const env = { AMTSTERMIN_DATABASE_URL: `sqlite:${join(dir, 'amtstermin.db')}`, AMTSTERMIN_CLOCK_NOW: '2027-03-08T08:00:00+01:00' };
  createStaff(env, 'agent.anna', 'agent');
  createStaff(env, 'lead.lena', 'team_lead');
  server = await startServer(binary, env);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// Presses keys and counts them: "Alt+N" is two keys.
function counter(page) {
  const c = { count: 0, log: [] };
  c.press = async (chord) => {
    c.count += chord.split('+').length;
    c.log.push(chord);
    await page.keyboard.press(chord);
  };
  return c;
}

async function signIn(page, login, target) {
  await page.goto(`${server.origin}${target}`);
  assert.match(page.url(), /\/staff\/sign-in\?next=/);
  await step(page, `staff-${login}-sign-in`);
  await page.locator('#login').focus();
  await page.keyboard.type(login);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await Promise.all([page.waitForURL(`${server.origin}${target}`), page.keyboard.press('Enter')]);
}

test('an agent books a caller with the keyboard alone, finds the booking by customer number and moves it', async () => {
  const page = await openPage(browser, server.origin);
  await signIn(page, 'agent.anna', '/staff/console');
  await step(page, 'staff-console');
  const keys = counter(page);
  // The concern field has the focus; "/" would bring it back from anywhere on the page.
  assert.equal(await page.evaluate(() => document.activeElement.id), 'concern');
  await page.keyboard.type('Erst');
  await Promise.all([page.waitForURL(/next=1/), keys.press('Alt+N')]);
  await step(page, 'staff-console-free-times');
  assert.match(await page.locator('#slots-heading').textContent(), /Erstantrag Bürgergeld/);
  const firstTime = (await page.locator('button.slot').first().textContent()).trim();
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('slot')), true);
  await Promise.all([page.waitForURL(/\/staff\/console\/book\?/), keys.press('Enter')]);
  await step(page, 'staff-console-book');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'name');
  await page.keyboard.type('Erika Anrufer');
  await keys.press('Tab');
  await page.keyboard.type('0151 2345678');
  await keys.press('Tab');
  await page.keyboard.type('erika.anrufer@example.org');
  await keys.press('Tab');
  await page.keyboard.type('123D456789');
  await Promise.all([page.waitForURL(/\/staff\/console\/booking\/[A-Z0-9]{6}\?booked=1/), keys.press('Enter')]);
  await step(page, 'staff-console-booked');
  const code = (await page.locator('#booking-code').textContent()).trim();
  assert.match(code, /^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);
  assert.ok((await page.locator('.booking-details').textContent()).includes(firstTime.split(', ').pop()));
  const booked = keys.count;
  const bookingKeys = keys.log.join(', ');
  assert.ok(booked <= 10, `booking took ${booked} keystrokes: ${keys.log.join(' ')}`);

  // Find it again by customer number, from the console, still with the keyboard.
  await page.goto(`${server.origin}/staff/console`);
  await keys.press('Alt+F');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  await page.keyboard.type('123d456789');
  await Promise.all([page.waitForURL(/\/staff\/console\/find\?q=/), keys.press('Enter')]);
  await step(page, 'staff-console-found');
  assert.equal((await page.locator('a.result-code').first().textContent()).trim(), code);
  await Promise.all([page.waitForURL(new RegExp(`/staff/console/booking/${code}$`)), keys.press('Enter')]);
  await Promise.all([page.waitForURL(/\/move$/), keys.press('Alt+M')]);
  await step(page, 'staff-console-move');
  const secondTime = (await page.locator('button.slot').nth(1).textContent()).trim();
  await keys.press('Tab');
  await Promise.all([page.waitForURL(/\?moved=1$/), keys.press('Enter')]);
  await step(page, 'staff-console-moved');
  const details = await page.locator('.booking-details').textContent();
  assert.ok(details.includes(secondTime.split(', ').pop()), `${details} should show ${secondTime}`);
  assert.ok(details.includes('123D456789'));

  writeFileSync(join(outDir, 'staff-keystrokes.txt'), `${booked} keystrokes: ${bookingKeys}\n`);
  console.log(`\nkeystrokes to book a caller after typing "Erst" and the caller's data: ${booked} (${bookingKeys})`);
  await closePage(page);
});

test('a team lead reads the audit log, which records the agent reading the caller data', async () => {
  const page = await openPage(browser, server.origin);
  await signIn(page, 'lead.lena', '/staff');
  await step(page, 'staff-home-lead');
  await page.goto(`${server.origin}/staff/audit?account=agent.anna`);
  await step(page, 'staff-audit');
  const text = await page.locator('table.audit-log').textContent();
  assert.ok(text.includes('appointment.book_for_caller'));
  assert.ok(text.includes('appointment.read'));
  await page.goto(`${server.origin}/staff/console`);
  await step(page, 'staff-console-lead');
  await closePage(page);
});
