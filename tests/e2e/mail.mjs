// The SMTP server of the browser tests: starts tests/e2e/mail_sink.py (aiosmtpd) and reads the mails
// it received, as a citizen's mailbox would show them.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function startMailServer() {
  const dir = mkdtempSync(join(tmpdir(), 'amt-e2e-mail-'));
  const child = spawn(process.env.AMT_PYTHON || '/usr/bin/python3',
                      [new URL('./mail_sink.py', import.meta.url).pathname, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk) => {
      seen += chunk;
      const m = seen.match(/port (\d+)/);
      if (m) resolve(Number(m[1]));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`mail server exited (${code}): ${seen}`)));
    setTimeout(() => reject(new Error(`mail server did not start: ${seen}`)), 15000);
  });
  const all = () => readdirSync(dir).filter((n) => n.endsWith('.json')).sort()
    .map((n) => JSON.parse(readFileSync(join(dir, n), 'utf8')));
  return {
    port,
    all,
    // The mails to address whose subject matches, once there are at least count of them.
    async waitFor(address, subject, count = 1, timeoutMs = 30000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = all().filter((m) => m.to.includes(address) && subject.test(m.subject));
        if (found.length >= count) return found;
        if (Date.now() > deadline) throw new Error(`no mail to ${address} matching ${subject}: ${JSON.stringify(all().map((m) => m.subject))}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    stop: () => new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); }),
  };
}
