// The document pre-check in a real browser against the real server and a real SMTP server (issue
// #7): a citizen books and uploads a file; the caseworker rejects it as unreadable with a reason;
// the citizen's mail names the reason and carries the manage link, through which the citizen
// uploads again; the caseworker sees the new file, marks the appointment prepared, and the day view
// shows it. axe-core checks the staff pages and the citizen's page with the rejection notice, and
// the page on which a team lead confirms deleting an absence recorded by mistake.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer } from './server.mjs';
import { startMailServer } from './mail.mjs';
import { launch, openPage, closePage, step } from './browser.mjs';

const binary = process.env.AMT_BINARY;
const password = 'Lange sichere Passphrase 7';
const email = 'lebenslauf@example.org';
const tomorrow = '2027-03-09';  // the server's clock stands at Monday 2027-03-08 08:00
let mail;
let server;
let browser;

// A tiny but real PDF; `label` makes the two uploads differ.
const pdf = (label) => Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`);

before(async () => {
  assert.ok(binary, 'set AMT_BINARY to the amtstermin binary');
  mail = await startMailServer();
  server = await startServer(binary, {}, { mailPort: mail.port });
  // Dirk Schmitz (staff-21) is the caseworker of customer numbers from 100000 (demo data).
  const lead = spawnSync(binary, ['create-staff', '--login', 'tanja.lead', '--name', 'Tanja Lead', '--role', 'team_lead',
                                  '--location', 'mainz', '--staff', 'staff-34'],
                         { env: server.env, input: `${password}\n`, encoding: 'utf8' });
  assert.equal(lead.status, 0, lead.stderr);
  const made = spawnSync(binary, ['create-staff', '--login', 'dirk.case', '--name', 'Dirk Schmitz', '--role', 'caseworker',
                                  '--location', 'mainz', '--staff', 'staff-21'],
                         { env: server.env, input: `${password}\n`, encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await mail?.stop();
});

async function upload(page, name) {
  await page.locator('#document').selectOption('Lebenslauf');
  await page.locator('#file').setInputFiles({ name, mimeType: 'application/pdf', buffer: pdf(name) });
  await page.locator('#upload-form button[type=submit]').click();
  await page.waitForLoadState('load');
  assert.ok(await page.getByText('Wir haben Ihre Datei erhalten.').isVisible());
}

// The citizen books a talk with their own caseworker for tomorrow; returns the booking code.
async function bookTalk(page) {
  await page.goto(`${server.origin}/`);
  await page.getByRole('link', { name: /Beratung zu Arbeit und Ausbildung/ }).click();
  await page.locator('#cn').fill('100001');
  await page.locator('#main-form button[type=submit]').click();
  await page.locator(`a.choice[href*="date=${tomorrow}"]`).click();
  await page.locator('a.time').first().click();
  await page.locator('#name').fill('Mira Beispiel');
  await page.locator('#email').fill(email);
  await page.locator('button[name=action][value=check]').click();
  await page.locator('button[name=action][value=confirm]').click();
  return (await page.locator('.booking-code').textContent()).trim();
}

async function signIn(page, target, login = 'dirk.case') {
  await page.goto(`${server.origin}${target}`);
  assert.match(page.url(), /\/staff\/sign-in\?next=/);
  await page.locator('#login').fill(login);
  await page.locator('#password').fill(password);
  await Promise.all([page.waitForURL(`${server.origin}${target}`), page.locator('#password').press('Enter')]);
}

test('a rejected upload reaches the citizen by mail, comes back through the manage link and the appointment is prepared', async () => {
  const citizen = await openPage(browser, server.origin);
  const code = await bookTalk(citizen);
  assert.match(code, /^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);
  await upload(citizen, 'lebenslauf-scan.pdf');
  await closePage(citizen);

  // The caseworker finds the upload in the work list and rejects it as unreadable.
  const staff = await openPage(browser, server.origin, { locale: 'de-DE' });
  await signIn(staff, '/staff/documents');
  await step(staff, 'prep-1-documents');
  await staff.getByRole('link', { name: code }).click();
  await staff.waitForURL(new RegExp(`/staff/documents/${code}$`));
  await step(staff, 'prep-2-review');
  assert.ok(await staff.getByRole('link', { name: 'lebenslauf-scan.pdf' }).isVisible());
  const lebenslauf = staff.locator('fieldset', { has: staff.locator('legend', { hasText: 'Lebenslauf' }) });
  await lebenslauf.getByLabel('Unleserlich').check();
  await lebenslauf.getByLabel('Grund').selectOption('illegible');
  await lebenslauf.getByLabel(/Hinweis für die Kundin/).fill('Seite 2 ist abgeschnitten');
  await Promise.all([staff.waitForURL(/reviewed=1&sent=1$/), staff.getByRole('button', { name: 'Prüfung speichern' }).click()]);
  assert.ok(await staff.getByText('Die Prüfung ist gespeichert.').isVisible());

  // The citizen's mail names the reason and leads back to the booking.
  const [notice] = await mail.waitFor(email, new RegExp(`^Unterlagen für Ihren Termin – Buchungscode ${code}$`));
  assert.match(notice.text, /Lebenslauf: nicht lesbar \(zu unscharf, zu dunkel oder abgeschnitten\) – Seite 2 ist abgeschnitten/);
  const link = notice.text.match(/http:\/\/127\.0\.0\.1:\d+\/manage\?code=\w+&token=[\w-]+/)?.[0];
  assert.ok(link, `a manage link in the mail: ${notice.text}`);

  const again = await openPage(browser, server.origin);  // opened from the mail program
  await again.goto(link);
  assert.equal((await again.locator('.booking-code').textContent()).trim(), code);
  assert.match(await again.locator('.documents-states').textContent(), /Lebenslauf: nicht lesbar/);
  await step(again, 'prep-3-manage-rejected');
  await upload(again, 'lebenslauf-neu.pdf');
  assert.doesNotMatch(await again.locator('.documents-states').textContent(), /Lebenslauf: nicht lesbar/);
  await closePage(again);

  // The caseworker sees the new file, waiting for a check, and marks the appointment prepared.
  await staff.goto(`${server.origin}/staff/documents/${code}`);
  assert.ok(await staff.getByRole('link', { name: 'lebenslauf-neu.pdf' }).isVisible());
  const href = await staff.getByRole('link', { name: 'lebenslauf-neu.pdf' }).getAttribute('href');
  const served = await staff.request.get(`${server.origin}${href}`);  // the caseworker's own session
  assert.equal(served.status(), 200);
  assert.deepEqual(Buffer.from(await served.body()), pdf('lebenslauf-neu.pdf'));
  await staff.locator('.prepare-form input[name=prepared]').check();
  await staff.locator('.prepare-form textarea[name=note]').fill('Lebenslauf jetzt lesbar, Zeugnisse mitbringen lassen');
  await Promise.all([staff.waitForURL(/prepared=1$/), staff.getByRole('button', { name: 'Vorbereitung speichern' }).click()]);

  await staff.goto(`${server.origin}/staff/day`);
  await step(staff, 'prep-4-day');
  const entry = staff.locator('section.day-entry', { has: staff.getByRole('link', { name: code }) });
  assert.ok(await entry.locator('input[name=prepared]').isChecked());
  assert.equal(await entry.locator('textarea[name=note]').inputValue(), 'Lebenslauf jetzt lesbar, Zeugnisse mitbringen lassen');
  assert.match(await entry.textContent(), /Mira Beispiel/);

  await staff.goto(`${server.origin}/staff/absences`);
  await step(staff, 'prep-5-absences');
  await closePage(staff);
});

test('a team lead deletes an absence recorded by mistake after confirming it', async () => {
  const page = await openPage(browser, server.origin);
  await signIn(page, '/staff/absences', 'tanja.lead');
  await page.locator('#staff').selectOption('staff-25');
  await page.locator('#from').fill('2027-03-19');
  await page.locator('#plan').click();
  await Promise.all([page.waitForURL(/\/staff\/absences\?recorded=1/), page.locator('#apply').click()]);
  await page.getByRole('link', { name: /Beenden oder löschen/ }).click();
  await step(page, 'prep-6-absence-change');
  assert.equal((await page.locator('#changed').textContent()).trim(), '0');
  await Promise.all([page.waitForURL(/\/staff\/absences\?deleted=1$/), page.locator('#delete').click()]);
  assert.ok(await page.locator('#deleted').isVisible());
  assert.equal(await page.getByRole('link', { name: /Beenden oder löschen/ }).count(), 0);
  await closePage(page);
});
