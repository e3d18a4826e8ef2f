// Notices in Chromium (issue 5, "It must show"): an organisation with a PRTG server whose CVE
// the January 2025 KEV copy does not list; the operator imports the newer KEV catalogue and,
// with nothing else done, the urgent notice e-mail reaches the organisation's general user,
// whose header counts the unread notification; they read it, choose immediate mail; the
// administrator sets up the webhook (secret shown once) and sends a test. Screenshots in
// build/screenshots/notice-*. Skipped without Chromium or the shared data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { testdata, tempDir, Client } from '../lib/vans.mjs';
import { PASSWORD, startPlatform, setUp, submit, waitMail, codeOf } from '../lib/identity.mjs';
import { miniFeed } from '../lib/feeds.mjs';
import { launch, shot } from './browser.mjs';

const OID_A = '2.16.886.101.20003';
const oldKev = path.join(testdata, 'kev/history/known_exploited_vulnerabilities.2025-01-27.json');
const newKev = path.join(testdata, 'kev/known_exploited_vulnerabilities.json');
const skip = (!existsSync(process.env.CHROMIUM ?? '/usr/bin/chromium') && 'no chromium') ||
  (!(existsSync(oldKev) && existsSync(newKev) && existsSync(path.join(testdata, 'nvd/feeds-1.1'))) && 'no shared data');
let p, browser, dir;

before(async () => {
  if (skip) return;
  // the server's dispatcher runs every second, as a short notice_interval makes it
  p = await startPlatform({ env: { VANS_NOTICE_INTERVAL: '1', VANS_WEBHOOK_PRIVATE_ADDRESSES: 'true' } });
  dir = tempDir('vans-notice-e2e-');
  await setUp(p, 'adminA01');
  const link = p.cli('user', 'add', '--role', 'user', '--org', OID_A, '--username', 'userA02', '--email', 'user-a2@ey.gov.tw',
    '--name', '張一般');
  const c = new Client(p.vans.url);
  const res = await submit(c, new URL(link.match(/http\S+\/setup\/\S+/)[0]).pathname, { password: PASSWORD, password_confirm: PASSWORD });
  assert.equal(res.status, 303);
  p.cli('feed', 'import', 'nvd', miniFeed(dir, ['CVE-2014-0160', 'CVE-2018-9276', 'CVE-2018-19410']));
  p.cli('feed', 'import', 'kev', oldKev);
  writeFileSync(path.join(dir, 'a.csv'), '資產類別,資產識別碼,資產名稱,廠牌,版本,CPE\n' +
    '資通系統資產,srv-mon-01,PRTG Network Monitor,Paessler,18.1.37.13946,cpe:2.3:a:paessler:prtg_network_monitor:18.1.37.13946:*:*:*:*:*:*:*\n' +
    '資通系統資產,srv-web-01,OpenSSL,OpenSSL,1.0.1f,cpe:2.3:a:openssl:openssl:1.0.1f:*:*:*:*:*:*:*\n');
  p.cli('asset', 'import', '--org', OID_A, path.join(dir, 'a.csv'));
  browser = await launch();
});
after(async () => { await browser?.close(); await p?.stop(); });

async function signInBrowser(page, username, email) {
  const codeMail = /登入驗證碼/;
  const before = p.smtp.messages().filter((m) => m.to === email && codeMail.test(m.subject)).length;
  await page.goto(p.vans.url + '/login');
  await page.getByRole('textbox', { name: '帳號', exact: true }).fill(username);
  await page.getByLabel(/^密碼/).fill(PASSWORD);
  await page.getByRole('button', { name: '帳號登入' }).click();
  await page.waitForURL((u) => u.pathname !== '/login');
  // a second factor by e-mail when the account has one to give
  if (new URL(page.url()).pathname.startsWith('/login/verify')) {
    const mail = await waitMail(p.smtp, email, { n: before + 1, match: codeMail });
    await page.getByLabel(/^驗證碼/).fill(codeOf(mail.text));
    await page.getByRole('button', { name: '確認' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  }
}

// A mail shown as a page, so that a person can look at what was sent.
async function shootMail(page, mail, name) {
  const esc = (s) => s.replace(/[&<>]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[ch]);
  await page.setContent(`<meta charset="utf-8"><body style="font-family:'Noto Sans CJK TC',sans-serif;max-width:60rem;margin:1rem">
    <p><b>To:</b> ${esc(mail.to)}<br><b>Subject:</b> ${esc(mail.subject)}</p><pre style="white-space:pre-wrap">${esc(mail.text)}</pre></body>`);
  await shot(page, name);
}

test('a newer KEV catalogue makes the urgent notice e-mail and an unread notification', { skip }, async () => {
  const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } })).newPage();
  // the first findings: Heartbleed (in KEV since 2022) and PRTG's critical CVE are urgent at once
  const first = await waitMail(p.smtp, 'user-a2@ey.gov.tw', { match: /【緊急】/ });
  assert.match(first.text, /CVE-2014-0160/);
  assert.doesNotMatch(first.text, /CVE-2018-9276/, 'high and not in the January catalogue: not urgent yet');
  await signInBrowser(page, 'userA02', 'user-a2@ey.gov.tw');
  await page.goto(p.vans.url + '/notifications');
  await page.getByRole('button', { name: '全部標示為已讀' }).click();
  await page.waitForURL(/\/notifications$/);
  assert.equal(await page.locator('.header-count').count(), 0);
  await shot(page, 'notice-01-all-read');

  // the operator imports the newer catalogue; nothing else is done
  const out = p.cli('feed', 'import', 'kev', newKev);
  assert.match(out, /findings/);
  const mail = await waitMail(p.smtp, 'user-a2@ey.gov.tw', { match: /CVE-2018-9276/, ms: 30000 });
  assert.match(mail.subject, /^【緊急】\[URGENT\] 資通安全弱點通報：行政院/);
  assert.match(mail.text, /CVE-2018-9276 {2}高 CVSS 7\.2 · KEV 修補期限 2025-02-25/);
  assert.match(mail.text, /已列入 KEV（已知遭利用弱點）/);
  assert.match(mail.text, /Paessler PRTG Network Monitor 18\.1\.37\.13946/);
  assert.ok(mail.text.indexOf('您好') < mail.text.indexOf('Dear'));
  const mailPage = await browser.newPage();
  await shootMail(mailPage, mail, 'notice-02-urgent-kev-mail');
  await mailPage.close();

  // in vans: the header counts it, the list shows it first and urgent
  await page.goto(p.vans.url + '/');
  await page.locator('.header-count').waitFor();
  assert.equal(await page.locator('.header-count').textContent(), '1');
  await shot(page, 'notice-03-header-count');
  await page.locator('#header-notifications').click();
  await page.waitForURL(/\/notifications$/);
  const newest = page.locator('.notification').first();
  assert.match(await newest.textContent(), /CVE-2018-9276/);
  assert.match(await newest.textContent(), /緊急/);
  assert.match(await newest.getAttribute('class'), /urgent/);
  await shot(page, 'notice-04-notifications');
  await newest.getByRole('button', { name: '標示為已讀' }).click();
  await page.waitForURL(/\/notifications$/);
  assert.equal(await page.locator('.header-count').count(), 0);

  // the e-mail choice
  await page.getByRole('link', { name: '通知設定' }).click();
  await page.getByLabel('即時寄送').check();
  await shot(page, 'notice-05-preferences');
  await page.getByRole('button', { name: '儲存設定' }).click();
  await page.getByText('通知設定已儲存。').waitFor();
  assert.ok(await page.getByLabel('即時寄送').isChecked());
});

test('the administrator sets up the webhook, sees the secret once and sends a signed test', { skip }, async () => {
  const got = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (ch) => chunks.push(ch));
    req.on('end', () => { got.push({ headers: req.headers, body: Buffer.concat(chunks) }); res.writeHead(204); res.end(); });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  try {
    const page = await (await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } })).newPage();
    await signInBrowser(page, 'adminA01', 'admin-a@ey.gov.tw');
    await page.goto(p.vans.url + '/org/reviews');
    await page.getByRole('link', { name: 'Webhook 設定' }).click();
    await page.waitForURL(/\/org\/webhook$/);
    await page.getByLabel(/^接收網址/).fill(`http://127.0.0.1:${server.address().port}/vans`);
    await page.getByRole('button', { name: '儲存並啟用' }).click();
    const secret = (await page.locator('#new-secret').textContent()).trim();
    assert.match(secret, /^[0-9a-f]{64}$/);
    await shot(page, 'notice-06-webhook-secret-once');
    await page.getByRole('button', { name: '傳送測試通知' }).click();
    await page.getByText('測試通知已排入傳送佇列').waitFor();
    assert.equal(await page.locator('#new-secret').count(), 0, 'the secret is not shown again');
    await shot(page, 'notice-07-webhook-test-sent');
    const end = Date.now() + 20000;
    while (!got.length && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    assert.equal(got.length, 1);
    assert.equal(got[0].headers['x-vans-signature'], 'sha256=' + createHmac('sha256', secret).update(got[0].body).digest('hex'));
    assert.equal(JSON.parse(got[0].body).event, 'vans.test');
  } finally {
    await new Promise((r) => server.close(r));
  }
});
