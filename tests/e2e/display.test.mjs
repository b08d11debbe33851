// The waiting-room call display in a real browser against the real server: a call made through
// `amtstermin ticket` (the same app function the staff pages use) is on the screen within a second,
// the page recovers by itself from a server restart (no reload), and axe-core finds no violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openPage, closePage, checkAccessibility, outDir } from './browser.mjs';

const binary = process.env.AMT_BINARY;
let browser;
let server;

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// One database and one port across restarts, so the open page can find the server again.
async function displayServer() {
  const dir = mkdtempSync(join(tmpdir(), 'amt-display-'));
  const port = await freePort();
  const env = {
    ...process.env,
    AMTSTERMIN_DATABASE_URL: `sqlite:${join(dir, 'amtstermin.db')}`,
    AMTSTERMIN_CLOCK_NOW: '2027-03-08T08:00:00+01:00',
    AMTSTERMIN_ALTCHA_ENABLED: 'false',
    AMTSTERMIN_HTTP_LISTEN: `127.0.0.1:${port}`,
  };
  const seeded = spawnSync(binary, ['seed-demo'], { env, encoding: 'utf8' });
  if (seeded.status !== 0) throw new Error(`seed-demo failed: ${seeded.stderr}`);
  let child = null;
  const startedAt = Date.now();
  const self = {
    origin: `http://127.0.0.1:${port}`,
    async start() {
      child = spawn(binary, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      await new Promise((resolve, reject) => {
        let seen = '';
        const onData = (chunk) => {
          seen += chunk;
          if (/listening on http/.test(seen)) resolve();
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.once('exit', (code) => reject(new Error(`server exited (${code}): ${seen}`)));
        setTimeout(() => reject(new Error(`server did not start: ${seen}`)), 15000);
      });
    },
    stop: () => new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); }),
    ticket(...args) {
      // The fixed clock runs on for the command too (each process would start it afresh).
      const now = new Date(Date.parse(env.AMTSTERMIN_CLOCK_NOW) + (Date.now() - startedAt)).toISOString();
      const run = spawnSync(binary, ['ticket', ...args], { env: { ...env, AMTSTERMIN_CLOCK_NOW: now.replace(/\.\d+Z$/, 'Z') }, encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`ticket ${args.join(' ')}: ${run.stderr}`);
      return JSON.parse(run.stdout.trim().split('\n').pop());  // earlier lines: the log
    },
  };
  await self.start();
  return self;
}

const emergency = () => server.ticket('emergency', '--location', 'mainz');
const callNext = () => server.ticket('call-next', '--location', 'mainz', '--staff', 'staff-35', '--reception', '--finish-current');

async function openDisplay(lang) {
  const page = await openPage(browser, server.origin, { locale: lang === 'en' ? 'en-GB' : 'de-DE' });
  await page.setViewportSize({ width: 1920, height: 1080 });
  page.navigations = 0;
  page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) page.navigations += 1; });
  await page.goto(`${server.origin}/display/mainz?lang=${lang}`);
  // Connected: the first state event has arrived once "no calls" or a current call shows.
  await page.waitForFunction(() => !document.getElementById('empty').hidden || !document.getElementById('current-call').hidden);
  return page;
}

async function showsCall(page, ticket, timeout) {
  await page.waitForFunction(({ number, room }) =>
    document.getElementById('current-number').textContent === number &&
    document.getElementById('current-room').textContent === room, ticket, { timeout });
}

before(async () => {
  assert.ok(binary, 'set AMT_BINARY to the amtstermin binary');
  server = await displayServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the display shows number and room within one second of a call, and the earlier call below', async () => {
  const page = await openDisplay('de');
  assert.ok(await page.getByRole('heading', { name: 'Aufruf', exact: true }).isVisible());
  // Five calls; the median must be within a second. Each may take up to three on a machine so busy
  // that the browser itself is starved (the shared CI machine), which the log line shows.
  const latencies = [];
  let previous = null;
  for (let i = 0; i < 5; i += 1) {
    emergency();
    const called = callNext();
    const calledAt = Date.now();
    await showsCall(page, called, 3000);
    latencies.push(Date.now() - calledAt);
    if (previous) assert.equal(await page.locator('#recent tr td').first().textContent(), previous.number);
    previous = called;
  }
  latencies.sort((a, b) => a - b);
  console.log(`call to screen (ms): ${latencies.join(', ')}`);
  assert.ok(latencies[2] <= 1000, `median call to screen ${latencies[2]} ms`);
  const text = await page.locator('body').innerText();
  assert.ok(!/staff-|Becker|Mustermann/.test(text), 'no names or staff ids on the screen');
  await page.screenshot({ path: join(outDir, 'display-de.png') });
  await checkAccessibility(page, 'display-de');
  await closePage(page);
});

test('the display in English is accessible and labels the call "Call"', async () => {
  const page = await openDisplay('en');
  assert.ok(await page.getByRole('heading', { name: 'Call', exact: true }).isVisible());
  assert.ok(await page.getByRole('heading', { name: 'Previous calls' }).isVisible());
  await checkAccessibility(page, 'display-en');
  await closePage(page);
});

test('after a server restart the open display recovers by itself, without a reload', async () => {
  const page = await openDisplay('de');
  emergency();
  const before = callNext();
  await showsCall(page, before, 2000);
  await server.stop();
  await page.getByText('Einen Moment bitte.').waitFor({ state: 'visible', timeout: 5000 });
  await page.screenshot({ path: join(outDir, 'display-offline.png') });
  await checkAccessibility(page, 'display-offline');
  await server.start();
  await page.getByText('Einen Moment bitte.').waitFor({ state: 'hidden', timeout: 10000 });
  assert.equal(await page.locator('#current-number').textContent(), before.number, 'the state came back the same');
  emergency();
  const after = callNext();
  await showsCall(page, after, 2000);
  assert.equal(page.navigations, 1, 'the page was reloaded');
  await closePage(page);
});
