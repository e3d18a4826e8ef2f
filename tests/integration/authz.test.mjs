// Who may do what: every route of the server called as every role — anonymous, a general
// user of organisation A, the administrator of A, the administrator of B, the operator —
// and each answer checked against the one table below. Then the cross-organisation
// checks: nobody sees or touches another organisation's people.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Client, root } from '../lib/vans.mjs';
import { PASSWORD, startPlatform, submit, signIn, setUp, solveCaptcha, waitMail, waitSms, codeOf } from '../lib/identity.mjs';

// '*' everyone; otherwise the roles admitted: u = general user (A), a = admin of A,
// b = admin of B, o = operator. Anonymous is admitted only by '*'. 'none' = nobody signed in
// with a full session (the half-signed-in second-factor pages). 'key' = only an API key in
// the JSON body (the VANS upload API): every session, with or without one, gets 401.
const TABLE = {
  'GET /': '*', 'POST /language': '*', 'GET /api/v1': '*', 'GET /api/v1/openapi.json': '*',
  'GET /healthz': '*', 'GET /readyz': '*', 'GET /metrics': '*', 'GET /static/{file}': '*',
  'GET /login': '*', 'POST /login': '*', 'POST /logout': '*',
  'GET /login/verify': 'none', 'POST /login/verify': 'none', 'POST /login/verify/send': 'none',
  'GET /setup/{token}': '*', 'POST /setup/{token}': '*',
  'GET /password/forgot': '*', 'POST /password/forgot': '*', 'GET /password/reset': '*', 'POST /password/reset': '*',
  'GET /register': '*', 'POST /register': '*', 'GET /register/contact': '*', 'POST /register/contact': '*',
  'GET /register/verify': '*', 'POST /register/verify': '*', 'GET /register/permissions': '*',
  'POST /register/permissions': '*', 'GET /register/account': '*', 'POST /register/account': '*', 'GET /register/done': '*',
  'GET /account': 'uabo', 'POST /account/permissions': 'uabo', 'GET /account/permissions/{id}/form.pdf': 'uabo',
  'POST /account/permissions/{id}/scan': 'uabo', 'GET /account/security': 'uabo', 'POST /account/password': 'uabo',
  'POST /account/totp': 'uabo', 'POST /account/recovery-codes': 'uabo',
  'GET /org/reviews': 'ab', 'GET /org/reviews/{id}': 'ab', 'POST /org/reviews/{id}': 'ab', 'GET /org/permissions': 'ab',
  'GET /org/accounts': 'ab', 'GET /org/disabled': 'ab', 'POST /org/accounts/{id}/status': 'ab', 'GET /org/apikeys': 'ab',
  'POST /org/apikeys': 'ab', 'POST /org/apikeys/{id}/revoke': 'ab', 'GET /org/audit': 'ab',
  'GET /admin/reviews': 'o', 'GET /admin/reviews/{id}': 'o', 'POST /admin/reviews/{id}': 'o',
  'GET /admin/reviews/{id}/scan': 'o', 'GET /admin/orgs': 'o', 'POST /admin/orgs': 'o', 'POST /admin/grants': 'o',
  'GET /admin/audit': 'o',
  'GET /api/v1/captcha': '*', 'GET /api/v1/me': 'uabo', 'GET /api/v1/org': 'ab', 'GET /api/v1/org/accounts': 'ab',
  'POST /api/v1/org/apikeys/{id}/revoke': 'ab',
  'GET /cves': '*', 'GET /cves/{id}': '*', 'GET /api/v1/cves': '*', 'GET /api/v1/cves/{id}': '*',
  'GET /admin/feeds': 'o', 'POST /admin/feeds/sync': 'o', 'GET /api/v1/admin/feeds': 'o',
  'POST /vans2/asset/InsertServerUnitproduct': 'key', 'POST /rest/vans/InsertSystemUnitproduct': 'key',
  'GET /api/v1/assets': 'u', 'POST /api/v1/assets': 'u', 'GET /api/v1/assets/cpe-list.csv': 'u',
  'GET /api/v1/assets/{id}': 'u', 'PUT /api/v1/assets/{id}': 'u', 'DELETE /api/v1/assets/{id}': 'u',
  'GET /api/v1/assets/{id}/cpe-candidates': 'u', 'POST /api/v1/assets/{id}/cpe': 'u',
  'GET /assets': 'u', 'POST /assets': 'u', 'GET /assets/new': 'u', 'GET /assets/groups': 'u', 'POST /assets/groups': 'u',
  'POST /assets/groups/{id}': 'u', 'POST /assets/groups/{id}/delete': 'u', 'GET /assets/upload': 'u',
  'POST /assets/upload': 'u', 'GET /assets/uploads': 'u', 'GET /assets/templates/{file}': 'u',
  'GET /assets/cpe-list.csv': 'u', 'GET /assets/{id}': 'u', 'POST /assets/{id}': 'u', 'POST /assets/{id}/delete': 'u',
  'POST /assets/{id}/cpe': 'u',
};

// Every route the server has, from the route files themselves.
function routes() {
  const dir = path.join(root, 'src/web/routes');
  const out = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.def') && n !== 'all.def')) {
    for (const m of readFileSync(path.join(dir, f), 'utf8').matchAll(/^R\(HTTP_(\w+), "([^"]+)"/gm)) out.push(`${m[1]} ${m[2]}`);
  }
  return out;
}

let p, clients;
const ROLES = ['anonymous', 'u', 'a', 'b', 'o'];

before(async () => {
  p = await startPlatform();
  for (const n of ['operator1', 'adminA01', 'adminB01']) await setUp(p, n);
  // a general user of A, registered and accepted
  const c = new Client(p.vans.url);
  await submit(c, '/register', { kind: 'oid', identifier: '2.16.886.101.20003' });
  const page = await (await c.get('/register/contact')).text();
  const ch = await (await c.get('/api/v1/captcha')).json();
  await c.post('/register/contact', { _csrf: Client.csrfFrom(page), name: '王小明', email: 'user-a@ey.gov.tw', mobile: '0912345678', altcha: solveCaptcha(ch) });
  const mail = await waitMail(p.smtp, 'user-a@ey.gov.tw');
  const sms = await waitSms(p.smsDir, '0912345678');
  await submit(c, '/register/verify', { email_code: codeOf(mail.text), sms_code: codeOf(sms.text) });
  await submit(c, '/register/permissions', { perm_vans_general: '1', perm_vans_org_admin: '1' });
  await submit(c, '/register/account', { username: 'userA001', password: PASSWORD, password_confirm: PASSWORD, title: '科員',
    address: '臺北市', phone: '02-23456789' });
  clients = { anonymous: new Client(p.vans.url) };
  clients.a = await signIn(p, 'adminA01', PASSWORD, { email: 'admin-a@ey.gov.tw' });
  clients.b = await signIn(p, 'adminB01', PASSWORD, { email: 'admin-b@demo.com.tw' });
  clients.o = await signIn(p, 'operator1', PASSWORD, { email: 'operator@vans.test' });
  const list = await (await clients.a.get('/org/reviews')).text();
  const href = list.match(/href="(\/org\/reviews\/\d+)"/)[1];
  await submit(clients.a, href, { decision: 'accept' });
  clients.u = await signIn(p, 'userA001');
  for (const r of ROLES) clients[r].token = Client.csrfFrom(await (await clients[r].get('/')).text());
});
after(async () => { await p?.stop(); });

test('the table names every route, and every route is in the table', () => {
  const all = routes();
  assert.deepEqual(all.filter((r) => !(r in TABLE)), [], 'routes missing from the table');
  assert.deepEqual(Object.keys(TABLE).filter((r) => !all.includes(r)), [], 'table entries without a route');
});

// Whether an answer means "let through" (the handler ran) or "stopped at the gate".
function admitted(res, kind) {
  if (res.status === 401 || res.status === 403) return false;
  const loc = res.headers.get('location') ?? '';
  if (kind === 'page' && res.status === 303 && loc.startsWith('/login?next=')) return false;
  return true;
}

test('every route answers every role as the table says', async () => {
  const wrong = [];
  for (const route of routes()) {
    const [method, pattern] = route.split(' ');
    const url = pattern.replace('{id}', '999999').replace('{token}', 'x').replace('{file}', 'app.css');
    const kind = url.startsWith('/api/') ? 'api' : 'page';
    // signing in and out change the client's own session: they are public and tested elsewhere
    if (route === 'POST /logout' || route === 'POST /login') continue;
    for (const role of ROLES) {
      const c = clients[role];
      const opts = { headers: { 'x-csrf-token': c.token } };
      // state-changing calls carry a valid CSRF token, so that only authorization decides
      const res = method === 'GET' ? await c.get(url)
        : await c.request(method, url, { ...opts, body: kind === 'page' ? { _csrf: c.token } : undefined });
      await res.arrayBuffer();
      const allowed = TABLE[route] === '*' || (role !== 'anonymous' && TABLE[route] !== 'none' && TABLE[route].includes(role));
      if (admitted(res, kind) !== allowed) wrong.push(`${role} ${route}: ${res.status} ${res.headers.get('location') ?? ''}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('nobody sees another organisation\'s people', async () => {
  const { a, b, u } = clients;
  // B's administrator: A's lists are not theirs, A's ids are "not found"
  assert.doesNotMatch(await (await b.get('/org/accounts')).text(), /userA001|adminA01/);
  assert.doesNotMatch(await (await b.get('/org/permissions')).text(), /userA001/);
  assert.doesNotMatch(await (await b.get('/org/audit')).text(), /userA001/);
  const accounts = await (await b.get('/api/v1/org/accounts')).json();
  assert.ok(accounts.accounts.every((x) => x.username !== 'userA001' && x.username !== 'adminA01'));
  const aList = await (await a.get('/org/accounts')).text();
  const statusAction = aList.match(/userA001[\s\S]*?action="(\/org\/accounts\/\d+\/status)"/)[1];
  let res = await b.post(statusAction, { _csrf: b.token, op: 'disable' });
  assert.equal(res.status, 404, 'B cannot disable A\'s user');
  assert.equal((await (await u.get('/api/v1/me')).json()).username, 'userA001', 'still active');
  // the administrator request of userA001 (organisation-administrator: the operator's)
  const acct = await (await u.get('/account')).text();
  const permId = acct.match(/\/account\/permissions\/(\d+)\/form\.pdf/)[1];
  assert.equal((await a.get(`/org/reviews/${permId}`)).status, 404, 'an administrator does not review administrator requests');
  assert.equal((await b.get(`/account/permissions/${permId}/form.pdf`)).status, 404, 'nor download another person\'s form');
  res = await b.post(`/org/reviews/${permId}`, { _csrf: b.token, decision: 'accept' });
  assert.equal(res.status, 404);
  // A's API key cannot be revoked by B
  const key = p.cli('apikey', 'create', '--org', '2.16.886.101.20003').trim();
  const id = p.cli('apikey', 'list', '--org', '2.16.886.101.20003').split('\n')[1].split('\t')[0];
  res = await b.post(`/api/v1/org/apikeys/${id}/revoke`, undefined, { headers: { 'x-csrf-token': b.token } });
  assert.equal(res.status, 404);
  res = await fetch(p.vans.url + '/api/v1/org', { headers: { authorization: `Bearer ${key}` } });
  assert.equal((await res.json()).identifier, '2.16.886.101.20003', 'the key still works');
  assert.doesNotMatch(await (await b.get('/org/apikeys')).text(), new RegExp(key.slice(0, 12)));
});

test('a state-changing call without the CSRF token is refused whoever calls', async () => {
  const res = await clients.a.post('/org/apikeys', { name: 'no token' });
  assert.equal(res.status, 403);
  const api = await clients.a.post('/api/v1/org/apikeys/1/revoke');
  assert.equal(api.status, 403);
});
