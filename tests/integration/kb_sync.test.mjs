// `vans feed sync nvd` against a local server that answers like the NVD CVE API 2.0 with
// recorded pages: paging, the API key header, the rate limit, retries, resuming after a
// failure from the stored checkpoint, and 120-day lastModified windows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { freshDb, runVans, runVansAsync, testdata } from '../lib/vans.mjs';

const fixtures = path.join(testdata, 'nvd/fixtures-api2/pkg/fetch/nvd/api/cve/testdata/fixtures');
const have = existsSync(fixtures);
const page = (name) => readFileSync(path.join(fixtures, name));

// A fake NVD: `answer(url, n)` decides each response; every request is recorded.
async function fakeNvd(answer) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    requests.push({ at: Date.now(), url, apiKey: req.headers.apikey });
    const [status, body] = answer(url, requests.length);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { requests, url: `http://127.0.0.1:${server.address().port}/rest/json/cves/2.0`, close: () => server.close() };
}

// The recorded three pages of three (8 CVEs), by startIndex.
const threePages = (url) => {
  const name = `3_pages/${url.searchParams.get('startIndex')}-3.json`;
  return existsSync(path.join(fixtures, name)) ? [200, page(name)] : [404, '{}'];
};

function sync(nvd, db, extraArgs = [], env = {}) {
  return runVansAsync(['--db', db, 'feed', 'sync', 'nvd', ...extraArgs], {
    env: { VANS_NVD_API_URL: nvd.url, VANS_NVD_PAGE_SIZE: '3', VANS_NVD_RATE_WINDOW: '2',
      VANS_NVD_RETRY_BASE_MS: '20', VANS_NVD_RETRY_MAX: '6', ...env },
  });
}

const storedCves = (db) => Number(runVans(['--db', db, 'feed', 'status']).stdout.match(/^cves\t(\d+)/m)[1]);

test('a first sync pages through every result and stores all of them', { skip: !have && 'no NVD API fixtures' }, async () => {
  const nvd = await fakeNvd(threePages);
  const db = freshDb();
  const r = await sync(nvd, db);
  nvd.close();
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /new 8/);
  assert.deepEqual(nvd.requests.map((q) => q.url.searchParams.get('startIndex')), ['0', '3', '6']);
  assert.ok(nvd.requests.every((q) => q.url.searchParams.get('resultsPerPage') === '3'));
  assert.ok(nvd.requests.every((q) => !q.url.searchParams.has('lastModStartDate')), 'a first sync has no date filter');
  assert.equal(storedCves(db), 8);
  const cve = JSON.parse(runVans(['--db', db, 'cve', 'show', 'CVE-2023-47246']).stdout);
  assert.equal(cve.id, 'CVE-2023-47246');
});

test('the API key travels in the apiKey header', { skip: !have && 'no NVD API fixtures' }, async () => {
  const nvd = await fakeNvd(threePages);
  const r = await sync(nvd, freshDb(), ['--api-key', 'test-key-123']);
  nvd.close();
  assert.equal(r.status, 0, r.stderr);
  assert.ok(nvd.requests.every((q) => q.apiKey === 'test-key-123'));
});

test('503 and 429 answers are retried, and never more than 5 requests go out per window', { skip: !have && 'no NVD API fixtures' }, async () => {
  let failures = 0;
  const nvd = await fakeNvd((url) => {
    if (url.searchParams.get('startIndex') === '3' && failures < 4) {
      failures++;
      return [failures % 2 ? 503 : 429, '{}'];
    }
    return threePages(url);
  });
  const r = await sync(nvd, freshDb());
  nvd.close();
  assert.equal(r.status, 0, r.stderr);
  assert.equal(nvd.requests.length, 7, 'three pages plus four retries');
  const windowMs = 2000;
  for (let i = 5; i < nvd.requests.length; i++) {
    // the sixth request may only leave once the first has left the 2-second window
    assert.ok(nvd.requests[i].at - nvd.requests[i - 5].at >= windowMs - 50,
      `requests ${i - 5} and ${i} were ${nvd.requests[i].at - nvd.requests[i - 5].at} ms apart`);
  }
});

test('an interrupted sync keeps what it stored and the next one resumes at the failed page', { skip: !have && 'no NVD API fixtures' }, async () => {
  const db = freshDb();
  const broken = await fakeNvd((url) => (url.searchParams.get('startIndex') === '6' ? [500, 'down'] : threePages(url)));
  const first = await sync(broken, db, [], { VANS_NVD_RETRY_MAX: '1' });
  broken.close();
  assert.equal(first.status, 1);
  assert.match(first.stderr, /HTTP 500/);
  assert.equal(storedCves(db), 6, 'the two stored pages are kept');

  const healthy = await fakeNvd(threePages);
  const second = await sync(healthy, db);
  healthy.close();
  assert.equal(second.status, 0, second.stderr);
  assert.equal(healthy.requests[0].url.searchParams.get('startIndex'), '6', 'resumes at the page that failed');
  assert.equal(storedCves(db), 8);
});

test('later syncs ask only for what changed, in windows of at most 120 days', { skip: !have && 'no NVD API fixtures' }, async () => {
  const db = freshDb();
  const empty = () => [200, page('empty/0-1.json')];
  const nvd = await fakeNvd((url) => (url.searchParams.has('lastModStartDate') ? empty() : threePages(url)));
  assert.equal((await sync(nvd, db)).status, 0);
  const full = nvd.requests.length;
  assert.equal((await sync(nvd, db)).status, 0);
  const incremental = nvd.requests.slice(full);
  assert.equal(incremental.length, 1);
  const start = Date.parse(incremental[0].url.searchParams.get('lastModStartDate'));
  assert.ok(Date.now() - start < 15 * 60 * 1000, 'starts where the last sync began');

  const since = await sync(nvd, db, ['--since', '2025-01-01']);
  assert.equal(since.status, 0, since.stderr);
  nvd.close();
  const windows = nvd.requests.slice(full + 1).map((q) => [Date.parse(q.url.searchParams.get('lastModStartDate')),
    Date.parse(q.url.searchParams.get('lastModEndDate'))]);
  assert.equal(windows[0][0], Date.parse('2025-01-01T00:00:00Z'));
  for (let i = 0; i < windows.length; i++) {
    assert.ok(windows[i][1] - windows[i][0] <= 120 * 86400 * 1000, `window ${i} is at most 120 days`);
    if (i) assert.equal(windows[i][0], windows[i - 1][1], 'windows follow each other without a gap');
  }
  assert.ok(Date.now() - windows.at(-1)[1] < 15 * 60 * 1000, 'the last window ends now');
});
