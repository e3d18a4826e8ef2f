// The vulnerability database in a browser, as a person uses it: a visitor searches for a
// word, opens a CVE and reads which versions are affected, in Traditional Chinese and in
// English, on a desktop and on a phone; the operator opens the feed page. Screenshots go
// to build/screenshots/kb-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { testdata } from '../lib/vans.mjs';
import { PASSWORD, setUp, signIn, startPlatform } from '../lib/identity.mjs';
import { launch, shot } from './browser.mjs';

const feed = path.join(testdata, 'nvd/feeds-2.0/nvdcve-2.0-2011.json.zip');
const have = existsSync(feed) && existsSync(process.env.CHROMIUM ?? '/usr/bin/chromium');
let p, browser;

before(async () => {
  if (!have) return;
  p = await startPlatform();
  p.cli('feed', 'import', 'nvd', feed);
  browser = await launch();
});
after(async () => { await browser?.close(); await p?.stop(); });

async function newPage(locale, viewport = { width: 1280, height: 900 }) {
  const ctx = await browser.newContext({ locale, viewport });
  return ctx.newPage();
}

test('a visitor finds a CVE by a word and reads which versions it affects (zh-TW)', { skip: !have && 'no feeds or chromium' }, async () => {
  const page = await newPage('zh-TW');
  await page.goto(p.vans.url + '/');
  await page.getByRole('link', { name: '弱點資料庫' }).click();
  await page.getByLabel('關鍵字或 CVE 編號').fill('byterange');
  await page.getByLabel('嚴重程度').selectOption('HIGH');
  await shot(page, 'kb-01-search-form-zh-TW');
  await page.getByRole('button', { name: '查詢' }).click();
  await page.waitForURL(/\/cves\?/);
  assert.match(await page.locator('.result-count').innerText(), /共 \d+ 筆符合條件/);
  await shot(page, 'kb-02-results-zh-TW');
  await page.getByRole('link', { name: 'CVE-2011-3192' }).click();
  await page.waitForURL(/\/cves\/CVE-2011-3192$/);
  assert.equal(await page.locator('h1').innerText(), 'CVE-2011-3192');
  const affected = await page.locator('.config').first().innerText();
  assert.match(affected, /Apache Http Server\s*自 2\.0\.35（含）起\s*至 2\.0\.65（不含）之前/);
  assert.match(await page.locator('.metric-words').first().innerText(), /存取途徑：?\s*網路/);
  await shot(page, 'kb-03-cve-zh-TW');
});

test('the same CVE in English, and its ID typed straight into the search box', { skip: !have && 'no feeds or chromium' }, async () => {
  const page = await newPage('en');
  await page.goto(p.vans.url + '/cves');
  await page.getByLabel('Words or CVE ID').fill('cve-2011-3192');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL(/\/cves\/CVE-2011-3192$/);
  assert.match(await page.locator('.config').first().innerText(), /from 2\.0\.35\s*up to \(excluding\) 2\.0\.65/);
  assert.match(await page.locator('.metric-words').first().innerText(), /Access Vector:?\s*Network/);
  await shot(page, 'kb-04-cve-en');
});

test('search results fit a phone screen', { skip: !have && 'no feeds or chromium' }, async () => {
  const page = await newPage('zh-TW', { width: 375, height: 740 });
  await page.goto(p.vans.url + '/cves?q=apache');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await shot(page, 'kb-05-results-phone');
});

test('the operator sees what is loaded on the feed page', { skip: !have && 'no feeds or chromium' }, async () => {
  await setUp(p, 'operator1');
  const client = await signIn(p, 'operator1', PASSWORD, { email: 'operator@vans.test' });
  const ctx = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 900 } });
  await ctx.addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: p.vans.url })));
  const page = await ctx.newPage();
  await page.goto(p.vans.url + '/admin/feeds');
  assert.equal(await page.locator('h1').innerText(), '弱點資料來源（Feeds）');
  assert.match(await page.locator('.stats').innerText(), /CVE 總數\s*4898/);
  await shot(page, 'kb-06-feeds-zh-TW');
});
