// Browser helpers for the citizen-page tests: Debian's Chromium through playwright-core, a phone-
// sized page that records every request (to prove nothing leaves for other hosts) and page sizes,
// axe-core checks (WCAG 2.1 A and AA) and a screenshot per step.
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const outDir = process.env.AMT_E2E_OUT || new URL('./output/', import.meta.url).pathname;
mkdirSync(outDir, { recursive: true });

export function launch() {
  return chromium.launch({
    executablePath: process.env.AMT_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
           '--disable-sync', '--no-first-run'],
  });
}

// A fresh browser context (no cookies, empty cache) at phone width.
export async function openPage(browser, origin, { javaScriptEnabled = true, locale = 'de-DE' } = {}) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled, locale });
  const page = await context.newPage();
  const record = { foreign: [], cspViolations: [], requests: [] };
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.origin !== origin) record.foreign.push(request.url());
  });
  page.on('requestfinished', async (request) => {
    const sizes = await request.sizes().catch(() => null);
    const response = await request.response().catch(() => null);  // the page may close first
    record.requests.push({ url: request.url(), type: request.resourceType(), status: response?.status(),
                           transferred: sizes ? sizes.responseBodySize + sizes.responseHeadersSize : 0,
                           body: sizes ? sizes.responseBodySize : 0 });
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) record.cspViolations.push(message.text());
  });
  page.record = record;
  return page;
}

export async function closePage(page) {
  assert.deepEqual(page.record.foreign, [], 'requests went to other hosts');
  assert.deepEqual(page.record.cspViolations, [], 'the Content-Security-Policy was violated');
  await page.context().close();
}

// axe-core with the WCAG 2.1 A/AA rules. evaluate() runs outside the page's CSP, so the strict
// policy stays on while we test.
export async function checkAccessibility(page, label) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  const violations = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  assert.deepEqual(violations, [], `axe-core violations on ${label}`);
  assert.ok(result.passes.length > 10, `axe-core checked almost nothing on ${label}`);
}

export const sizes = [];
// Screenshot, accessibility check and size record of the page as it is now.
export async function step(page, name, { axe = true } = {}) {
  await page.screenshot({ path: join(outDir, `${name}.png`), fullPage: true });
  if (axe) await checkAccessibility(page, name);
  const record = page.record;
  await page.waitForLoadState('load');
  const since = record.requests.slice(record.mark || 0);
  record.mark = record.requests.length;
  const documents = since.filter((r) => r.type === 'document');
  const html = documents.length ? documents[documents.length - 1].body : 0;
  const transferred = since.reduce((sum, r) => sum + r.transferred, 0);
  sizes.push({ name, html, transferred, requests: since.length });
}
