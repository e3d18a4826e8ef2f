// Identity over HTTP as people use it: the operator's set-up link and sign-in with an
// e-mail code, registration with both one-time codes (read from a real SMTP server and
// the SMS outbox), the administrator's review with accept (mailed) and reject (not
// mailed), the signed application form, lockout, password reset, sessions ended by a
// password change and by disabling, API keys, codes that survive a mail server that is
// down, and the audit chain.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client, runVans, startVans, tempDir } from '../lib/vans.mjs';
import { PASSWORD, startPlatform, startSmtp, freePort, identityEnv, submit, signIn, setUp, waitMail, waitSms,
  codeOf, solveCaptcha, smsFiles } from '../lib/identity.mjs';

let p;
before(async () => {
  p = await startPlatform();
  await setUp(p, 'operator1');
  await setUp(p, 'adminA01');
  await setUp(p, 'adminB01');
});
after(async () => { await p?.stop(); });

// Registers through every step; returns the client and the permission request it made.
async function register(c, { ident = '2.16.886.101.20003', kind = 'oid', name = '王小明', email, mobile, username,
  perms = ['perm_vans_general'] }) {
  let res = await submit(c, '/register', { kind, identifier: ident });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/register/contact');
  const page = await (await c.get('/register/contact')).text();
  assert.match(page, /行政院|示範科技|某某國民小學/, 'the organisation name is filled in');
  const challenge = await (await c.get('/api/v1/captcha')).json();
  const mailsBefore = p.smtp.messages().filter((m) => m.to === email).length;
  res = await c.post('/register/contact', { _csrf: Client.csrfFrom(page), name, email, mobile, altcha: solveCaptcha(challenge) });
  assert.equal(res.status, 303, 'codes are sent');
  const mail = await waitMail(p.smtp, email, { n: mailsBefore + 1 });
  const sms = await waitSms(p.smsDir, mobile.replace('-', ''), { n: smsFiles(p.smsDir).filter((m) => m.to === mobile.replace('-', '')).length || 1 });
  res = await submit(c, '/register/verify', { email_code: codeOf(mail.text), sms_code: codeOf(sms.text) });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/register/permissions');
  const fields = Object.fromEntries(perms.map((f) => [f, '1']));
  res = await submit(c, '/register/permissions', fields);
  assert.equal(res.status, 303);
  res = await submit(c, '/register/account', { username, password: PASSWORD, password_confirm: PASSWORD, title: '科員',
    department: '資訊中心', address: '臺北市中正區忠孝東路一段1號', phone: '02-23456789', extension: '123', fax: '' });
  assert.equal(res.status, 303, 'the application is submitted');
  assert.match(res.headers.get('location'), /^\/register\/done/);
  return res;
}

test('vans user add prints a one-time set-up link; the operator signs in with an e-mail code', async () => {
  const used = await submit(new Client(p.vans.url), p.setupPath('operator1'), { password: PASSWORD, password_confirm: PASSWORD });
  assert.equal(used.status, 404, 'the link works once');
  const c = await signIn(p, 'operator1', PASSWORD, { email: 'operator@vans.test' });
  const me = await (await c.get('/api/v1/me')).json();
  assert.equal(me.username, 'operator1');
  assert.deepEqual(me.roles, ['operator']);
  assert.equal((await c.get('/admin/reviews')).status, 200);
});

test('an administrator cannot skip the second factor', async () => {
  const c = new Client(p.vans.url);
  const res = await submit(c, '/login', { username: 'adminA01', password: PASSWORD, next: '/org/reviews' });
  assert.match(res.headers.get('location'), /^\/login\/verify\?method=email/);
  assert.equal((await c.get('/org/reviews')).status, 303, 'half signed in is not signed in');
  assert.equal((await c.get('/api/v1/me')).status, 401);
});

test('registration refuses what the seed refuses, field by field', async () => {
  const c = new Client(p.vans.url);
  let res = await submit(c, '/register', { kind: 'ubn', identifier: '04595258' });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /統一編號不正確/);
  res = await submit(c, '/register', { kind: 'oid', identifier: '04595257' });
  assert.match(await res.text(), /這是統一編號/);
  res = await submit(c, '/register', { kind: 'ubn', identifier: '10000004' });
  assert.match(await res.text(), /平台上尚無此機關/, 'a valid 統一編號 that is not on the platform');
  res = await submit(c, '/register', { kind: 'ubn', identifier: '04595257' });
  assert.equal(res.status, 303);
  const page = await (await c.get('/register/contact')).text();
  res = await c.post('/register/contact', { _csrf: Client.csrfFrom(page), name: 'x1', email: 'bad', mobile: '0812' });
  assert.equal(res.status, 422);
  const html = await res.text();
  for (const m of ['姓名須由中文或英文組成', '請輸入有效的電子郵件信箱', '請輸入 09 開頭', '請先完成「我不是機器人」驗證'])
    assert.ok(html.includes(m), m);
  assert.match(html, /class="error-summary"/);
  const forged = Buffer.from(JSON.stringify({ challenge: { parameters: {}, signature: 'x' }, solution: {} })).toString('base64');
  res = await c.post('/register/contact', { _csrf: Client.csrfFrom(page), name: '王小明', email: 'w@demo.com.tw', mobile: '0912345678', altcha: forged });
  assert.match(await res.text(), /機器人驗證失敗/);
  assert.equal((await c.get('/register/verify')).status, 303, 'no step can be skipped');
});

test('a new account applies for the general permission with both codes; the administrator accepts it', async () => {
  const c = new Client(p.vans.url);
  await register(c, { email: 'wang@ey.gov.tw', mobile: '0912-345678', username: 'wangxm01' });
  const staff = await signIn(p, 'wangxm01');
  const acct = await (await staff.get('/account')).text();
  assert.match(acct, /一般權限[\s\S]*?審核中/);
  const admin = await signIn(p, 'adminA01', PASSWORD, { email: 'admin-a@ey.gov.tw' });
  const list = await (await admin.get('/org/reviews')).text();
  assert.match(list, /wangxm01/);
  const href = list.match(/href="(\/org\/reviews\/\d+)"/)[1];
  const detail = await (await admin.get(href)).text();
  for (const v of ['王小明', 'wang@ey.gov.tw', '0912345678', '資訊中心', '科員', '02-23456789', '123']) assert.ok(detail.includes(v), v);
  const before = p.smtp.messages().filter((m) => m.to === 'wang@ey.gov.tw').length;
  const res = await submit(admin, href, { decision: 'accept' });
  assert.equal(res.status, 303);
  const mail = await waitMail(p.smtp, 'wang@ey.gov.tw', { n: before + 1 });
  assert.match(mail.subject, /審核通過/);
  assert.match(await (await staff.get('/account')).text(), /審核通過[\s\S]*?申請刪除權限/);
  assert.deepEqual((await (await staff.get('/api/v1/me')).json()).roles, ['vans_user']);
});

test('a rejected request is not mailed, and may be made again', async () => {
  const c = new Client(p.vans.url);
  await register(c, { email: 'lin@ey.gov.tw', mobile: '0922-000111', username: 'linmei01', name: '林美' });
  const admin = await signIn(p, 'adminA01', PASSWORD, { email: 'admin-a@ey.gov.tw' });
  const list = await (await admin.get('/org/reviews')).text();
  const href = list.match(/linmei01[\s\S]*?href="(\/org\/reviews\/\d+)"/)[1];
  const mailsBefore = p.smtp.messages().filter((m) => m.to === 'lin@ey.gov.tw').length;
  assert.equal((await submit(admin, href, { decision: 'reject' })).status, 303);
  assert.equal((await submit(admin, href, { decision: 'accept' })).status, 303, 'a decided request stays decided');
  const staff = await signIn(p, 'linmei01');
  const acct = await (await staff.get('/account')).text();
  assert.match(acct, /審核不通過[\s\S]*?重新申請權限/);
  await new Promise((r) => setTimeout(r, 2500)); // the outbox thread runs every second
  assert.equal(p.smtp.messages().filter((m) => m.to === 'lin@ey.gov.tw').length, mailsBefore, 'no mail on rejection');
  const res = await submit(staff, '/account', { module: 'vans', permission: 'general', action: 'apply' }, '/account/permissions');
  assert.equal(res.status, 303);
  assert.match(await (await staff.get('/account')).text(), /一般權限[\s\S]*?審核中/);
});

test('an administrator request carries the pre-filled form; the operator sees the signed scan and accepts', async () => {
  const c = new Client(p.vans.url);
  await register(c, { ident: '04595257', kind: 'ubn', email: 'chen@demo.com.tw', mobile: '0933-123456', username: 'chenadm01',
    name: '陳大文', perms: ['perm_vans_org_admin'] });
  const applicant = await signIn(p, 'chenadm01');
  const acct = await (await applicant.get('/account')).text();
  const pdfPath = acct.match(/href="(\/account\/permissions\/(\d+)\/form\.pdf)"/);
  assert.ok(pdfPath, 'the form can be downloaded');
  const pdf = Buffer.from(await (await applicant.get(pdfPath[1])).arrayBuffer());
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const file = path.join(tempDir(), 'form.pdf');
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', [file, '-']).toString();
  for (const v of ['機關管理者帳號申請(異動)單', '示範科技股份有限公司', '04595257', '陳大文', 'chenadm01', '申請人簽章'])
    assert.ok(text.includes(v), `the PDF says ${v}`);
  // the signed scan, uploaded as a browser does (multipart/form-data)
  const form = new FormData();
  form.append('_csrf', Client.csrfFrom(acct));
  form.append('scan', new Blob([pdf], { type: 'application/pdf' }), 'signed.pdf');
  let res = await fetch(p.vans.url + `/account/permissions/${pdfPath[2]}/scan`, {
    method: 'POST', body: form, redirect: 'manual', headers: { cookie: applicant.cookieHeader() } });
  assert.equal(res.status, 303);
  assert.match(await (await applicant.get('/account')).text(), /已上傳簽章申請單/);
  const fake = new FormData();
  fake.append('_csrf', Client.csrfFrom(acct));
  fake.append('scan', new Blob(['<script>alert(1)</script>'], { type: 'application/pdf' }), 'x.pdf');
  res = await fetch(p.vans.url + `/account/permissions/${pdfPath[2]}/scan`, {
    method: 'POST', body: fake, redirect: 'manual', headers: { cookie: applicant.cookieHeader() } });
  assert.equal(res.status, 303);
  // the organisation's own administrator cannot review it; the operator does
  const adminB = await signIn(p, 'adminB01', PASSWORD, { email: 'admin-b@demo.com.tw' });
  assert.doesNotMatch(await (await adminB.get('/org/reviews')).text(), /chenadm01/);
  assert.equal((await adminB.get(`/org/reviews/${pdfPath[2]}`)).status, 404);
  const op = await signIn(p, 'operator1', PASSWORD, { email: 'operator@vans.test' });
  const list = await (await op.get('/admin/reviews')).text();
  assert.match(list, /chenadm01/);
  const detail = await (await op.get(`/admin/reviews/${pdfPath[2]}`)).text();
  assert.match(detail, /檢視簽章申請單/);
  const scan = await op.get(`/admin/reviews/${pdfPath[2]}/scan`);
  assert.equal(scan.headers.get('content-type'), 'application/pdf');
  assert.equal(Buffer.from(await scan.arrayBuffer()).subarray(0, 5).toString(), '%PDF-', 'the first (valid) scan was kept');
  res = await submit(op, `/admin/reviews/${pdfPath[2]}`, { decision: 'accept' });
  assert.equal(res.status, 303);
  await waitMail(p.smtp, 'chen@demo.com.tw', { match: /審核通過/ });
  assert.deepEqual((await (await applicant.get('/api/v1/me')).json()).roles, ['org_admin']);
});

test('organisations of level D or E cannot apply: the form shows the service mailbox', async () => {
  const c = new Client(p.vans.url);
  await register(c, { ident: '2.16.886.101.90001', email: 'teacher@school.edu.tw', mobile: '0955-000333', username: 'teacher01',
    name: '張老師', perms: [] });
  const staff = await signIn(p, 'teacher01');
  const acct = await (await staff.get('/account')).text();
  assert.match(acct, /vans-service@vans\.test/);
  assert.doesNotMatch(acct, /value="apply"/);
  const res = await submit(staff, '/account', { module: 'vans', permission: 'general', action: 'apply' }, '/account/permissions');
  assert.equal(res.status, 403);
  const op = await signIn(p, 'operator1', PASSWORD, { email: 'operator@vans.test' });
  assert.equal((await submit(op, '/admin/orgs', { username: 'teacher01', permission: 'general' }, '/admin/grants')).status, 303);
  assert.deepEqual((await (await staff.get('/api/v1/me')).json()).roles, ['vans_user']);
});

test('wrong passwords lock the account for a while', async () => {
  const c = new Client(p.vans.url);
  await register(c, { email: 'lock@ey.gov.tw', mobile: '0966-000444', username: 'lockme01', name: '鎖定測試' });
  const x = new Client(p.vans.url);
  for (let i = 0; i < 5; i++) await submit(x, '/login', { username: 'lockme01', password: 'Wrong1234567' });
  const res = await submit(x, '/login', { username: 'lockme01', password: PASSWORD });
  assert.equal(res.status, 429);
  assert.match(await res.text(), /帳號暫時鎖定/);
  const unknown = await submit(x, '/login', { username: 'nosuchuser', password: PASSWORD });
  assert.equal(unknown.status, 401);
  assert.match(await unknown.text(), /帳號或密碼錯誤/);
});

test('a password reset by e-mail code; a password change ends every session', async () => {
  const c = new Client(p.vans.url);
  await register(c, { email: 'reset@ey.gov.tw', mobile: '0977-000555', username: 'resetme01', name: '重設測試' });
  const old = await signIn(p, 'resetme01');
  let res = await submit(new Client(p.vans.url), '/password/forgot', { username: 'resetme01' });
  assert.equal(res.status, 303);
  const same = await submit(new Client(p.vans.url), '/password/forgot', { username: 'nobody0001' });
  assert.equal(same.headers.get('location'), res.headers.get('location'), 'the answer does not tell who exists');
  const mail = await waitMail(p.smtp, 'reset@ey.gov.tw', { match: /重設密碼/ });
  const x = new Client(p.vans.url);
  res = await submit(x, '/password/reset', { username: 'resetme01', code: '000000', password: 'Zq7vLm2xRb9w', password_confirm: 'Zq7vLm2xRb9w' });
  if (codeOf(mail.text) !== '000000') assert.match(await res.text(), /驗證碼不正確/);
  res = await submit(x, '/password/reset', { username: 'resetme01', code: codeOf(mail.text), password: 'Zq7vLm2xRb9w', password_confirm: 'Zq7vLm2xRb9w' });
  assert.equal(res.status, 303);
  assert.equal((await old.get('/api/v1/me')).status, 401, 'the old session ended');
  await signIn(p, 'resetme01', 'Zq7vLm2xRb9w');
});

test('disabling an account ends its sessions; the administrator enables it again', async () => {
  const c = new Client(p.vans.url);
  await register(c, { email: 'dis@ey.gov.tw', mobile: '0988-000666', username: 'disable01', name: '停用測試' });
  const staff = await signIn(p, 'disable01');
  const admin = await signIn(p, 'adminA01', PASSWORD, { email: 'admin-a@ey.gov.tw' });
  const list = await (await admin.get('/org/accounts')).text();
  const action = list.match(/disable01[\s\S]*?action="(\/org\/accounts\/\d+\/status)"/)[1];
  assert.equal((await submit(admin, '/org/accounts', { op: 'disable' }, action)).status, 303);
  assert.equal((await staff.get('/api/v1/me')).status, 401);
  assert.match(await (await admin.get('/org/disabled')).text(), /disable01/);
  const res = await submit(new Client(p.vans.url), '/login', { username: 'disable01', password: PASSWORD });
  assert.match(await res.text(), /此帳號已停用/);
  assert.equal((await submit(admin, '/org/disabled', { op: 'enable' }, action)).status, 303);
  await signIn(p, 'disable01');
});

test('API keys: shown once, 88 characters, hashed, usable as Bearer, revocable', async () => {
  const out = p.cli('apikey', 'create', '--org', '2.16.886.101.20003', '--name', 'asset tool').trim();
  assert.equal(out.length, 88);
  assert.match(out, /^[\x21-\x7e]{88}$/);
  let res = await fetch(p.vans.url + '/api/v1/org', { headers: { authorization: `Bearer ${out}` } });
  assert.equal(res.status, 200);
  assert.equal((await res.json()).identifier, '2.16.886.101.20003');
  res = await fetch(p.vans.url + '/api/v1/org/accounts', { headers: { authorization: `Bearer ${out}` } });
  assert.equal(res.status, 403, 'a key is not an administrator');
  const list = p.cli('apikey', 'list', '--org', '2.16.886.101.20003');
  assert.match(list, /asset tool/);
  assert.ok(!list.includes(out), 'the key is never shown again');
  assert.doesNotMatch(list.split('\n')[1], /\t-\t-$/, 'its last use is recorded');
  const id = list.split('\n')[1].split('\t')[0];
  // revoking through the API with a session needs the CSRF header
  const admin = await signIn(p, 'adminA01', PASSWORD, { email: 'admin-a@ey.gov.tw' });
  res = await admin.post(`/api/v1/org/apikeys/${id}/revoke`);
  assert.equal(res.status, 403);
  const token = Client.csrfFrom(await (await admin.get('/account')).text());
  res = await admin.post(`/api/v1/org/apikeys/${id}/revoke`, undefined, { headers: { 'x-csrf-token': token } });
  assert.equal(res.status, 200);
  res = await fetch(p.vans.url + '/api/v1/org', { headers: { authorization: `Bearer ${out}` } });
  assert.equal(res.status, 401);
});

test('TOTP enrolment with a server-rendered QR code; a code is accepted once', async () => {
  const c = new Client(p.vans.url);
  await register(c, { email: 'totp@ey.gov.tw', mobile: '0900-000777', username: 'totpuser01', name: '驗證器' });
  const u = await signIn(p, 'totpuser01');
  const page = await (await submit(u, '/account/security', { action: 'start' }, '/account/totp')).text();
  assert.match(page, /src="data:image\/svg\+xml;base64,/);
  const secret = page.match(/name="secret" value="([A-Z2-7]{32})"/)[1];
  const code = execFileSync('oathtool', ['--totp', '-b', secret]).toString().trim();
  let res = await submit(u, '/account/security', { action: 'confirm', secret, code }, '/account/totp');
  assert.equal(res.status, 303);
  // sign in: the same code was used for enrolment, so it is refused; the next one passes
  const x = new Client(p.vans.url);
  res = await submit(x, '/login', { username: 'totpuser01', password: PASSWORD });
  assert.match(res.headers.get('location'), /method=totp/);
  res = await submit(x, res.headers.get('location'), { code, method: 'totp' }, '/login/verify');
  assert.equal(res.status, 422, 'a TOTP code works once');
}, );

test('a mail server that is down delays the codes but loses none', async () => {
  const port = await freePort();
  const dir = tempDir('vans-down-');
  const db = path.join(dir, 'v.db');
  const env = identityEnv(`smtp://127.0.0.1:${port}`, path.join(dir, 'sms'));
  runVans(['--db', db, 'org', 'add', '--name', '行政院', '--oid', '2.16.886.101.20003', '--level', 'A'], { env });
  const link = runVans(['--db', db, 'user', 'add', '--role', 'operator', '--username', 'operator1', '--email', 'op@vans.test', '--name', 'Op'], { env }).stdout;
  const vans = await startVans({ db, env });
  try {
    const c = new Client(vans.url);
    await submit(c, new URL(link.match(/http\S+/)[0]).pathname, { password: PASSWORD, password_confirm: PASSWORD });
    const res = await submit(c, '/login', { username: 'operator1', password: PASSWORD });
    assert.match(res.headers.get('location'), /^\/login\/verify/);
    await new Promise((r) => setTimeout(r, 1500));
    assert.match(runVans(['--db', db, 'outbox', 'list'], { env }).stdout, /op@vans\.test\tpending\t[1-9]/, 'tried and waiting');
    const smtp = await startSmtp(port);
    try {
      const mail = await waitMail(smtp, 'op@vans.test', { ms: 30000 });
      assert.match(mail.subject, /登入驗證碼/);
      const done = await submit(c, '/login/verify?method=email', { code: codeOf(mail.text), method: 'email' }, '/login/verify');
      assert.equal(done.status, 303);
    } finally { await smtp.stop(); }
  } finally { await vans.stop(); }
});

test('every authentication and permission event is in the chained audit log', async () => {
  const out = p.cli('audit', 'verify');
  assert.match(out, /audit log intact: \d+ entries/);
  const list = p.cli('audit', 'list');
  for (const a of ['account.create', 'login', 'login.failed', 'registration.verified', 'permission.request',
    'permission.accept', 'permission.reject', 'account.disable', 'password.reset', 'apikey.revoke'])
    assert.match(list, new RegExp(`\\t${a.replace('.', '\\.')}\\t`), a);
  const admin = await signIn(p, 'adminA01', PASSWORD, { email: 'admin-a@ey.gov.tw' });
  const mine = await (await admin.get('/org/audit')).text();
  assert.match(mine, /wangxm01/);
  assert.doesNotMatch(mine, /chenadm01/, 'an administrator sees their own organisation only');
  const op = await signIn(p, 'operator1', PASSWORD, { email: 'operator@vans.test' });
  const all = await (await op.get('/admin/audit')).text();
  assert.match(all, /wangxm01/);
  assert.match(all, /chenadm01/);
});
