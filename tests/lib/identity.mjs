// Helpers of the identity tests: a real SMTP server (python3-aiosmtpd) whose mailbox the
// tests read, the SMS file outbox, vans started with both, accounts made with the CLI, and
// the ALTCHA proof of work solved as the widget solves it (for the HTTP-level tests).
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { pbkdf2Sync } from 'node:crypto';
import path from 'node:path';
import { startVans, runVans, tempDir, Client, freshDb } from './vans.mjs';

export const PASSWORD = 'Tq7vLm2xRb9w';

export async function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function waitForPort(port, ms = 15000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const ok = await new Promise((resolve) => {
      const c = connect(port, '127.0.0.1', () => { c.end(); resolve(true); });
      c.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listens on ${port}`);
}

// A real SMTP server storing every message in a Maildir.
export async function startSmtp(port) {
  port ??= await freePort();
  const dir = tempDir('vans-mail-');
  for (const d of ['tmp', 'new', 'cur']) mkdirSync(path.join(dir, d), { recursive: true });
  const proc = spawn('/usr/bin/python3', ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`,
    '-c', 'aiosmtpd.handlers.Mailbox', dir], { stdio: 'ignore' });
  await waitForPort(port);
  return {
    port, dir, url: `smtp://127.0.0.1:${port}`,
    messages() {
      return readdirSync(path.join(dir, 'new')).sort().map((f) => parseMail(readFileSync(path.join(dir, 'new', f), 'utf8')));
    },
    async stop() { proc.kill('SIGTERM'); await new Promise((r) => proc.on('exit', r)); },
  };
}

function decodeWords(s) {
  return s.replace(/\r?\n /g, '').replace(/=\?UTF-8\?B\?([^?]+)\?=/g, (_, b) => Buffer.from(b, 'base64').toString('utf8'));
}

export function parseMail(raw) {
  const i = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, i), body = raw.slice(i).trim();
  const header = (name) => {
    const m = head.match(new RegExp(`^${name}: (.*(?:\\r?\\n .*)*)`, 'mi'));
    return m ? decodeWords(m[1]) : null;
  };
  const text = /base64/i.test(header('Content-Transfer-Encoding') ?? '')
    ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body;
  return { to: header('To'), from: header('From'), subject: header('Subject'), text };
}

// Waits for a mail to 'to' (the n-th, counting from 1) and returns it.
export async function waitMail(smtp, to, { n = 1, match, ms = 20000 } = {}) {
  const end = Date.now() + ms;
  for (;;) {
    const got = smtp.messages().filter((m) => m.to === to && (!match || match.test(m.subject + m.text)));
    if (got.length >= n) return got[n - 1];
    if (Date.now() > end) throw new Error(`no mail ${n} to ${to}; have: ${JSON.stringify(smtp.messages().map((m) => [m.to, m.subject]))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function smsFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
}

export async function waitSms(dir, to, { n = 1, ms = 20000 } = {}) {
  const end = Date.now() + ms;
  for (;;) {
    const got = smsFiles(dir).filter((m) => m.to === to);
    if (got.length >= n) return got[n - 1];
    if (Date.now() > end) throw new Error(`no SMS ${n} to ${to}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const codeOf = (text) => text.match(/(\d{6})/)[1];

// Settings that keep the tests quick: light Argon2id and captcha, quick retries.
export function identityEnv(smtpUrl, smsDir, extra = {}) {
  return {
    VANS_SMTP_URL: smtpUrl, VANS_SMTP_FROM: 'vans <noreply@vans.test>', VANS_SMS_DRIVER: 'file',
    VANS_SMS_OUTBOX_DIR: smsDir, VANS_PASSWORD_HASH_MEM_MIB: '8', VANS_PASSWORD_HASH_OPS: '1',
    VANS_CAPTCHA_COST: '10', VANS_CAPTCHA_COUNTER_MAX: '50', VANS_OUTBOX_RETRY_SECONDS: '1',
    VANS_SERVICE_MAILBOX: 'vans-service@vans.test', VANS_OTP_SENDS_PER_IP: '10000',
    VANS_OTP_SENDS_PER_ADDRESS: '100', ...extra,
  };
}

// A database with organisations A (level A, OID), B (level B, 統一編號) and D (level D),
// an operator and an administrator of A and of B made with the CLI, and vans serving it.
export async function startPlatform({ env = {} } = {}) {
  const smtp = await startSmtp();
  const dir = tempDir('vans-id-');
  const db = freshDb(dir);
  const smsDir = path.join(dir, 'sms');
  const e = identityEnv(smtp.url, smsDir, env);
  const cli = (...args) => {
    const r = runVans(['--db', db, ...args], { env: e });
    if (r.status !== 0) throw new Error(`vans ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  cli('org', 'add', '--name', '行政院', '--oid', '2.16.886.101.20003', '--level', 'A');
  cli('org', 'add', '--name', '示範科技股份有限公司', '--ubn', '04595257', '--level', 'B');
  cli('org', 'add', '--name', '某某國民小學', '--oid', '2.16.886.101.90001', '--level', 'D');
  const links = {
    operator1: cli('user', 'add', '--role', 'operator', '--username', 'operator1', '--email', 'operator@vans.test', '--name', 'Platform Operator'),
    adminA01: cli('user', 'add', '--role', 'admin', '--org', '2.16.886.101.20003', '--username', 'adminA01', '--email', 'admin-a@ey.gov.tw', '--name', '李管理', '--mobile', '0911000001'),
    adminB01: cli('user', 'add', '--role', 'admin', '--org', '04595257', '--username', 'adminB01', '--email', 'admin-b@demo.com.tw', '--name', '陳管理', '--mobile', '0911000002'),
  };
  const vans = await startVans({ db, env: e });
  const setupPath = (name) => new URL(links[name].match(/http\S+\/setup\/\S+/)[0]).pathname;
  return { vans, smtp, dir, db, smsDir, env: e, cli, setupPath,
    async stop() { await vans.stop(); await smtp.stop(); } };
}

// Solves an ALTCHA challenge (PBKDF2/SHA-256, counter as big-endian uint32 after the nonce)
// and returns the widget's form value.
export function solveCaptcha(challenge) {
  const p = challenge.parameters;
  const nonce = Buffer.from(p.nonce, 'hex'), salt = Buffer.from(p.salt, 'hex');
  for (let c = 0; c < 1e6; c++) {
    const pw = Buffer.alloc(nonce.length + 4);
    nonce.copy(pw);
    pw.writeUInt32BE(c, nonce.length);
    const dk = pbkdf2Sync(pw, salt, p.cost, p.keyLength, 'sha256').toString('hex');
    if (dk.startsWith(p.keyPrefix)) {
      return Buffer.from(JSON.stringify({ challenge: { parameters: p, signature: challenge.signature },
        solution: { counter: c, derivedKey: dk, time: 1 } })).toString('base64');
    }
  }
  throw new Error('unsolvable');
}

// A client that follows the form: GET the page for its CSRF token, then POST.
export async function submit(client, pagePath, fields, postPath = pagePath) {
  const page = await client.get(pagePath);
  const html = await page.text();
  const token = Client.csrfFrom(html);
  return client.post(postPath, { _csrf: token, ...fields });
}

// Signs in with password, then the e-mail code when a second factor is asked for.
export async function signIn(p, username, password = PASSWORD, { email } = {}) {
  const c = new Client(p.vans.url);
  // only the code mails count: notices of findings also reach these addresses
  const codeMail = /登入驗證碼|sign-in code/;
  const before = email ? p.smtp.messages().filter((m) => m.to === email && codeMail.test(m.subject + m.text)).length : 0;
  let res = await submit(c, '/login', { username, password, next: '/account' });
  if (res.status !== 303) throw new Error(`sign-in of ${username}: ${res.status}`);
  if (res.headers.get('location').startsWith('/login/verify')) {
    const mail = await waitMail(p.smtp, email, { n: before + 1, match: codeMail });
    res = await submit(c, res.headers.get('location'), { code: codeOf(mail.text), method: 'email', next: '/account' }, '/login/verify');
    if (res.status !== 303) throw new Error(`second factor of ${username}: ${res.status}`);
  }
  return c;
}

// Uses a set-up link printed by `vans user add`.
export async function setUp(p, name, password = PASSWORD) {
  const c = new Client(p.vans.url);
  const res = await submit(c, p.setupPath(name), { password, password_confirm: password });
  if (res.status !== 303) throw new Error(`set-up of ${name}: ${res.status}`);
}
