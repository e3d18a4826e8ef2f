// The operator's feed page: what is loaded, and an NVD sync started from the browser whose
// progress the page follows until the new CVEs can be searched. Only the operator may see
// or start it. NVD is a local server answering with recorded API pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client, testdata } from '../lib/vans.mjs';
import { PASSWORD, setUp, signIn, startPlatform } from '../lib/identity.mjs';

const fixtures = path.join(testdata, 'nvd/fixtures-api2/pkg/fetch/nvd/api/cve/testdata/fixtures');
const have = existsSync(fixtures);
let p, nvd, operator, admin;

before(async () => {
  if (!have) return;
  nvd = http.createServer((req, res) => {
    const start = new URL(req.url, 'http://x').searchParams.get('startIndex');
    const file = path.join(fixtures, `3_pages/${start}-3.json`);
    // a little slow, so the page can be seen while the sync runs
    setTimeout(() => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(readFileSync(file)); }, 400);
  });
  await new Promise((r) => nvd.listen(0, '127.0.0.1', r));
  p = await startPlatform({ env: { VANS_NVD_API_URL: `http://127.0.0.1:${nvd.address().port}/rest/json/cves/2.0`,
    VANS_NVD_PAGE_SIZE: '3', VANS_NVD_RATE_WINDOW: '1' } });
  await setUp(p, 'operator1');
  await setUp(p, 'adminA01');
  operator = await signIn(p, 'operator1', PASSWORD, { email: 'operator@vans.test' });
  admin = await signIn(p, 'adminA01', PASSWORD, { email: 'admin-a@ey.gov.tw' });
});
after(async () => { await p?.stop(); nvd?.close(); });

test('the operator starts an NVD sync from the feed page and watches it finish', { skip: !have && 'no NVD API fixtures' }, async () => {
  let page = await (await operator.get('/admin/feeds')).text();
  assert.match(page, /Vulnerability feeds|弱點資料來源/);
  const token = Client.csrfFrom(page);
  const res = await operator.post('/admin/feeds/sync', { _csrf: token });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/admin/feeds?started=1');

  page = await (await operator.get('/admin/feeds?started=1')).text();
  assert.match(page, /<meta http-equiv="refresh" content="2">/, 'the page refreshes itself while the sync runs');
  assert.match(page, /<progress max="\d+" value="\d+">/);

  const again = await operator.post('/admin/feeds/sync', { _csrf: token });
  assert.equal(again.headers.get('location'), '/admin/feeds?busy=1', 'a second sync waits for the first');

  let ov;
  for (let i = 0; i < 100; i++) {
    ov = await (await operator.get('/api/v1/admin/feeds')).json();
    if (!ov.job.running) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.equal(ov.job.status, 'done', ov.job.message);
  assert.equal(ov.job.stored, 8);
  assert.equal(ov.counts.cves, 8);
  assert.match(ov.imports[0].source, /NVD API/);
  page = await (await operator.get('/admin/feeds')).text();
  assert.doesNotMatch(page, /http-equiv="refresh"/, 'no refresh once the sync is over');
  // the summaries are worded from the message catalogue, not the English line of `vans feed status`
  const zh = await (await operator.get('/admin/feeds', { headers: { 'accept-language': 'zh-TW' } })).text();
  assert.match(zh, /<html lang="zh-TW"/);
  assert.match(zh, /筆數 8 · 新增 8 · 更新 0 · 未變更 0 · 已撤銷 \d+ · 略過 0/);
  assert.match(zh, /<td>完成<\/td>/);
  assert.doesNotMatch(zh, /new \d+, updated \d+|unchanged \d+|>done</, 'no English summary on the zh-TW page');
  const en = await (await operator.get('/admin/feeds', { headers: { 'accept-language': 'en' } })).text();
  assert.match(en, /Records 8 · New 8 · Updated 0 · Unchanged 0/);
  const found = await (await operator.get('/api/v1/cves?per_page=100')).json();
  assert.equal(found.total, 8);
});

test('nobody but the operator sees the feed page or starts a sync', { skip: !have && 'no NVD API fixtures' }, async () => {
  assert.equal((await admin.get('/admin/feeds')).status, 403);
  const token = Client.csrfFrom(await (await admin.get('/')).text());
  assert.equal((await admin.post('/admin/feeds/sync', { _csrf: token })).status, 403);
  const anon = new Client(p.vans.url);
  const r = await anon.get('/admin/feeds');
  assert.ok([302, 303].includes(r.status), 'anonymous visitors are sent to sign in');
  assert.equal((await anon.get('/api/v1/admin/feeds')).status, 401);
});
