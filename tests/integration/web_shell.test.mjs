// The web shell as a visitor and an operator meet it: probes, pages in both languages,
// the language switch with its CSRF token, error pages and JSON errors, security headers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startVans, Client } from '../lib/vans.mjs';

let vans;
before(async () => { vans = await startVans(); });
after(async () => { await vans.stop(); });

test('health probes answer: /healthz alive, /readyz database reachable', async () => {
  const h = await fetch(vans.url + '/healthz');
  assert.equal(h.status, 200);
  assert.equal(await h.text(), 'ok\n');
  const r = await fetch(vans.url + '/readyz');
  assert.equal(r.status, 200);
  assert.equal(await r.text(), 'ready\n');
});

test('the home page is Traditional Chinese by default and English when the browser asks', async () => {
  const zh = await (await fetch(vans.url + '/')).text();
  assert.match(zh, /<html lang="zh-TW">/);
  assert.match(zh, /掌握資訊資產弱點/);
  const en = await (await fetch(vans.url + '/', { headers: { 'accept-language': 'en-GB,en;q=0.9' } })).text();
  assert.match(en, /<html lang="en">/);
  assert.match(en, /Know your assets&#39; vulnerabilities/);
  const zhWeighted = await (await fetch(vans.url + '/', { headers: { 'accept-language': 'en;q=0.3, zh-TW;q=0.8' } })).text();
  assert.match(zhWeighted, /<html lang="zh-TW">/);
});

test('choosing a language is remembered in a cookie and needs the form token', async () => {
  const c = new Client(vans.url);
  const page = await (await c.get('/')).text();
  const token = Client.csrfFrom(page);
  assert.ok(token, 'the language form carries a CSRF token');

  const forged = await fetch(vans.url + '/language', {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: c.cookieHeader() },
    body: 'lang=en&next=/',
  });
  assert.equal(forged.status, 403, 'a POST without the token is refused');

  const res = await c.post('/language', { _csrf: token, lang: 'en', next: '/' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/');
  assert.equal(c.cookies.get('vans_lang'), 'en');
  const after = await (await c.get('/')).text();
  assert.match(after, /<html lang="en">/);
});

test('the language switch never redirects off the site', async () => {
  const c = new Client(vans.url);
  const token = Client.csrfFrom(await (await c.get('/')).text());
  const res = await c.post('/language', { _csrf: token, lang: 'zh-TW', next: '//evil.example/' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/');
});

test('every response carries the security headers', async () => {
  for (const p of ['/', '/healthz', '/api/v1', '/nope', '/api/v1/nope']) {
    const res = await fetch(vans.url + p);
    const csp = res.headers.get('content-security-policy');
    assert.ok(csp && csp.includes("frame-ancestors 'none'") && csp.includes("script-src 'self'"), `${p}: CSP`);
    assert.ok(!/unsafe-inline/.test(csp), `${p}: no inline script allowed`);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `${p}: nosniff`);
    assert.equal(res.headers.get('referrer-policy'), 'same-origin', `${p}: referrer policy`);
    assert.match(res.headers.get('x-request-id') ?? '', /^[0-9a-f]{24}$/, `${p}: request id`);
  }
});

test('cookies are HttpOnly and SameSite', async () => {
  const res = await fetch(vans.url + '/');
  const cookies = res.headers.getSetCookie();
  assert.ok(cookies.length > 0);
  for (const c of cookies) {
    assert.match(c, /HttpOnly/);
    assert.match(c, /SameSite=Lax/);
  }
});

test('unknown pages get the 404 page in the visitor language; the API answers JSON', async () => {
  const zh = await fetch(vans.url + '/no/such/page');
  assert.equal(zh.status, 404);
  assert.match(await zh.text(), /找不到頁面/);
  const en = await fetch(vans.url + '/no/such/page', { headers: { 'accept-language': 'en' } });
  assert.match(await en.text(), /Page not found/);

  const api = await fetch(vans.url + '/api/v1/no-such-thing');
  assert.equal(api.status, 404);
  assert.match(api.headers.get('content-type'), /application\/json/);
  assert.deepEqual(await api.json(), { error: { code: 'not_found', message: 'no such resource' } });
});

test('a wrong method gets 405 with Allow', async () => {
  const res = await fetch(vans.url + '/healthz', { method: 'DELETE' });
  assert.equal(res.status, 405);
  assert.ok(res.headers.get('allow'));
});

test('a body over the limit is refused with 413 before it reaches a handler', async () => {
  const res = await fetch(vans.url + '/language', {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'x='.padEnd(2 * 1024 * 1024, 'a'),
  });
  assert.equal(res.status, 413);
});

test('static assets have content-hashed names and a year of caching', async () => {
  const html = await (await fetch(vans.url + '/')).text();
  const css = html.match(/href="(\/static\/app\.[0-9a-f]{12}\.css)"/);
  assert.ok(css, 'the stylesheet link has a hashed name');
  const res = await fetch(vans.url + css[1]);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /text\/css/);
  assert.match(res.headers.get('cache-control'), /max-age=31536000, immutable/);
  assert.equal((await fetch(vans.url + '/static/app.000000000000.css')).status, 404);
});

test('the API index and its OpenAPI document', async () => {
  const idx = await (await fetch(vans.url + '/api/v1')).json();
  assert.equal(idx.name, 'vans');
  const doc = await (await fetch(vans.url + idx.openapi)).json();
  assert.equal(doc.openapi, '3.1.0');
});

test('/metrics counts requests by route and status, latency, connections and database time', async () => {
  await fetch(vans.url + '/healthz');
  await fetch(vans.url + '/readyz');
  const text = await (await fetch(vans.url + '/metrics')).text();
  assert.match(text, /vans_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
  assert.match(text, /vans_http_request_duration_seconds_bucket\{route="\/healthz",le="\+Inf"\} \d+/);
  assert.match(text, /vans_http_open_connections \d+/);
  const db = text.match(/vans_db_statement_duration_seconds_count (\d+)/);
  assert.ok(db && Number(db[1]) > 0, 'database statements were timed');
});

test('each request writes one JSON access-log line', async () => {
  await fetch(vans.url + '/healthz?probe=log');
  await new Promise((r) => setTimeout(r, 100));
  const line = vans.accessLog().find((l) => l.route === '/healthz');
  assert.ok(line);
  for (const k of ['ts', 'id', 'method', 'route', 'status', 'bytes', 'ms', 'ip']) assert.ok(k in line, k);
  assert.equal(line.status, 200);
  assert.equal(line.bytes, 3);
});
