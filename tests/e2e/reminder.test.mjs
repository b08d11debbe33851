// The pages behind a reminder's links in a real browser: without JavaScript the one-tap cancel page
// shows the appointment, cancels with its one button and confirms with a link to book again; the
// SMS opt-out page confirms and keeps the appointment. Every page passes axe-core (which needs
// JavaScript itself, so those checks run in a second browser context).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, bookThroughApi } from './server.mjs';
import { openPage, closePage, checkAccessibility } from './browser.mjs';

const shared = serverAndBrowser(process.env.AMT_BINARY);

function bookForReminder(page, origin) {
  return bookThroughApi(page, origin, {
    day: '2027-03-18', slot: 1,
    contact: { name: 'Rita Reminder', email: 'rita.reminder@example.org', phone: '0151 7654321' },
  });
}

test('the one-tap cancel page cancels without JavaScript and confirms with a link to book again', async () => {
  const page = await openPage(shared.browser, shared.server.origin, { javaScriptEnabled: false });
  try {
    const booking = await bookForReminder(page, shared.server.origin);
    await page.goto(`${shared.server.origin}/reminder/${booking.code}/cancel?token=${booking.manage_token}`);
    assert.equal(await page.locator('h1').textContent(), 'Termin absagen?');
    assert.ok((await page.locator('dl.summary').textContent()).includes(booking.code));
    await page.getByRole('button', { name: 'Diesen Termin absagen' }).click();
    assert.equal(await page.locator('h1').textContent(), 'Ihr Termin ist abgesagt');
    assert.equal(await page.getByRole('link', { name: 'Neuen Termin buchen' }).getAttribute('href'), '/');
    const status = await page.request.get(`${shared.server.origin}/api/v1/bookings/${booking.code}`,
      { headers: { Authorization: `Bearer ${booking.manage_token}` } });
    assert.equal((await status.json()).status, 'cancelled');
  } finally {
    await closePage(page);
  }
});

test('the SMS opt-out page confirms and keeps the appointment; every reminder page passes axe-core', async () => {
  const page = await openPage(shared.browser, shared.server.origin, { locale: 'en-GB' });
  try {
    const booking = await bookForReminder(page, shared.server.origin);
    await page.goto(`${shared.server.origin}/reminder/${booking.code}/cancel?token=${booking.manage_token}`);
    await checkAccessibility(page, 'reminder cancel page');
    await page.goto(`${shared.server.origin}/reminder/${booking.code}/stop/sms?token=${booking.manage_token}`);
    assert.equal(await page.locator('h1').textContent(), 'No more reminders by SMS?');
    await checkAccessibility(page, 'reminder opt-out page');
    await page.getByRole('button', { name: 'Stop reminders' }).click();
    assert.equal(await page.locator('h1').textContent(), 'Reminders stopped');
    await checkAccessibility(page, 'reminder opt-out confirmation');
    const status = await page.request.get(`${shared.server.origin}/api/v1/bookings/${booking.code}`,
      { headers: { Authorization: `Bearer ${booking.manage_token}` } });
    assert.equal((await status.json()).status, 'booked');
    await page.goto(`${shared.server.origin}/reminder/${booking.code}/cancel?token=${booking.manage_token}`);
    await page.getByRole('button', { name: 'Cancel this appointment' }).click();
    assert.equal(await page.locator('h1').textContent(), 'Your appointment is cancelled');
    await checkAccessibility(page, 'reminder cancel confirmation');
  } finally {
    await closePage(page);
  }
});
