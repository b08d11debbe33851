// The citizen's booking flow as the browser tests walk it: by clicking (book) or by keyboard (tabTo).
import assert from 'node:assert/strict';
import { step } from './browser.mjs';

// The booking flow by clicking; returns the booking code. prefix names the screenshots.
export async function book(page, origin, { lang, email, prefix, dayIndex = 0, timeIndex = 0, axe = true }) {
  await page.goto(`${origin}/${lang ? `?lang=${lang}` : ''}`);
  await step(page, `${prefix}-1-concerns`, { axe });
  await page.getByRole('link', { name: /Erstantrag Bürgergeld/ }).click();
  await step(page, `${prefix}-2-concern`, { axe });
  await page.locator('#main-form button[type=submit]').click();
  await step(page, `${prefix}-3-days`, { axe });
  await page.locator('a.choice').nth(dayIndex).click();
  await step(page, `${prefix}-4-times`, { axe });
  await page.locator('a.time').nth(timeIndex).click();
  await step(page, `${prefix}-5-details`, { axe });
  await page.locator('#name').fill('Anna Muster');
  await page.locator('#email').fill(email);
  await page.locator('button[name=action][value=check]').click();
  await step(page, `${prefix}-6-check`, { axe });
  await page.locator('button[name=action][value=confirm]').click();
  await step(page, `${prefix}-7-confirmation`, { axe });
  const code = (await page.locator('.booking-code').textContent()).trim();
  assert.match(code, /^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);
  return code;
}

// Presses Tab until the focused element satisfies predicate (evaluated in the page).
export async function tabTo(page, predicate, arg) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(predicate, arg)) return;
  }
  throw new Error(`never reached by Tab: ${predicate} ${arg ?? ''}`);
}
