// Starts the real amtstermin binary on a free port with a fresh SQLite database and the demo data,
// for the browser tests. The clock is fixed (Monday 2027-03-08, 08:00 in Mainz) and ALTCHA is off.
// serverAndBrowser: one server and browser for a test file; bookThroughApi: a booking to work with.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, after } from 'node:test';
import { launch } from './browser.mjs';

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// extraEnv overrides, e.g. { AMTSTERMIN_ALTCHA_ENABLED: 'true' } for the anti-bot tests. mailPort:
// deliver mail to that SMTP server, with links in the mails that point at this server.
export async function startServer(binary, extraEnv = {}, { mailPort } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'amt-e2e-'));
  const mail = {};
  if (mailPort) {
    const port = await freePort();
    Object.assign(mail, {
      AMTSTERMIN_HTTP_LISTEN: `127.0.0.1:${port}`,
      AMTSTERMIN_MAIL_SMTP_URL: `smtp://127.0.0.1:${mailPort}`,
      AMTSTERMIN_MAIL_FROM: 'Jobcenter Mainz <termine@jobcenter.example.org>',
      AMTSTERMIN_MAIL_PUBLIC_URL: `http://127.0.0.1:${port}`,
      AMTSTERMIN_MAIL_POLL_MS: '100',
    });
  }
  const env = {
    ...process.env,
    AMTSTERMIN_DATABASE_URL: `sqlite:${join(dir, 'amtstermin.db')}`,
    AMTSTERMIN_CLOCK_NOW: '2027-03-08T08:00:00+01:00',
    AMTSTERMIN_ALTCHA_ENABLED: 'false',
    AMTSTERMIN_HTTP_LISTEN: '127.0.0.1:0',
    AMTSTERMIN_RATE_LIMIT_BOOKING_PER_IP: '0',
    AMTSTERMIN_RATE_LIMIT_BOOKING_PER_CONTACT: '0',
    ...mail,
    ...extraEnv,
  };
  const seeded = spawnSync(binary, ['seed-demo'], { env, encoding: 'utf8' });
  if (seeded.status !== 0) throw new Error(`seed-demo failed: ${seeded.stderr}`);
  const child = spawn(binary, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk) => {
      seen += chunk;
      const m = seen.match(/listening on http:\/\/[^ ]+ \(port (\d+)\)/);
      if (m) resolve(Number(m[1]));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${seen}`)));
    setTimeout(() => reject(new Error(`server did not start: ${seen}`)), 15000);
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    // The command line on the same database, e.g. cli(['kiosk-key', 'add', ...]) (kiosk tests).
    cli: (args) => spawnSync(binary, args, { env, encoding: 'utf8' }),
    env,
    stop: () => new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); }),
  };
}

// One server and one browser shared by the tests of a file: started before the first test, stopped
// after the last. Returns an object whose server and browser are there once the tests run.
export function serverAndBrowser(binary, extraEnv = {}) {
  const shared = {};
  before(async () => {
    assert.ok(binary, 'set AMT_BINARY to the amtstermin binary');
    shared.server = await startServer(binary, extraEnv);
    shared.browser = await launch();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.stop();
  });
  return shared;
}

// Books a first application on day (YYYY-MM-DD) through the public API, the slot-th free time;
// returns the answer (code, manage_token, ...).
export async function bookThroughApi(page, origin, { day, slot = 0, contact, language = 'de' }) {
  const free = await page.request.get(`${origin}/api/v1/availability?location=mainz&service=first-application&from=${day}&to=${day}`);
  assert.equal(free.status(), 200);
  const start = (await free.json()).days[0].slots[slot].start;
  const made = await page.request.post(`${origin}/api/v1/bookings`, {
    data: { location: 'mainz', service: 'first-application', start, contact, language },
  });
  assert.equal(made.status(), 201);
  return made.json();
}
