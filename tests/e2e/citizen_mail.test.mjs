// The booking after it is made, in a real browser with a real SMTP server: the confirmation mail
// arrives (in the booking's language, with the .ics), its link opens the booking with the QR code
// and the calendar download, a PDF is uploaded (also without JavaScript), a program renamed to .pdf
// is refused with a clear message, the time is moved and the booking cancelled, each with its mail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './server.mjs';
import { startMailServer } from './mail.mjs';
import { launch, openPage, closePage, step } from './browser.mjs';
import { book } from './flow.mjs';

const binary = process.env.AMT_BINARY;
let mail;
let server;
let browser;

const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
// The start of a Windows program: what an .exe renamed to .pdf really contains.
const program = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00', 'latin1'),
                               Buffer.alloc(44), Buffer.from([0x80, 0, 0, 0]),
                               Buffer.from('\x0e\x1f\xba\x0e\x00\xb4\x09\xcd\x21This program cannot be run in DOS mode.\r\r\n$', 'latin1'),
                               Buffer.alloc(64)]);

before(async () => {
  assert.ok(binary, 'set AMT_BINARY to the amtstermin binary');
  mail = await startMailServer();
  server = await startServer(binary, {}, { mailPort: mail.port });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await mail?.stop();
});

const manageLinkIn = (text) => text.match(/http:\/\/127\.0\.0\.1:\d+\/manage\?code=\w+&token=[\w-]+/)?.[0];

async function bookByApi(email, language) {
  const day = '2027-03-16';
  const free = await (await fetch(`${server.origin}/api/v1/availability?location=mainz&service=first-application&from=${day}&to=${day}`)).json();
  const response = await fetch(`${server.origin}/api/v1/bookings`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ location: 'mainz', service: 'first-application', start: free.days[0].slots.at(-1).start,
                           contact: { name: 'Olena Test', email }, language }),
  });
  assert.equal(response.status, 201);
  return response.json();
}

async function upload(page, { name, buffer, document }) {
  if (document) await page.locator('#document').selectOption(document);
  await page.locator('#file').setInputFiles({ name, mimeType: 'application/pdf', buffer });
  await page.locator('#upload-form button[type=submit]').click();
  await page.waitForLoadState('load');
}

test('the mail link opens the booking: QR code, calendar file, PDF upload, new time and cancellation, each mailed', async () => {
  const first = await openPage(browser, server.origin);
  const code = await book(first, server.origin, { email: 'mail.de@example.org', prefix: 'mail-book', axe: false });
  const qrTitle = await first.locator('.booking-qr svg title').textContent();
  assert.ok(qrTitle.endsWith(code), 'the QR code is named with the booking code');
  await closePage(first);

  const [confirmation] = await mail.waitFor('mail.de@example.org', new RegExp(code));
  assert.match(confirmation.subject, new RegExp(`^Ihr Termin am \\d\\d\\.03\\.2027 \\d\\d:\\d\\d Uhr – Buchungscode ${code}$`));
  assert.match(confirmation.text, /Guten Tag Anna Muster,/);
  assert.match(confirmation.text, /- Personalausweis oder Pass\n/);
  const ics = confirmation.attachments.find((a) => a.type === 'text/calendar');
  assert.equal(ics?.name, `termin-${code}.ics`);
  assert.match(ics.text, /BEGIN:VTIMEZONE\r\nTZID:Europe\/Berlin/);
  const link = manageLinkIn(confirmation.text);
  assert.ok(link, `a manage link in the mail: ${confirmation.text}`);

  // Opened from the mail program: a fresh browser.
  const page = await openPage(browser, server.origin);
  await page.goto(link);
  assert.equal((await page.locator('.booking-code').textContent()).trim(), code);
  assert.ok(await page.locator('.booking-qr svg').isVisible());
  await step(page, 'mail-1-manage-from-mail');
  const [download] = await Promise.all([page.waitForEvent('download'),
                                        page.getByRole('link', { name: /In meinen Kalender eintragen/ }).click()]);
  assert.equal(download.suggestedFilename(), `termin-${code}.ics`);
  const downloaded = readFileSync(await download.path(), 'utf8');
  assert.equal(downloaded.match(/UID:.*/)[0], ics.text.match(/UID:.*/)[0], 'the same calendar entry as in the mail');

  assert.ok(await page.locator('.documents-missing').getByText('Mietvertrag').isVisible());
  await upload(page, { name: 'mietvertrag.pdf', buffer: pdf, document: 'Mietvertrag' });
  await step(page, 'mail-2-uploaded');
  assert.ok(await page.getByText('Wir haben Ihre Datei erhalten.').isVisible());
  assert.match(await page.locator('.documents-received').textContent(), /mietvertrag\.pdf \(1 KB\): Mietvertrag/);
  assert.equal(await page.locator('.documents-missing').getByText('Mietvertrag').count(), 0);

  await page.getByRole('link', { name: 'Andere Zeit wählen' }).click();
  await page.locator('a.choice').nth(1).click();
  await page.locator('a.time').first().click();
  await page.locator('#main-form button[type=submit]').click();
  assert.ok(await page.getByText('Ihr Termin wurde verschoben').isVisible());
  const [moved] = await mail.waitFor('mail.de@example.org', new RegExp(`verschoben.*${code}`));
  assert.match(moved.text, /Es gilt nur noch diese Zeit/);

  await page.getByRole('link', { name: 'Termin absagen' }).click();
  await page.locator('#main-form button[type=submit]').click();
  assert.ok(await page.getByText('Dieser Termin ist abgesagt').isVisible());
  const [cancelled] = await mail.waitFor('mail.de@example.org', new RegExp(`abgesagt.*${code}`));
  assert.equal(manageLinkIn(cancelled.text), undefined, 'nothing left to manage');
  assert.equal(await page.locator('#upload-form').count(), 0, 'no uploads to a cancelled booking');
  await closePage(page);
});

test('a program renamed to .pdf or a file over the limit is refused with a clear message next to the file field, in German and Arabic', async () => {
  const booked = await bookByApi('renamed@example.org', 'de');
  const page = await openPage(browser, server.origin);
  await page.goto(`${server.origin}/manage/${booked.code}?token=${booked.manage_token}`);
  await upload(page, { name: 'antrag.pdf', buffer: program, document: 'Mietvertrag' });
  await step(page, 'upload-rejected-de');
  assert.match(await page.locator('#file-error').textContent(), /keine PDF-, JPEG- oder PNG-Datei/);
  assert.equal(await page.locator('#file').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#document').inputValue(), 'Mietvertrag', 'the chosen document is kept');
  assert.equal(await page.locator('.documents-received').count(), 0, 'nothing was stored');

  // Far over the limit: with JavaScript the page says so at once and sends nothing.
  const posts = page.record.requests.filter((r) => r.url.endsWith('/documents')).length;
  const big = join(mkdtempSync(join(tmpdir(), 'amt-e2e-upload-')), 'scan.pdf');
  writeFileSync(big, Buffer.concat([pdf, Buffer.alloc(12 * 1024 * 1024)]));
  await page.locator('#file').setInputFiles(big);  // a path: the browser reads it, nothing is copied over
  await page.locator('#upload-form button[type=submit]').click();
  assert.match(await page.locator('#file-error').textContent(), /Diese Datei ist zu groß. Dateien dürfen höchstens 10 MB groß sein./);
  assert.equal(page.record.requests.filter((r) => r.url.endsWith('/documents')).length, posts, 'nothing was sent');

  // The language switch on the re-shown form leads back to the booking, now in Arabic.
  await upload(page, { name: 'antrag.pdf', buffer: program });
  await page.locator('.languages a[lang=ar]').click();
  assert.equal((await page.locator('.booking-code').textContent()).trim(), booked.code);
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  await upload(page, { name: 'antrag.pdf', buffer: program });
  await step(page, 'upload-rejected-ar');
  assert.match(await page.locator('#file-error').textContent(), /ليس من نوع PDF أو JPEG أو PNG/);
  await closePage(page);
});

test('without JavaScript a PDF is uploaded from the booking page', async () => {
  const booked = await bookByApi('nojs.upload@example.org', 'de');
  const page = await openPage(browser, server.origin, { javaScriptEnabled: false });
  await page.goto(`${server.origin}/manage/${booked.code}?token=${booked.manage_token}`);
  await upload(page, { name: 'kontoauszug.pdf', buffer: pdf, document: 'Kontoauszüge der letzten drei Monate' });
  await step(page, 'upload-nojs', { axe: false });  // axe needs page scripts
  assert.ok(await page.getByText('Wir haben Ihre Datei erhalten.').isVisible());
  assert.match(await page.locator('.documents-received').textContent(), /kontoauszug\.pdf/);

  // Far over the limit and no script to check it first: the server sends the browser back to the
  // booking page with the message next to the file field, not to an error document.
  const big = join(mkdtempSync(join(tmpdir(), 'amt-e2e-upload-')), 'handyfoto.pdf');
  writeFileSync(big, Buffer.concat([pdf, Buffer.alloc(12 * 1024 * 1024)]));
  await page.locator('#file').setInputFiles(big);
  await page.locator('#upload-form button[type=submit]').click();
  await page.waitForLoadState();
  assert.match(await page.locator('#file-error').textContent(), /Diese Datei ist zu groß. Dateien dürfen höchstens 10 MB groß sein./);
  assert.equal((await page.locator('.booking-code').textContent()).trim(), booked.code);
  assert.equal(await page.locator('#file').getAttribute('aria-invalid'), 'true');
  assert.doesNotMatch(await page.locator('.documents-received').textContent(), /handyfoto/);
  await closePage(page);
});

test('a booking made in Arabic or Ukrainian gets its mail in that language', async () => {
  const page = await openPage(browser, server.origin, { locale: 'ar' });
  const code = await book(page, server.origin, { lang: 'ar', email: 'mail.ar@example.org', prefix: 'mail-ar', dayIndex: 2, axe: false });
  await step(page, 'mail-ar-confirmation');  // the booking page with QR code and documents, in Arabic, with axe
  await closePage(page);
  const [arabic] = await mail.waitFor('mail.ar@example.org', new RegExp(code));
  assert.match(arabic.subject, new RegExp(`رمز الحجز ${code}`));
  assert.match(arabic.text, /مرحبًا Anna Muster،/);

  const booked = await bookByApi('mail.uk@example.org', 'uk');
  const [ukrainian] = await mail.waitFor('mail.uk@example.org', new RegExp(booked.code));
  assert.match(ukrainian.subject, /^Ваш запис на 16\.03\.2027 о \d\d:\d\d – код бронювання/);
  assert.match(ukrainian.text, /березня 2027/);
});
