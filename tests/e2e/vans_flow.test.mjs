// The VANS story of issue 5 in one browser session, as the people involved live it:
//  1. a general user of organisation A downloads the XLSX template, fills it with real product
//     names (some without a CPE) and uploads it through the page;
//  2. opens an asset without a CPE, sees the suggestions, accepts one (and the remembered
//     mapping gives the same product on another PC its CPE), and within seconds sees findings
//     with severities and KEV flags;
//  3. marks one finding 誤判 (false positive) for every version of the product;
//  4. the administrator and a general user of organisation B see none of it;
//  5. the operator imports the newer KEV catalogue and the urgent notice e-mail reaches A's user
//     (and nobody of B).
// Real data: the 2015 CPE dictionary, NVD records of real CVEs, the January 2025 and current KEV
// catalogues. Screenshots in build/screenshots/flow-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client, testdata, tempDir } from '../lib/vans.mjs';
import { PASSWORD, setUp, signIn, startPlatform, submit, waitMail } from '../lib/identity.mjs';
import { miniFeed } from '../lib/feeds.mjs';
import { fillTemplate } from '../lib/xlsx.mjs';
import { launch, shot } from './browser.mjs';

const OID_A = '2.16.886.101.20003';
const UBN_B = '04595257';
const dict = path.join(testdata, 'cpe/dictionary-2015/official-cpe-dictionary_v2.3.xml.gz');
const oldKev = path.join(testdata, 'kev/history/known_exploited_vulnerabilities.2025-01-27.json');
const newKev = path.join(testdata, 'kev/known_exploited_vulnerabilities.json');
const skip = (!existsSync(process.env.CHROMIUM ?? '/usr/bin/chromium') && 'no chromium') ||
  (!(existsSync(oldKev) && existsSync(newKev) && existsSync(path.join(testdata, 'nvd/feeds-1.1'))) && 'no shared data');

// Apache httpd's byte-range DoS, Flash's CVE-2011-0611 (in KEV since 2022), Heartbleed (KEV),
// (on Windows: a "running on" configuration the PCs' OS rows satisfy),
// and PHPMailer's CVE-2016-10033, which CISA added to KEV in July 2025 — after the January copy.
const CVES = ['CVE-2011-3192', 'CVE-2011-0611', 'CVE-2014-0160', 'CVE-2016-10033', 'CVE-2016-10045'];

// The template's columns: 資產類別, 資產群組代碼, 資產識別碼, 資產名稱, 廠牌, 版本, CPE, CPE 名稱, 數量, …
const ROWS = [
  ['資通系統資產', 'DEFAULT', 'srv-web-01', 'Apache HTTP Server', 'Apache Software Foundation', '2.2.19', 'cpe:2.3:a:apache:http_server:2.2.19:*:*:*:*:*:*:*', '', '1'],
  ['資通系統資產', 'DEFAULT', 'srv-web-01', 'OpenSSL', 'OpenSSL Project', '1.0.1f', '', '', '1'],
  ['資通系統資產', 'DEFAULT', 'srv-web-01', 'PHPMailer', 'PHPMailer', '5.2.16', 'cpe:2.3:a:phpmailer_project:phpmailer:5.2.16:*:*:*:*:*:*:*', '', '1'],
  ['使用者電腦資產', 'DEFAULT', 'pc-0101', 'Microsoft Windows', 'Microsoft', '7', 'cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:*', '', '1'],
  ['使用者電腦資產', 'DEFAULT', 'pc-0102', 'Microsoft Windows', 'Microsoft', '7', 'cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:*', '', '1'],
  ['使用者電腦資產', 'DEFAULT', 'pc-0101', 'Adobe Flash Player', 'Adobe', '10.2.152.32', '', '', '1'],
  ['使用者電腦資產', 'DEFAULT', 'pc-0102', 'Adobe Flash Player', 'Adobe', '10.1.102.64', '', '', '1'],
];

let p, browser, dir, userA, adminB, userB;

async function vansUser(username, email, org, name) {
  const link = p.cli('user', 'add', '--role', 'user', '--org', org, '--username', username, '--email', email, '--name', name);
  const res = await submit(new Client(p.vans.url), new URL(link.match(/http\S+\/setup\/\S+/)[0]).pathname,
    { password: PASSWORD, password_confirm: PASSWORD });
  assert.equal(res.status, 303);
  return signIn(p, username, PASSWORD, { email });
}

async function pageAs(client) {
  const ctx = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 900 } });
  const u = new URL(p.vans.url);
  await ctx.addCookies([...client.cookies].map(([name, value]) => ({ name, value, domain: u.hostname, path: '/' })));
  return ctx.newPage();
}

before(async () => {
  if (skip) return;
  // the server refreshes findings and sends notices every second, as it would every minute
  p = await startPlatform({ env: { VANS_NOTICE_INTERVAL: '1', VANS_MATCH_POLL_INTERVAL: '1' } });
  dir = tempDir('vans-flow-');
  if (existsSync(dict)) p.cli('feed', 'import', 'cpedict', dict);
  p.cli('feed', 'import', 'nvd', miniFeed(dir, CVES));
  p.cli('feed', 'import', 'kev', oldKev);
  userA = await vansUser('flowUserA', 'flow-a@ey.gov.tw', OID_A, '林一般');
  userB = await vansUser('flowUserB', 'flow-b@demo.com.tw', UBN_B, '陳一般');
  await setUp(p, 'adminB01');
  adminB = await signIn(p, 'adminB01', PASSWORD, { email: 'admin-b@demo.com.tw' });
  browser = await launch();
});
after(async () => { if (process.env.VANS_DEBUG) console.log(p?.vans.stderr.split('\n').filter((l) => !l.startsWith('{')).join('\n')); await browser?.close(); await p?.stop(); });

test('upload the filled template, accept a CPE suggestion, see findings with KEV flags, triage one for every version; B sees none; the newer KEV catalogue sends the urgent mail', { skip }, async () => {
  // 1. the template, filled in as a person does in Excel, uploaded through the page
  const tpl = Buffer.from(await (await userA.get('/assets/templates/asset-template.zh-TW.xlsx')).arrayBuffer());
  const filled = path.join(dir, '資訊室資產清冊.xlsx');
  writeFileSync(filled, fillTemplate(tpl, ROWS.map((r) => [...r, '', '', '', '', ''])));
  const page = await pageAs(userA);
  await page.goto(p.vans.url + '/assets/upload');
  await page.getByLabel(/^檔案/).setInputFiles(filled);
  const uploaded = Date.now();
  await page.getByRole('button', { name: '上傳' }).click();
  await page.waitForSelector('#upload-result');
  assert.match(await page.locator('#upload-result').innerText(), /已儲存：7 筆新增/);
  await shot(page, 'flow-01-uploaded');

  // 2. an asset without a CPE: the suggestions, and the best one accepted
  await page.goto(p.vans.url + '/assets?cpe=without');
  assert.equal(await page.locator('#asset-list tbody tr').count(), 3, 'OpenSSL and the two Flash Players have no CPE');
  await page.getByRole('link', { name: 'Adobe Flash Player', exact: true }).first().click();
  await page.waitForURL(/\/assets\/\d+$/);
  const cands = page.locator('#cpe-candidates');
  await cands.waitFor();
  assert.match(await cands.locator('tbody tr').first().innerText(), /cpe:2\.3:a:adobe:flash_player:/);
  await shot(page, 'flow-02-suggestions');
  await cands.locator('tbody tr').first().getByRole('button', { name: '採用' }).click();
  await page.waitForSelector('.notice-ok');
  assert.match(await page.locator('#asset-cpe').innerText(), /系統建議/);
  await page.goto(p.vans.url + '/assets?name=OpenSSL');
  await page.getByRole('link', { name: 'OpenSSL', exact: true }).click();
  await page.waitForURL(/\/assets\/\d+$/);
  await cands.waitFor();
  assert.match(await cands.locator('tbody tr').first().innerText(), /cpe:2\.3:a:openssl:openssl:1\.0\.1f/);
  await cands.locator('tbody tr').first().getByRole('button', { name: '採用' }).click();
  await page.waitForSelector('.notice-ok');
  // the mapping is remembered: the other PC's Flash Player got its CPE too
  const flash = (await (await userA.get('/api/v1/assets?name=Adobe+Flash+Player')).json()).assets;
  assert.equal(flash.length, 2);
  for (const a of flash) {
    assert.equal(a.cpe_origin, 'suggested');
    assert.ok(a.cpe.includes(`:adobe:flash_player:${a.version}:`), a.cpe);
  }

  // findings with severities and KEV flags
  await page.goto(p.vans.url + '/findings');
  const rows = page.locator('table.findings tbody tr');
  assert.ok(await rows.count() >= 5, 'Apache, OpenSSL, PHPMailer and both Flash Players have findings');
  const seconds = (Date.now() - uploaded) / 1000;
  console.log(`# from the upload to the findings list with accepted suggestions: ${seconds.toFixed(1)} s`);
  const text = await page.locator('table.findings').innerText();
  for (const id of ['CVE-2011-3192', 'CVE-2011-0611', 'CVE-2014-0160', 'CVE-2016-10033']) assert.match(text, new RegExp(id));
  assert.ok(await page.locator('table.findings tbody tr', { hasText: 'CVE-2011-0611' }).locator('.badge.kev').first().isVisible());
  assert.ok(await page.locator('table.findings tbody tr', { hasText: 'CVE-2014-0160' }).locator('.badge.kev').first().isVisible());
  assert.equal(await page.locator('table.findings tbody tr', { hasText: 'CVE-2016-10033' }).locator('.badge.kev').count(), 0,
    'PHPMailer is not in the January catalogue');
  assert.ok(await page.locator('table.findings .badge.sev-critical').count() >= 1);
  await shot(page, 'flow-03-findings');

  // 3. Flash's CVE-2011-0611 judged a false positive for every version of the product
  await page.locator('a.cve-id', { hasText: 'CVE-2011-0611' }).first().click();
  await page.waitForURL(/\/findings\/\d+$/);
  const findingUrl = page.url();
  await page.getByLabel('處理狀態').selectOption('false_positive');
  await page.getByLabel('備註').fill('Flash Player 已由群組原則停用，經資安長核可列為誤判。');
  await page.getByLabel('套用至本機關此產品之所有版本與資產（同一 CVE）').check();
  await page.getByRole('button', { name: '儲存' }).click();
  await page.waitForURL(/\/findings\/\d+$/);
  assert.ok(await page.locator('.timeline').getByText('林一般').first().isVisible());
  await shot(page, 'flow-04-false-positive');
  await page.goto(p.vans.url + '/findings?cve=CVE-2011-0611');
  assert.deepEqual(await page.locator('table.findings tbody .status').allTextContents(), ['誤判', '誤判'],
    'both Flash Player versions');

  // 4. organisation B: its administrator and its general user see none of it
  const findingPath = new URL(findingUrl).pathname;
  for (const c of [adminB, userB]) {
    const res = await c.get(findingPath);
    assert.ok([403, 404].includes(res.status), `B gets ${res.status} for A's finding`);
    const api = await c.get('/api/v1/findings?cve=CVE-2011-0611');
    if (api.status === 200) assert.equal((await api.json()).total, 0);
    else assert.equal(api.status, 403);
  }
  const pageB = await pageAs(userB);
  await pageB.goto(p.vans.url + '/findings');
  assert.equal(await pageB.locator('table.findings tbody tr').count(), 0);
  assert.doesNotMatch(await pageB.locator('main').innerText(), /CVE-2011-0611|Flash/);
  await shot(pageB, 'flow-05-other-organisation');
  await pageB.context().close();

  // 5. the newer KEV catalogue: PHPMailer's CVE is now known exploited → the urgent mail
  const kevMail = /已列入 KEV/;
  const before = p.smtp.messages().filter((m) => m.to === 'flow-a@ey.gov.tw' && kevMail.test(m.text)).length;
  p.cli('feed', 'import', 'kev', newKev);
  const mail = await waitMail(p.smtp, 'flow-a@ey.gov.tw', { n: before + 1, match: kevMail });
  assert.match(mail.subject, /【緊急】/);
  assert.match(mail.text, /已列入 KEV/);
  assert.match(mail.text, /CVE-2016-10033/);
  await page.setContent(`<meta charset="utf-8"><body style="font-family:'Noto Sans CJK TC',sans-serif;max-width:60rem;margin:1rem">
    <p><b>Subject:</b> ${mail.subject.replace(/</g, '&lt;')}</p><pre style="white-space:pre-wrap">${mail.text.replace(/</g, '&lt;')}</pre></body>`);
  await shot(page, 'flow-06-urgent-mail');
  await page.goto(p.vans.url + '/findings?cve=CVE-2016-10033');
  assert.ok(await page.locator('table.findings tbody tr .badge.kev').first().isVisible(), 'the KEV flag is there now');
  await page.context().close();
  // nobody of organisation B was told about A's assets
  for (const to of ['flow-b@demo.com.tw', 'admin-b@demo.com.tw']) {
    for (const m of p.smtp.messages().filter((x) => x.to === to)) assert.doesNotMatch(m.text, /CVE-\d{4}-\d+/);
  }
});
