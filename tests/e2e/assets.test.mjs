// A general user (VANS 一般權限) of organisation A in Chromium: downloads the zh-TW XLSX
// template, fills it with real product names, uploads it through the page, sees the assets
// in the list, opens one without a CPE, sees the CPE candidates and accepts one; a file with
// errors shows its error table and stores nothing. The user of organisation B sees none of
// it. Screenshots in build/screenshots/ (assets-*).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client, tempDir } from '../lib/vans.mjs';
import { PASSWORD, startPlatform, submit, signIn } from '../lib/identity.mjs';
import { fillTemplate, headerOf } from '../lib/xlsx.mjs';
import { launch, shot } from './browser.mjs';

const haveChromium = existsSync(process.env.CHROMIUM ?? '/usr/bin/chromium');
const skip = !haveChromium && 'no chromium';
let p, browser, dir, userA, userB;

// A few CPE dictionary entries, so that suggestions have something to find.
const DICT = `<?xml version="1.0" encoding="UTF-8"?>
<cpe-list xmlns="http://cpe.mitre.org/dictionary/2.0" xmlns:cpe-23="http://scap.nist.gov/schema/cpe-extension/2.3">
<cpe-item name="cpe:/a:microsoft:access:2016"><title xml:lang="en-US">Microsoft Access 2016</title><cpe-23:cpe23-item name="cpe:2.3:a:microsoft:access:2016:*:*:*:*:*:*:*"/></cpe-item>
<cpe-item name="cpe:/a:microsoft:access:2013"><title xml:lang="en-US">Microsoft Access 2013</title><cpe-23:cpe23-item name="cpe:2.3:a:microsoft:access:2013:*:*:*:*:*:*:*"/></cpe-item>
<cpe-item name="cpe:/a:microsoft:access_database_engine:2016"><title xml:lang="en-US">Microsoft Access Database Engine 2016</title><cpe-23:cpe23-item name="cpe:2.3:a:microsoft:access_database_engine:2016:*:*:*:*:*:*:*"/></cpe-item>
<cpe-item name="cpe:/a:notepad-plus-plus:notepad%2b%2b:8.6.2"><title xml:lang="en-US">Notepad++ 8.6.2</title><cpe-23:cpe23-item name="cpe:2.3:a:notepad-plus-plus:notepad\\+\\+:8.6.2:*:*:*:*:*:*:*"/></cpe-item>
<cpe-item name="cpe:/o:fortinet:fortios:7.2.4"><title xml:lang="en-US">Fortinet FortiOS 7.2.4</title><cpe-23:cpe23-item name="cpe:2.3:o:fortinet:fortios:7.2.4:*:*:*:*:*:*:*"/></cpe-item>
<cpe-item name="cpe:/a:7-zip:7-zip:23.01"><title xml:lang="en-US">7-Zip 23.01</title><cpe-23:cpe23-item name="cpe:2.3:a:7-zip:7-zip:23.01:*:*:*:*:*:*:*"/></cpe-item>
</cpe-list>
`;

// The template's columns: 資產類別, 資產群組代碼, 資產識別碼, 資產名稱, 廠牌, 版本, CPE, CPE 名稱, 數量, 已安裝KBID列表, 負責人, 部門, 備註, 套件URL
const ROWS = [
  ['資通系統資產', 'DEFAULT', 'srv-finance-01', 'Microsoft Access 2016', 'Microsoft Corporation', '2016', 'N/A', '', '1', '', '王小明', '資訊室', '', ''],
  ['使用者電腦資產', '', 'pc-0042', 'Notepad++', 'Notepad++ Team', '8.6.2', '', '', '35', '', '', '秘書室', '', ''],
  ['網通設備資產', '', 'fw-core-01', 'FortiOS', 'Fortinet', '7.2.4', 'cpe:2.3:o:fortinet:fortios:7.2.4:*:*:*:*:*:*:*', 'Fortinet FortiOS 7.2.4', '2', '', '', '', '', ''],
  ['資通系統資產', '', 'srv-finance-01', 'Apache HTTP Server', 'Apache Software Foundation', '2.4.58', 'cpe:/a:apache:http_server:2.4.58', '', '1', '', '', '', '', ''],
  ['使用者電腦資產', '', 'pc-0042', '7-Zip', 'Igor Pavlov', '23.01', '', '', '1', 'KB5034441, KB5034439', '', '', '', ''],
];

async function vansUser(username, email, org) {
  const link = p.cli('user', 'add', '--role', 'user', '--org', org, '--username', username, '--email', email, '--name', username);
  const c = new Client(p.vans.url);
  const res = await submit(c, new URL(link.match(/http\S+\/setup\/\S+/)[0]).pathname, { password: PASSWORD, password_confirm: PASSWORD });
  assert.equal(res.status, 303);
  return signIn(p, username, PASSWORD, { email });
}

before(async () => {
  if (!haveChromium) return;
  p = await startPlatform();
  dir = tempDir('vans-e2e-assets-');
  writeFileSync(path.join(dir, 'dict.xml'), DICT);
  p.cli('feed', 'import', 'cpedict', path.join(dir, 'dict.xml'));
  userA = await vansUser('assetUserA', 'asset-a@ey.gov.tw', '2.16.886.101.20003');
  userB = await vansUser('assetUserB', 'asset-b@demo.com.tw', '04595257');
  browser = await launch();
});
after(async () => { await browser?.close(); await p?.stop(); });

async function pageAs(client) {
  const ctx = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1366, height: 900 } });
  const u = new URL(p.vans.url);
  await ctx.addCookies([...client.cookies].map(([name, value]) => ({ name, value, domain: u.hostname, path: '/' })));
  return ctx.newPage();
}

test('upload the filled XLSX template, see the assets, the CPE candidates, accept one', { skip }, async () => {
  // the template, as downloaded from the upload page
  const res = await userA.get('/assets/templates/asset-template.zh-TW.xlsx');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /spreadsheetml/);
  const template = Buffer.from(await res.arrayBuffer());
  assert.deepEqual(headerOf(template).slice(0, 7), ['資產類別', '資產群組代碼', '資產識別碼', '資產名稱', '廠牌', '版本', 'CPE']);
  const filled = path.join(dir, '資產清冊.xlsx');
  writeFileSync(filled, fillTemplate(template, ROWS));

  const page = await pageAs(userA);
  await page.goto(p.vans.url + '/assets');
  await page.getByRole('link', { name: '上傳資產' }).first().click();
  await page.waitForURL(/\/assets\/upload$/);
  await shot(page, 'assets-01-upload-page');
  await page.getByLabel(/^檔案/).setInputFiles(filled);
  await page.getByRole('button', { name: '上傳' }).click();
  await page.waitForSelector('#upload-result');
  const result = await page.locator('#upload-result').innerText();
  assert.match(result, /資產清冊\.xlsx · xlsx/);
  assert.match(result, /已儲存：5 筆新增/);
  await shot(page, 'assets-02-uploaded');

  await page.getByRole('link', { name: '查看資產清單' }).click();
  await page.waitForURL(/\/assets$/);
  const table = page.locator('#asset-list');
  for (const name of ['Microsoft Access 2016', 'Notepad++', 'FortiOS', 'Apache HTTP Server', '7-Zip']) {
    assert.ok(await table.getByRole('link', { name, exact: true }).isVisible(), name);
  }
  assert.match(await table.innerText(), /cpe:2\.3:a:apache:http_server:2\.4\.58/);
  await shot(page, 'assets-03-list');
  // the filters: without a CPE
  await page.getByLabel('CPE 類型').selectOption('without');
  await page.getByRole('button', { name: '查詢' }).click();
  await page.waitForURL(/cpe=without/);
  assert.equal(await page.locator('#asset-list tbody tr').count(), 3);
  await shot(page, 'assets-04-filter-without-cpe');

  // one without a CPE: its candidates, then accept the best
  await page.getByRole('link', { name: 'Microsoft Access 2016', exact: true }).click();
  await page.waitForURL(/\/assets\/\d+$/);
  const cands = page.locator('#cpe-candidates');
  await cands.waitFor();
  const first = await cands.locator('tbody tr').first().innerText();
  assert.match(first, /cpe:2\.3:a:microsoft:access:2016/);
  const confidence = Number(await cands.locator('tbody tr').first().locator('.badge[class*=confidence]').innerText());
  assert.ok(confidence >= 80, `confidence ${confidence}`);
  await shot(page, 'assets-05-candidates');
  await cands.locator('tbody tr').first().getByRole('button', { name: '採用' }).click();
  await page.waitForSelector('.notice-ok');
  assert.match(await page.locator('#asset-cpe').innerText(), /cpe:2\.3:a:microsoft:access:2016:\*:\*:\*:\*:\*:\*:\*/);
  assert.match(await page.locator('#asset-cpe').innerText(), /系統建議/);
  await shot(page, 'assets-06-accepted');

  // the upload history lists the file
  await page.goto(p.vans.url + '/assets/uploads');
  assert.match(await page.locator('#uploads').innerText(), /資產清冊\.xlsx/);
  await shot(page, 'assets-07-history');
  await page.context().close();
});

test('a file with errors: the error table, nothing stored', { skip }, async () => {
  const csv = path.join(dir, 'bad.csv');
  writeFileSync(csv, '資產類別,資產名稱,CPE,數量\n資通系統資產,Oracle Database,cpe:2.3:a:oracle:database_server:19c:*:*:*:*:*:*:*,1\n,MySQL,,1\n資通系統資產,PostgreSQL,cpe:nonsense,兩台\n');
  const page = await pageAs(userA);
  await page.goto(p.vans.url + '/assets/upload');
  await page.getByLabel(/^檔案/).setInputFiles(csv);
  await page.getByRole('button', { name: '上傳' }).click();
  await page.waitForSelector('#upload-errors');
  const rows = await page.locator('#upload-errors tbody tr').allInnerTexts();
  assert.equal(rows.length, 3);
  assert.match(rows[0], /^3\s+category/);
  assert.match(rows[1], /^4\s+cpe/);
  assert.match(rows[2], /^4\s+quantity/);
  assert.match(await page.locator('#upload-result').innerText(), /未儲存任何資產/);
  await shot(page, 'assets-08-errors');
  const list = await (await userA.get('/api/v1/assets?name=Oracle')).json();
  assert.equal(list.total, 0);
  await page.context().close();
});

test('organisation B sees none of A\'s assets, by list, page or id', { skip }, async () => {
  const a = await (await userA.get('/api/v1/assets?name=FortiOS')).json();
  const id = a.assets[0].id;
  assert.equal((await userB.get(`/assets/${id}`)).status, 404);
  assert.equal((await userB.get(`/api/v1/assets/${id}`)).status, 404);
  // nor change, delete or accept a CPE for it through the pages (with B's valid form token)
  const token = Client.csrfFrom(await (await userB.get('/assets/new')).text());
  assert.equal((await userB.post(`/assets/${id}`, { _csrf: token, category: 'system', name: 'pwned' })).status, 404);
  assert.equal((await userB.post(`/assets/${id}/cpe`, { _csrf: token, cpe: 'cpe:2.3:a:x:y:1:*:*:*:*:*:*:*' })).status, 404);
  assert.equal((await userB.post(`/assets/${id}/delete`, { _csrf: token })).status, 404);
  const still = await (await userA.get(`/api/v1/assets/${id}`)).json();
  assert.equal(still.name, 'FortiOS');
  assert.equal(still.cpe, 'cpe:2.3:o:fortinet:fortios:7.2.4:*:*:*:*:*:*:*');
  const page = await pageAs(userB);
  await page.goto(p.vans.url + '/assets');
  assert.match(await page.locator('main').innerText(), /共 0 筆資產/);
  await shot(page, 'assets-09-other-organisation');
  await page.context().close();
});
