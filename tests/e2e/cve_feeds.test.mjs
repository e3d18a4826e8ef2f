// What the loaded feeds add to a CVE page, as a reader sees it in both languages: the KEV
// panel and EPSS line of a KEV-listed CVE, products named by the CPE dictionary's titles,
// and the note on a CVE known only from its CVE 5 record. Screenshots in build/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { freshDb, root, runVans, startVans, testdata } from '../lib/vans.mjs';
import { launch, shot } from './browser.mjs';

const haveChromium = existsSync(process.env.CHROMIUM ?? '/usr/bin/chromium');
const feeds = [
  ['nvd', path.join(testdata, 'nvd/feeds-2.0/nvdcve-2.0-2002.json.zip')],
  ['kev', path.join(testdata, 'kev/known_exploited_vulnerabilities.json')],
  ['epss', path.join(root, 'tests/fixtures/epss/epss_scores-2025-08-25.csv.gz')],
  ['cpedict', path.join(testdata, 'cpe/dictionary-2015/official-cpe-dictionary_v2.3.xml.gz')],
  ['cve5', path.join(testdata, 'nvd/fixtures-osv')],
];
const skip = !haveChromium ? 'no chromium'
  : feeds.some(([, f]) => !existsSync(f)) ? 'test data absent' : false;
let vans, browser;

before(async () => {
  if (skip) return;
  const db = freshDb();
  for (const [feed, file] of feeds) {
    const r = runVans(['--db', db, 'feed', 'import', feed, file]);
    assert.equal(r.status, 0, r.stderr);
  }
  vans = await startVans({ db });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await vans?.stop();
});

async function open(locale, p) {
  const ctx = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const res = await page.goto(vans.url + p);
  assert.equal(res.status(), 200);
  return { ctx, page };
}

test('a KEV-listed CVE shows its KEV panel, its EPSS score and products by their dictionary titles', { skip }, async () => {
  const { ctx, page } = await open('en', '/cves/CVE-2002-0367');
  const kev = page.locator('.panel-kev');
  assert.ok(await kev.isVisible());
  assert.match(await kev.innerText(), /Added\s+2022-03-03/);
  assert.match(await kev.innerText(), /Remediation due\s+2022-03-24/);
  assert.match(await kev.innerText(), /Required action: Apply updates per vendor instructions\./);
  assert.match(await page.locator('section', { hasText: 'EPSS' }).innerText(), /88\.71%.*higher than 99\.5% of CVEs/s);
  // the dictionary says "Microsoft Windows NT"; the CPE alone would give "Microsoft Windows Nt"
  const products = await page.locator('.config-items strong').allInnerTexts();
  assert.ok(products.includes('Microsoft Windows NT'), products.join(', '));
  assert.ok(!products.includes('Microsoft Windows Nt'));
  await shot(page, 'cve-kev-en');
  await ctx.close();
});

test('the same page in Traditional Chinese', { skip }, async () => {
  const { ctx, page } = await open('zh-TW', '/cves/CVE-2002-0367');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-TW');
  assert.ok(await page.locator('.panel-kev').isVisible());
  assert.match(await page.locator('section', { hasText: 'EPSS' }).innerText(), /88\.71%/);
  await shot(page, 'cve-kev-zh-TW');
  await ctx.close();
});

test('a CVE known only from its CVE 5 record says so, and lists what the CNA stated as CPE', { skip }, async () => {
  for (const locale of ['en', 'zh-TW']) {
    const { ctx, page } = await open(locale, '/cves/CVE-2025-21772');
    const note = page.locator('.notice[role=note]');
    assert.ok(await note.isVisible());
    assert.match(await note.innerText(), locale === 'en' ? /CVE Program \(a CVE JSON 5 record\)/ : /CVE JSON 5 紀錄/);
    const products = await page.locator('.config-items strong').allInnerTexts();
    assert.equal(products.length, 8);
    assert.ok(products.every((p) => p === 'Linux Kernel'), products.join(', '));
    // the kernel CNA names no CWE: the page says so rather than leave the heading bare
    assert.match(await page.locator('section[aria-labelledby=cwe-h]').innerText(),
      locale === 'en' ? /No weakness \(CWE\) has been named/ : /尚未標示弱點類型/);
    await shot(page, `cve-cve5-${locale}`);
    await ctx.close();
  }
  // an NVD record carries no such note
  const { ctx, page } = await open('en', '/cves/CVE-2002-0367');
  assert.equal(await page.locator('.notice[role=note]').count(), 0);
  await ctx.close();
});
