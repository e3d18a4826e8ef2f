// The findings pages in a browser, as an organisation's staff member uses them: the real NVD
// 2008 and 2011 feeds and the KEV catalogue imported, an inventory of real products of that
// time imported and matched, then the dashboard, 資產風險狀態 filtered to KEV, a finding page,
// a triage decision applied to every version of the product, and the operator's 機關總覽.
// Screenshots go to build/screenshots/findings-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client, testdata } from '../lib/vans.mjs';
import { PASSWORD, setUp, signIn, startPlatform, submit } from '../lib/identity.mjs';
import { launch, shot } from './browser.mjs';

const feeds = ['2008', '2011'].map((y) => path.join(testdata, `nvd/feeds-2.0/nvdcve-2.0-${y}.json.zip`));
const kev = path.join(testdata, 'kev/known_exploited_vulnerabilities.json');
const have = [...feeds, kev].every((f) => existsSync(f)) && existsSync(process.env.CHROMIUM ?? '/usr/bin/chromium');
const orgA = '2.16.886.101.20003';
let p, browser, user, operator;

// An inventory as an agency keeps it: servers, desktops and a router, most with CPEs.
const rows = [
  ['資通系統資產', 'DEFAULT', 'srv-web-01', 'Apache HTTP Server', 'Apache Software Foundation', '2.2.17', 'cpe:2.3:a:apache:http_server:2.2.17:*:*:*:*:*:*:*'],
  ['資通系統資產', 'DEFAULT', 'srv-web-01', 'PHP', 'The PHP Group', '5.3.5', 'cpe:2.3:a:php:php:5.3.5:*:*:*:*:*:*:*'],
  ['資通系統資產', 'finance01', 'srv-fin-02', 'Oracle JDK', 'Oracle Corporation', '1.6.0', 'cpe:2.3:a:oracle:jdk:1.6.0:update_25:*:*:*:*:*:*'],
  ['使用者電腦資產', 'DEFAULT', 'pc-0231', 'Microsoft Windows', 'Microsoft', '7', 'cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:*'],
  ['使用者電腦資產', 'DEFAULT', 'pc-0232', 'Microsoft Windows', 'Microsoft', '7', 'cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:*'],
  ['使用者電腦資產', 'DEFAULT', 'pc-0231', 'Adobe Flash Player', 'Adobe Systems', '10.2.152.32', 'cpe:2.3:a:adobe:flash_player:10.2.152.32:*:*:*:*:*:*:*'],
  ['使用者電腦資產', 'DEFAULT', 'pc-0231', 'Adobe Reader', 'Adobe Systems', '9.4.0', 'cpe:2.3:a:adobe:acrobat_reader:9.4.0:*:*:*:*:*:*:*'],
  ['使用者電腦資產', 'DEFAULT', 'pc-0232', 'Adobe Reader', 'Adobe Systems', '9.3.0', 'cpe:2.3:a:adobe:acrobat_reader:9.3.0:*:*:*:*:*:*:*'],
  ['使用者電腦資產', 'DEFAULT', 'pc-0232', 'Mozilla Firefox', 'Mozilla', '3.6.12', 'cpe:2.3:a:mozilla:firefox:3.6.12:*:*:*:*:*:*:*'],
  ['使用者電腦資產', 'DEFAULT', 'pc-0232', 'Wireshark', 'Wireshark Foundation', '1.4.3', 'cpe:2.3:a:wireshark:wireshark:1.4.3:*:*:*:*:*:*:*'],
  ['網通設備資產', 'DEFAULT', 'rtr-core-01', 'Cisco IOS', 'Cisco', '12.4', 'cpe:2.3:o:cisco:ios:12.4:*:*:*:*:*:*:*'],
];

before(async () => {
  if (!have) return;
  p = await startPlatform();
  for (const f of feeds) p.cli('feed', 'import', 'nvd', f);
  p.cli('feed', 'import', 'kev', kev);
  const file = path.join(p.dir, 'inventory.csv');
  writeFileSync(file, ['資產類別,資產群組代碼,資產識別碼,資產名稱,廠牌,版本,CPE', ...rows.map((r) => r.join(','))].join('\r\n') + '\r\n');
  p.cli('asset', 'import', '--org', orgA, file);
  p.cli('match', '--org', orgA);
  const out = p.cli('user', 'add', '--role', 'user', '--org', orgA, '--username', 'userA001', '--email', 'user-a@ey.gov.tw', '--name', '王小明');
  const c = new Client(p.vans.url);
  await submit(c, new URL(out.match(/http\S+\/setup\/\S+/)[0]).pathname, { password: PASSWORD, password_confirm: PASSWORD });
  user = await signIn(p, 'userA001', PASSWORD, { email: 'user-a@ey.gov.tw' });
  await setUp(p, 'operator1');
  operator = await signIn(p, 'operator1', PASSWORD, { email: 'operator@vans.test' });
  browser = await launch();
});
after(async () => { await browser?.close(); await p?.stop(); });

// A browser page signed in as the client (the session cookie carried over).
async function pageAs(client, locale = 'zh-TW', viewport = { width: 1360, height: 900 }) {
  const ctx = await browser.newContext({ locale, viewport });
  await ctx.addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: p.vans.url })));
  return ctx.newPage();
}

test('the dashboard, the KEV findings and a finding page, then a decision for every version', { skip: !have && 'no data or chromium' }, async () => {
  const page = await pageAs(user);
  await page.goto(p.vans.url + '/');
  await page.getByRole('link', { name: '資訊綜整儀表板' }).click();
  await page.waitForURL(/\/dashboard$/);
  const kpi = Number(await page.locator('.kpi-value').first().textContent());
  assert.ok(kpi > 10, `outstanding findings: ${kpi}`);
  assert.ok(await page.getByRole('img', { name: '待處理弱點（依嚴重度）' }).isVisible());
  assert.ok(await page.getByRole('img', { name: '近 90 日有效弱點趨勢' }).isVisible());
  await shot(page, 'findings-01-dashboard');

  await page.getByRole('link', { name: /已知遭利用（KEV）/ }).first().click();
  await page.waitForURL(/\/findings\?kev=1/);
  const kevRows = await page.locator('table.findings tbody tr').count();
  assert.ok(kevRows >= 1, 'the inventory has KEV findings');
  assert.equal(await page.locator('table.findings tbody tr .badge.kev').count(), kevRows);
  await shot(page, 'findings-02-list-kev');

  await page.goto(p.vans.url + '/findings');
  await page.getByLabel('資產名稱或廠牌').fill('Adobe Reader');
  await page.getByRole('button', { name: '篩選' }).click();
  await page.waitForURL(/asset=Adobe\+Reader/);
  await shot(page, 'findings-03-list');
  // one CVE on both Reader versions: triage it once for the product
  const ids = await page.locator('a.cve-id').allTextContents();
  const shared = ids.find((id, i) => ids.indexOf(id) !== i);
  assert.ok(shared, 'a CVE affects both Adobe Reader 9.3.0 and 9.4.0');
  await page.locator('a.cve-id', { hasText: shared }).first().click();
  await page.waitForURL(/\/findings\/\d+$/);
  assert.ok(await page.getByRole('heading', { name: new RegExp(shared) }).isVisible());
  await shot(page, 'findings-04-finding');
  await page.getByLabel('處理狀態').selectOption('not_affected');
  await page.getByLabel('不受影響之理由（VEX）').selectOption('protected_by_mitigating_control');
  await page.getByLabel('負責人').fill('資訊室 林工程師');
  await page.getByLabel('備註').fill('已停用 JavaScript 並以群組原則封鎖，經資安長核可。');
  await page.getByLabel('套用至本機關此產品之所有版本與資產（同一 CVE）').check();
  await page.getByRole('button', { name: '儲存' }).click();
  await page.waitForURL(/\/findings\/\d+$/);
  assert.ok(await page.getByText('已儲存，並套用至本機關此產品所有版本與資產之同一弱點。').isVisible());
  assert.ok(await page.locator('.timeline').getByText('王小明').first().isVisible());
  await shot(page, 'findings-05-triaged');
  // both Reader findings of that CVE are now "not affected"
  await page.goto(p.vans.url + `/findings?cve=${shared}&asset=Adobe+Reader`);
  const statuses = await page.locator('table.findings tbody .status').allTextContents();
  assert.deepEqual(statuses, ['不受影響', '不受影響']);
});

test('the operator sees every organisation in 機關總覽', { skip: !have && 'no data or chromium' }, async () => {
  const page = await pageAs(operator);
  await page.goto(p.vans.url + '/admin/overview');
  assert.ok(await page.getByRole('heading', { name: '機關總覽' }).isVisible());
  const row = page.locator('table.overview tbody tr', { hasText: '行政院' });
  assert.ok(await row.getByText('已上傳').isVisible());
  assert.ok(await page.locator('table.overview tbody tr', { hasText: '示範科技股份有限公司' }).getByText('尚未上傳').isVisible());
  await shot(page, 'findings-06-overview');
});

test('the list in English on a phone', { skip: !have && 'no data or chromium' }, async () => {
  const page = await pageAs(user, 'en', { width: 390, height: 844 });
  await page.goto(p.vans.url + '/findings?per_page=8');
  assert.ok(await page.getByRole('heading', { name: 'Asset risk status' }).isVisible());
  await shot(page, 'findings-07-list-en-phone');
});
