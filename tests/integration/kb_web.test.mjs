// The vulnerability database as a visitor and an API client use it: an operator imports
// an NVD feed with the CLI, then CVEs are found by ID, words, vendor/product, severity and
// date, read on their page (configurations in words, CVSS spelled out) and as JSON.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { freshDb, runVans, startVans, testdata } from '../lib/vans.mjs';

const feed = path.join(testdata, 'nvd/feeds-2.0/nvdcve-2.0-2011.json.zip');
const have = existsSync(feed);
let vans;

before(async () => {
  if (!have) return;
  const db = freshDb();
  const imp = runVans(['--db', db, 'feed', 'import', 'nvd', feed]);
  assert.equal(imp.status, 0, imp.stderr);
  assert.match(imp.stdout, /new \d+/);
  vans = await startVans({ db });
});
after(async () => { await vans?.stop(); });

const get = (p, lang = 'en') => fetch(vans.url + p, { headers: { 'accept-language': lang }, redirect: 'manual' });

test('vans feed status and vans cve show report what was imported', { skip: !have && 'no NVD feeds' }, () => {
  const status = runVans(['--db', vans.dbPath, 'feed', 'status']);
  assert.match(status.stdout, /^cves\t4898 /m);
  const cve = JSON.parse(runVans(['--db', vans.dbPath, 'cve', 'show', 'CVE-2011-3192']).stdout);
  assert.equal(cve.id, 'CVE-2011-3192');
  assert.ok(cve.configurations.length > 0);
  assert.equal(runVans(['--db', vans.dbPath, 'cve', 'show', 'CVE-1999-99999']).status, 1);
  assert.equal(runVans(['--db', vans.dbPath, 'cve', 'show', 'not-a-cve']).status, 2);
});

test('a CVE ID typed in the search box opens that CVE', { skip: !have && 'no NVD feeds' }, async () => {
  const res = await get('/cves?q=%20cve-2011-3192%20');
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/cves/CVE-2011-3192');
});

test('free-text search finds CVEs by the words of their description, all words required', { skip: !have && 'no NVD feeds' }, async () => {
  const all = await (await get('/api/v1/cves?q=byterange&per_page=100')).json();
  assert.ok(all.items.some((c) => c.id === 'CVE-2011-3192'));
  for (const c of all.items) assert.match(c.description, /byterange/i);
  const both = await (await get('/api/v1/cves?q=byterange%20Apache')).json();
  assert.ok(both.total <= all.total && both.total > 0);
  const syntax = await get('/api/v1/cves?q=%22unbalanced%20OR%20(');
  assert.equal(syntax.status, 200, 'search words are taken literally, never as query syntax');
});

test('filters narrow the results: vendor/product, severity, KEV and published range', { skip: !have && 'no NVD feeds' }, async () => {
  const apache = await (await get('/api/v1/cves?vendor=apache&product=http_server&per_page=100')).json();
  assert.ok(apache.total > 0);
  assert.ok(apache.items.some((c) => c.id === 'CVE-2011-3192'));
  const critical = await (await get('/api/v1/cves?severity=critical&per_page=100')).json();
  assert.ok(critical.items.every((c) => c.cvss.severity === 'CRITICAL'));
  const range = await (await get('/api/v1/cves?from=2011-08-29&to=2011-08-29')).json();
  assert.ok(range.items.every((c) => c.published.startsWith('2011-08-29')));
  assert.ok(range.items.some((c) => c.id === 'CVE-2011-3192'));
  const kev = await (await get('/api/v1/cves?kev=1')).json();
  assert.equal(kev.total, 0, 'no KEV catalogue imported in this test');
});

test('results come in pages, newest first', { skip: !have && 'no NVD feeds' }, async () => {
  const p1 = await (await get('/api/v1/cves?per_page=10&page=1')).json();
  const p2 = await (await get('/api/v1/cves?per_page=10&page=2')).json();
  assert.equal(p1.items.length, 10);
  assert.equal(p1.total, p2.total);
  assert.ok(p1.items.at(-1).published >= p2.items[0].published);
  assert.equal(new Set([...p1.items, ...p2.items].map((c) => c.id)).size, 20);
  const html = await (await get('/cves?severity=HIGH&page=2')).text();
  assert.match(html, /href="\/cves\?severity=HIGH&amp;page=3"/, 'the next-page link keeps the filters');
  assert.match(html, /href="\/cves\?severity=HIGH&amp;page=1"/);
});

test('a bad filter is named, on the page and in the API', { skip: !have && 'no NVD feeds' }, async () => {
  const page = await get('/cves?from=last-week');
  assert.equal(page.status, 400);
  assert.match(await page.text(), /&quot;Published from&quot; must be a date written YYYY-MM-DD/);
  const api = await get('/api/v1/cves?severity=extreme');
  assert.equal(api.status, 400);
  assert.deepEqual(await api.json(), { error: { code: 'invalid', message: 'query parameter severity is not valid' } });
  assert.equal((await get('/api/v1/cves?per_page=1000')).status, 400);
});

test('the CVE page reads as a person would: versions in words, CVSS metrics spelled out', { skip: !have && 'no NVD feeds' }, async () => {
  const en = await (await get('/cves/CVE-2011-3192')).text();
  assert.match(en, /<h1>CVE-2011-3192<\/h1>/);
  assert.match(en, /<strong>Apache Http Server<\/strong>\s*from 2\.0\.35\s*up to \(excluding\) 2\.0\.65/);
  assert.match(en, /<dt>Access Vector<\/dt><dd>Network<\/dd>/);
  const zh = await (await get('/cves/CVE-2011-3192', 'zh-TW')).text();
  assert.match(zh, /自 2\.0\.35（含）起\s*至 2\.0\.65（不含）之前/);
  assert.match(zh, /<dt>存取途徑<\/dt><dd>網路<\/dd>/);
  assert.equal((await get('/cves/CVE-1999-99999')).status, 404);
  assert.equal((await get('/cves/nonsense')).status, 404);
});

test('GET /api/v1/cves/{id} returns the whole record', { skip: !have && 'no NVD feeds' }, async () => {
  const res = await get('/api/v1/cves/CVE-2011-3192');
  assert.equal(res.status, 200);
  const cve = await res.json();
  for (const k of ['descriptions', 'metrics', 'weaknesses', 'references', 'configurations']) assert.ok(Array.isArray(cve[k]), k);
  assert.equal(cve.metrics[0].vectorString, 'AV:N/AC:L/Au:N/C:N/I:N/A:C');
  assert.deepEqual(await (await get('/api/v1/cves/CVE-1999-99999')).json(),
    { error: { code: 'not_found', message: 'this CVE is not in the knowledge base' } });
});

test('with no data loaded the search page says so and how to load it', async () => {
  const empty = await startVans();
  const html = await (await fetch(empty.url + '/cves', { headers: { 'accept-language': 'en' } })).text();
  await empty.stop();
  assert.match(html, /No vulnerability data is loaded yet/);
  assert.match(html, /vans feed import nvd/);
});
