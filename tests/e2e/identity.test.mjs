// Seed 000's five account flows walked in Chromium as a person would, with the real ALTCHA
// widget, codes read from a real SMTP server and the SMS outbox, and a screenshot of every
// step in build/screenshots/ (id-*): §2.1 a new account applying as organisation
// administrator, §2.2 an existing account applying as administrator, §2.3 a new account
// applying for the general permission (in English), §2.4 an existing account applying for
// it, §2.5 the administrator's review with accept and reject.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../lib/vans.mjs';
import { PASSWORD, startPlatform, setUp, waitMail, waitSms, codeOf } from '../lib/identity.mjs';
import { launch, shot } from './browser.mjs';

const haveChromium = existsSync(process.env.CHROMIUM ?? '/usr/bin/chromium');
const skip = !haveChromium && 'no chromium';
let p, browser;

before(async () => {
  if (!haveChromium) return;
  p = await startPlatform();
  for (const n of ['operator1', 'adminA01', 'adminB01']) await setUp(p, n);
  browser = await launch();
});
after(async () => { await browser?.close(); await p?.stop(); });

async function newPage(locale = 'zh-TW', viewport = { width: 1280, height: 900 }) {
  const ctx = await browser.newContext({ locale, viewport, acceptDownloads: true });
  return ctx.newPage();
}

// Registers through the pages, shooting each step as prefix-NN-name.
async function registerInBrowser(page, o, prefix, zh = true) {
  const t = (zhText, enText) => (zh ? zhText : enText);
  await page.goto(p.vans.url + '/');
  await page.getByRole('link', { name: t('申請帳號', 'Apply for an account') }).first().click();
  await page.getByLabel(o.kind === 'ubn' ? t('統一編號', 'Unified Business Number') : 'OID', { exact: true }).check();
  await page.getByLabel(t('機關代號', 'Organisation identifier')).fill(o.ident);
  await shot(page, `${prefix}-01-organisation`);
  await page.getByRole('button', { name: t('下一步', 'Next') }).click();
  await page.waitForURL(/\/register\/contact$/);
  assert.ok(await page.getByText(o.orgName).isVisible(), 'the organisation name is filled in');
  await page.getByLabel(t(/^姓名/, /^Name/)).fill(o.name);
  await page.getByLabel(t('電子郵件信箱', 'E-mail address')).fill(o.email);
  await page.getByLabel(t('手機號碼', 'Mobile number')).fill(o.mobile);
  await shot(page, `${prefix}-02-details`);
  // the captcha: the widget solves the proof of work in a worker
  await page.locator('altcha-widget label').click();
  await page.waitForFunction(() => document.querySelector('altcha-widget input[name=altcha]')?.value, null, { timeout: 60000 });
  await shot(page, `${prefix}-03-captcha-verified`);
  const mails = p.smtp.messages().filter((m) => m.to === o.email).length;
  await page.getByRole('button', { name: t('驗證', 'Verify') }).click();
  await page.waitForURL(/\/register\/verify$/);
  const mail = await waitMail(p.smtp, o.email, { n: mails + 1 });
  const sms = await waitSms(p.smsDir, o.mobile.replace('-', ''));
  await shot(page, `${prefix}-04-two-codes`);
  await page.getByLabel(t('信箱驗證碼', 'Code from the e-mail')).fill(codeOf(mail.text));
  await page.getByLabel(t('手機驗證碼', 'Code from the SMS')).fill(codeOf(sms.text));
  await page.getByRole('button', { name: t('確認', 'Confirm') }).click();
  await page.waitForURL(/\/register\/permissions$/);
  await page.getByLabel(o.perm).check();
  await shot(page, `${prefix}-05-permissions`);
  await page.getByRole('button', { name: t('下一步', 'Next') }).click();
  await page.waitForURL(/\/register\/account$/);
  await page.getByRole('textbox', { name: t('帳號', 'Username'), exact: true }).fill(o.username);
  await page.getByLabel(t(/^密碼/, /^Password/)).fill('short');
  await page.getByLabel(t('再次確認密碼', 'Confirm password')).fill('short');
  await page.getByRole('button', { name: t('送出申請', 'Submit application') }).click();
  // errors next to the fields and in a summary at the top
  assert.ok(await page.locator('.error-summary').isVisible());
  await shot(page, `${prefix}-06-form-errors`);
  await page.getByLabel(t(/^密碼/, /^Password/)).fill(PASSWORD);
  await page.getByLabel(t('再次確認密碼', 'Confirm password')).fill(PASSWORD);
  await page.getByLabel(t('職稱', 'Job title')).fill(t('科員', 'Officer'));
  await page.getByLabel(t('部門名稱', 'Department')).fill(t('資訊中心', 'Information Centre'));
  await page.getByLabel(t(/^地址/, /^Address/)).fill('臺北市中正區忠孝東路一段1號');
  await page.getByLabel(t('公司電話', 'Office phone')).fill('02-23456789');
  await page.getByLabel(t('分機', 'Extension')).fill('321');
  await shot(page, `${prefix}-07-account-form`);
  await page.getByRole('button', { name: t('送出申請', 'Submit application') }).click();
  await page.waitForURL(/\/register\/done/);
  await shot(page, `${prefix}-08-submitted`);
}

async function signInBrowser(page, username, { email, zh = true, shotName } = {}) {
  const codeMail = /登入驗證碼|sign-in code/;
  const before = email ? p.smtp.messages().filter((m) => m.to === email && codeMail.test(m.subject)).length : 0;
  await page.goto(p.vans.url + '/login');
  await page.getByRole('textbox', { name: zh ? '帳號' : 'Username', exact: true }).fill(username);
  await page.getByLabel(zh ? /^密碼/ : /^Password/).fill(PASSWORD);
  if (shotName) await shot(page, shotName);
  await page.getByRole('button', { name: zh ? '帳號登入' : 'Sign in' }).click();
  if (email) {
    await page.waitForURL(/\/login\/verify/);
    const mail = await waitMail(p.smtp, email, { n: before + 1, match: codeMail });
    if (shotName) await shot(page, `${shotName}-second-factor`);
    await page.getByLabel(zh ? /^驗證碼/ : /^Verification code/).fill(codeOf(mail.text));
    await page.getByRole('button', { name: zh ? '確認' : 'Confirm' }).click();
  }
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

async function signOut(page) {
  await page.getByRole('button', { name: /登出|Sign out/ }).click();
  await page.waitForURL(/\/login$/);
}

// The applicant downloads the pre-filled form and uploads its "signed scan".
async function formAndScan(page, prefix) {
  const row = page.locator('tr', { hasText: '機關管理者' });
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: '申請表單下載' }).click()]);
  const file = path.join(tempDir(), 'form.pdf');
  await download.saveAs(file);
  await row.locator('input[type=file]').setInputFiles(file);
  await row.getByRole('button', { name: '上傳', exact: true }).click();
  await page.waitForURL(/\/account$/);
  assert.ok(await page.getByText('已上傳簽章申請單').first().isVisible());
  await shot(page, `${prefix}-scan-uploaded`);
}

async function operatorAccepts(page, username, prefix) {
  await signInBrowser(page, 'operator1', { email: 'operator@vans.test' });
  await page.goto(p.vans.url + '/admin/reviews');
  await shot(page, `${prefix}-operator-list`);
  await page.locator('tr', { hasText: username }).getByRole('link', { name: '審查詳細資訊' }).click();
  assert.ok(await page.getByRole('link', { name: '檢視簽章申請單' }).isVisible());
  await shot(page, `${prefix}-operator-details`);
  await page.getByRole('button', { name: '接受申請' }).click();
  await page.waitForURL(/\/admin\/reviews$/);
  await shot(page, `${prefix}-operator-accepted`);
  await signOut(page);
}

test('§2.1 a new account applies as organisation administrator', { skip }, async () => {
  const page = await newPage();
  await registerInBrowser(page, { ident: '2.16.886.101.20003', orgName: '行政院', name: '王小明', email: 'wang@ey.gov.tw',
    mobile: '0912-345678', username: 'wangxm01', perm: '機關管理者' }, 'id-1');
  await signInBrowser(page, 'wangxm01', { shotName: 'id-1-09-sign-in' });
  await page.goto(p.vans.url + '/account');
  assert.match(await page.locator('tr', { hasText: '機關管理者' }).innerText(), /審核中/);
  await shot(page, 'id-1-10-account');
  await formAndScan(page, 'id-1-11');
  await signOut(page);
  await operatorAccepts(page, 'wangxm01', 'id-1-12');
  await signInBrowser(page, 'wangxm01', { email: 'wang@ey.gov.tw' });
  await page.goto(p.vans.url + '/account');
  assert.match(await page.locator('tr', { hasText: '機關管理者' }).innerText(), /審核通過/);
  await page.context().close();
});

test('§2.3 a new account applies for the general permission, in English', { skip }, async () => {
  const page = await newPage('en');
  await registerInBrowser(page, { ident: '2.16.886.101.20003', orgName: '行政院', name: 'Lin Mei', email: 'lin@ey.gov.tw',
    mobile: '0922-000111', username: 'linmei01', perm: 'General permission' }, 'id-3', false);
  await signInBrowser(page, 'linmei01', { zh: false });
  await page.goto(p.vans.url + '/account');
  assert.match(await page.locator('tr', { hasText: 'General permission' }).innerText(), /Under review/);
  await shot(page, 'id-3-09-account-en');
  await page.context().close();
});

test('§2.2 an existing account applies as organisation administrator', { skip }, async () => {
  const page = await newPage();
  await signInBrowser(page, 'linmei01');
  await page.goto(p.vans.url + '/account');
  await shot(page, 'id-2-01-account');
  await page.locator('tr', { hasText: '機關管理者' }).getByRole('button', { name: '申請權限' }).click();
  await page.waitForURL(/\/account$/);
  assert.match(await page.locator('tr', { hasText: '機關管理者' }).innerText(), /審核中/);
  await shot(page, 'id-2-02-applied');
  await formAndScan(page, 'id-2-03');
  await signOut(page);
  await operatorAccepts(page, 'linmei01', 'id-2-04');
  await page.context().close();
});

test('§2.4 an existing account applies for the general permission', { skip }, async () => {
  const page = await newPage();
  // wangxm01 is an administrator now; to use the service too, it applies for 一般權限
  await signInBrowser(page, 'wangxm01', { email: 'wang@ey.gov.tw' });
  await page.goto(p.vans.url + '/account');
  await page.locator('tr', { hasText: '一般權限' }).getByRole('button', { name: '申請權限' }).click();
  await page.waitForURL(/\/account$/);
  assert.match(await page.locator('tr', { hasText: '一般權限' }).innerText(), /審核中/);
  await shot(page, 'id-4-01-applied');
  await page.context().close();
});

test('§2.5 the administrator reviews: accept (mailed) and reject (not mailed)', { skip }, async () => {
  const page = await newPage();
  await signInBrowser(page, 'adminA01', { email: 'admin-a@ey.gov.tw', shotName: 'id-5-01-sign-in' });
  await page.getByRole('link', { name: '機關人員管理' }).click();
  await page.waitForURL(/\/org\/reviews$/);
  await shot(page, 'id-5-02-pending-list');
  const before = p.smtp.messages().filter((m) => m.to === 'wang@ey.gov.tw').length;
  await page.locator('tr', { hasText: 'wangxm01' }).getByRole('link', { name: '審查詳細資訊' }).click();
  assert.ok(await page.getByText('wang@ey.gov.tw').isVisible());
  await shot(page, 'id-5-03-details');
  await page.getByRole('button', { name: '接受申請' }).click();
  await page.waitForURL(/\/org\/reviews$/);
  assert.ok(await page.getByText('已接受申請').isVisible());
  await shot(page, 'id-5-04-accepted');
  const mail = await waitMail(p.smtp, 'wang@ey.gov.tw', { n: before + 1 });
  assert.match(mail.subject, /審核通過/);
  // a second request, rejected: no mail
  const ctx2 = await browser.newContext({ locale: 'zh-TW' });
  const staff = await ctx2.newPage();
  await registerInBrowser(staff, { ident: '2.16.886.101.20003', orgName: '行政院', name: '張志明', email: 'chang@ey.gov.tw',
    mobile: '0933-222111', username: 'changcm01', perm: '一般權限' }, 'id-5-05');
  await page.goto(p.vans.url + '/org/reviews');
  await page.locator('tr', { hasText: 'changcm01' }).getByRole('link', { name: '審查詳細資訊' }).click();
  await page.getByRole('button', { name: '拒絕申請' }).click();
  await page.waitForURL(/\/org\/reviews$/);
  await shot(page, 'id-5-06-rejected');
  await page.goto(p.vans.url + '/org/permissions');
  await shot(page, 'id-5-07-permission-list');
  await signInBrowser(staff, 'changcm01');
  await staff.goto(p.vans.url + '/account');
  assert.match(await staff.locator('tr', { hasText: '一般權限' }).innerText(), /審核不通過[\s\S]*重新申請權限/);
  await shot(staff, 'id-5-08-applicant-rejected');
  assert.equal(p.smtp.messages().filter((m) => m.to === 'chang@ey.gov.tw' && /審核/.test(m.subject)).length, 0);
  await ctx2.close();
  // English and a phone: the administrator's pages
  await page.context().close();
  const en = await newPage('en');
  await signInBrowser(en, 'adminA01', { email: 'admin-a@ey.gov.tw', zh: false });
  await en.goto(p.vans.url + '/org/permissions');
  await shot(en, 'id-5-09-permission-list-en');
  await en.context().close();
  const phone = await newPage('zh-TW', { width: 375, height: 740 });
  await signInBrowser(phone, 'wangxm01', { email: 'wang@ey.gov.tw' });
  await phone.goto(p.vans.url + '/account');
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
  await shot(phone, 'id-5-10-account-phone');
  await phone.context().close();
});

test('the identity pages: labels on every field, and they work from the keyboard', { skip }, async () => {
  const page = await newPage('en');
  for (const url of ['/login', '/register', '/password/forgot', '/password/reset']) {
    await page.goto(p.vans.url + url);
    const unnamed = await page.evaluate(() => [...document.querySelectorAll('button, input:not([type=hidden]), select')]
      .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.textContent.trim())).map((el) => el.outerHTML));
    assert.deepEqual(unnamed, [], url);
  }
  await page.goto(p.vans.url + '/login');
  await page.getByRole('textbox', { name: 'Username', exact: true }).focus();
  await page.keyboard.type('nosuchuser');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Wrong1234567');
  await page.keyboard.press('Enter');
  await page.locator('.error-summary').waitFor();
  assert.ok(await page.getByText('Wrong username or password').first().isVisible());
  await shot(page, 'id-6-login-error-en');
  await page.context().close();
});
