// Notices of findings, end to end on the engine under test: pending notices (as the matching
// engine leaves them) → `vans notice run` → mail at a real SMTP server for the right
// organisation's VANS users only, urgent at once, the rest in a digest 24 h later; the
// organisation's webhook received by a local HTTP server with a valid signature, retried
// after a failure; two `vans notice run` at once telling each finding exactly once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createHmac } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { runVansAsync, dbEngine, pgCluster, Client } from '../lib/vans.mjs';
import { startPlatform, waitMail, setUp, signIn, submit, PASSWORD } from '../lib/identity.mjs';

const OID_A = '2.16.886.101.20003', UBN_B = '04595257';
let p;

// Raw SQL for fixtures, on either engine (what the matching engine would have written).
function sql(text) {
  if (dbEngine === 'postgres') return pgCluster.psql(text, new URL(p.db).pathname.slice(1));
  const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', p.db, text], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return r.stdout.trim();
}

const orgId = (ident) => `(SELECT id FROM organisations WHERE identifier = '${ident}')`;

// n findings of one organisation on one asset, CVEs prefix-0..n-1, each with a pending notice.
function findings({ org, asset, vendor, version, prefix, n, severity, kev = false, urgent = 0, reason = 'new' }) {
  sql(`WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < ${n - 1})
    INSERT INTO cve (id, published, published_unix, last_modified, last_modified_unix, severity, cvss_score, origin, change_seq)
    SELECT '${prefix}' || CAST(i AS TEXT), '2026-01-01', 0, '2026-01-01', 0, '${severity}', 6.5, 'test', 1 FROM k`);
  if (kev) {
    sql(`INSERT INTO kev (cve_id, vendor_project, product, vulnerability_name, date_added, short_description, required_action,
      due_date, ransomware, catalog_version, change_seq) VALUES ('${prefix}0', '${vendor}', '${asset}', 'x', '2026-11-20', 'x', 'x',
      '2026-12-11', 'Known', 'test', 1)`);
  }
  sql(`INSERT INTO asset_groups (org_id, code, name, created_at) VALUES (${orgId(org)}, 'T${prefix}', 'test', 0)`);
  sql(`INSERT INTO assets (org_id, group_id, identifier, name, vendor, version, created_at, updated_at)
    VALUES (${orgId(org)}, (SELECT id FROM asset_groups WHERE code = 'T${prefix}'), 'host-${prefix}', '${asset}', '${vendor}',
    '${version}', 0, 0)`);
  sql(`INSERT INTO findings (org_id, asset_id, cve_id, first_seen, last_seen, confidence, updated_at)
    SELECT ${orgId(org)}, (SELECT id FROM assets WHERE identifier = 'host-${prefix}'), id, 0, 0, 100, 0 FROM cve
    WHERE id LIKE '${prefix}%'`);
  sql(`INSERT INTO notice_pending (org_id, finding_id, reason, urgent, created_at)
    SELECT org_id, id, '${reason}', ${urgent}, 0 FROM findings WHERE cve_id LIKE '${prefix}%' ORDER BY id`);
}

async function noticeRun(now) {
  const r = await runVansAsync(['--db', p.db, 'notice', 'run', ...(now ? ['--now', now] : [])], { env: p.env });
  assert.equal(r.status, 0, r.stderr);
  const m = r.stdout.match(/^(\d+) notices in (\d+) organisation batches: (\d+) notifications, (\d+) mails, (\d+) put in digests, (\d+) digests, (\d+) webhooks/);
  assert.ok(m, r.stdout);
  const [notices, orgs, notifications, mails, digestItems, digests, webhooks] = m.slice(1).map(Number);
  return { notices, orgs, notifications, mails, digestItems, digests, webhooks };
}

const iso = (t) => new Date(t * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A webhook receiver: answers each request with the next status of `answers` (then 204).
async function receiver(answers = []) {
  const got = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      got.push({ headers: req.headers, body: Buffer.concat(chunks), url: req.url });
      res.writeHead(answers.shift() ?? 204);
      res.end();
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { got, url: `http://127.0.0.1:${server.address().port}/vans-hook`, close: () => new Promise((r) => server.close(r)) };
}

async function until(cond, ms = 20000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(100);
  }
}

before(async () => {
  // the dispatcher runs when the test says (vans notice run), not in the server's thread
  p = await startPlatform({ env: { VANS_NOTICE_INTERVAL: '86400', VANS_WEBHOOK_PRIVATE_ADDRESSES: 'true' } });
  // a general user of A, a general user of B and an A account without VANS permission
  p.cli('user', 'add', '--role', 'user', '--org', OID_A, '--username', 'userA02', '--email', 'user-a2@ey.gov.tw', '--name', '張一般');
  p.cli('user', 'add', '--role', 'user', '--org', UBN_B, '--username', 'userB02', '--email', 'user-b2@demo.com.tw', '--name', '林一般');
});
after(async () => { await p?.stop(); });

test('urgent findings are mailed at once to the organisation\'s VANS users only; the rest in a digest 24 h later', async () => {
  const t0 = Math.floor(Date.now() / 1000);
  findings({ org: OID_A, asset: 'Apache Log4j', vendor: 'Apache', version: '2.14.1', prefix: 'CVE-2099-1', n: 1, severity: 'HIGH', kev: true, urgent: 1, reason: 'kev' });
  findings({ org: OID_A, asset: 'OpenSSL', vendor: 'OpenSSL', version: '1.1.1k', prefix: 'CVE-2099-2', n: 2, severity: 'MEDIUM' });
  findings({ org: UBN_B, asset: 'Secret Product B', vendor: 'Zeta', version: '3.1', prefix: 'CVE-2099-3', n: 1, severity: 'MEDIUM' });
  const r = await noticeRun(iso(t0));
  assert.deepEqual(r, { notices: 4, orgs: 2, notifications: 4, mails: 2, digestItems: 6, digests: 0, webhooks: 0 });
  for (const to of ['admin-a@ey.gov.tw', 'user-a2@ey.gov.tw']) {
    const m = await waitMail(p.smtp, to, { match: /緊急/ });
    assert.match(m.subject, /^【緊急】\[URGENT\] /);
    assert.match(m.subject, /行政院/);
    assert.match(m.text, /CVE-2099-10/);
    assert.match(m.text, /KEV 修補期限 2026-12-11/);
    assert.match(m.text, /KEV due 2026-12-11/);
    assert.match(m.text, /Apache Log4j 2\.14\.1/);
    assert.ok(m.text.indexOf('您好') < m.text.indexOf('Dear'), 'Chinese first, English after');
    assert.doesNotMatch(m.text, /CVE-2099-2|CVE-2099-3|Secret Product B/, 'only the urgent one now, nothing of B');
  }
  await sleep(1500);
  const toB = p.smtp.messages().filter((m) => /demo\.com\.tw/.test(m.to));
  assert.deepEqual(toB, [], 'B has nothing urgent: its medium finding waits for the digest');
  assert.equal((await noticeRun(iso(t0 + 23 * 3600))).digests, 0, 'not before 24 h');
  const later = await noticeRun(iso(t0 + 24 * 3600 + 1));
  assert.equal(later.digests, 4);
  const digestA = await waitMail(p.smtp, 'user-a2@ey.gov.tw', { match: /Daily digest:/ });
  assert.match(digestA.subject, /Daily digest: 2 findings/);
  assert.doesNotMatch(digestA.subject, /URGENT/);
  assert.match(digestA.text, /CVE-2099-20/);
  assert.match(digestA.text, /CVE-2099-21/);
  assert.doesNotMatch(digestA.text, /Secret Product B/);
  const digestB = await waitMail(p.smtp, 'user-b2@demo.com.tw', { match: /Daily digest:/ });
  assert.match(digestB.text, /Secret Product B/);
  assert.doesNotMatch(digestB.text, /Log4j|OpenSSL/);
  assert.equal((await noticeRun(iso(t0 + 24 * 3600 + 2))).digests, 0, 'each digest once');
  // in-app: one notification per user, counted in the header
  assert.equal(Number(sql(`SELECT COUNT(*) FROM notifications WHERE account_id = (SELECT id FROM accounts WHERE username = 'userA02')`)), 1);
});

test('the webhook gets a signed JSON notice, retried after a failure, with the same delivery id', async () => {
  const hook = await receiver([503]);
  try {
    const out = p.cli('notice', 'webhook', '--org', OID_A, '--url', hook.url);
    const secret = out.trim().split('\n').pop();
    assert.match(secret, /^[0-9a-f]{64}$/);
    findings({ org: OID_A, asset: 'Microsoft Exchange Server', vendor: 'Microsoft', version: '15.1.2375', prefix: 'CVE-2099-4', n: 2, severity: 'CRITICAL', urgent: 1 });
    findings({ org: UBN_B, asset: 'Other Org Product', vendor: 'Zeta', version: '1', prefix: 'CVE-2099-5', n: 1, severity: 'CRITICAL', urgent: 1 });
    const r = await noticeRun();
    assert.equal(r.webhooks, 1, 'A has a webhook, B none');
    await until(() => hook.got.length >= 2);
    const [first, second] = hook.got;
    assert.equal(first.headers['x-vans-delivery'], second.headers['x-vans-delivery']);
    for (const d of [first, second]) {
      const expected = 'sha256=' + createHmac('sha256', secret).update(d.body).digest('hex');
      assert.equal(d.headers['x-vans-signature'], expected);
      assert.match(d.headers['x-vans-timestamp'], /^\d{10}$/);
      assert.match(d.headers['content-type'], /^application\/json/);
    }
    const body = JSON.parse(second.body.toString('utf8'));
    assert.equal(body.event, 'vans.findings');
    assert.equal(body.organisation.identifier, OID_A);
    assert.deepEqual(body.findings.map((f) => f.cve).sort(), ['CVE-2099-40', 'CVE-2099-41']);
    assert.equal(body.findings[0].asset.name, 'Microsoft Exchange Server');
    assert.equal(body.findings[0].urgent, true);
    assert.doesNotMatch(second.body.toString('utf8'), /Other Org Product/);
    const wrong = 'sha256=' + createHmac('sha256', 'another secret').update(second.body).digest('hex');
    assert.notEqual(second.headers['x-vans-signature'], wrong);
  } finally {
    p.cli('notice', 'webhook', '--org', OID_A, '--disable', 'yes');
    await hook.close();
  }
});

test('two `vans notice run` at once tell each finding exactly once', async (t) => {
  const hook = await receiver();
  try {
    p.cli('notice', 'webhook', '--org', UBN_B, '--url', hook.url);
    const N = 2400;
    findings({ org: UBN_B, asset: 'Jenkins', vendor: 'Jenkins', version: '2.303', prefix: 'CVE-2098-', n: N, severity: 'CRITICAL', urgent: 1 });
    const before = p.smtp.messages().filter((m) => m.to === 'user-b2@demo.com.tw').length;
    const [r1, r2] = await Promise.all([noticeRun(), noticeRun()]);
    t.diagnostic(`the two runs claimed ${r1.notices} and ${r2.notices} notices`);
    assert.equal(r1.notices + r2.notices, N, `claimed ${r1.notices} + ${r2.notices}`);
    assert.equal(Number(sql('SELECT COUNT(*) FROM notice_pending WHERE sent_at IS NULL')), 0);
    const batches = r1.orgs + r2.orgs;
    assert.equal(r1.webhooks + r2.webhooks, batches);
    await until(() => hook.got.length >= batches);
    await sleep(500);
    assert.equal(hook.got.length, batches, 'one delivery per batch, none twice');
    const told = hook.got.flatMap((d) => JSON.parse(d.body.toString('utf8')).findings.map((f) => f.cve));
    assert.equal(told.length, N, 'every finding told once');
    assert.equal(new Set(told).size, N, 'no finding told twice');
    await waitMail(p.smtp, 'user-b2@demo.com.tw', { n: before + batches, ms: 30000 });
    await sleep(1000);
    assert.equal(p.smtp.messages().filter((m) => m.to === 'user-b2@demo.com.tw').length, before + batches);
  } finally {
    await hook.close();
  }
});

test('the pages: notifications with the unread count in the header, mark read, e-mail choice, the webhook', async () => {
  await setUp(p, 'adminA01');
  await setUp(p, 'adminB01');
  const a = await signIn(p, 'adminA01', PASSWORD, { email: 'admin-a@ey.gov.tw' });
  const b = await signIn(p, 'adminB01', PASSWORD, { email: 'admin-b@demo.com.tw' });
  const unread = (html) => Number(html.match(/class="header-count"[^>]*>(\d+)</)?.[1] ?? 0);
  let html = await (await a.get('/notifications')).text();
  const mine = Number(sql(`SELECT COUNT(*) FROM notifications WHERE account_id = (SELECT id FROM accounts WHERE username = 'adminA01')`));
  assert.ok(mine >= 2);
  assert.equal(unread(html), mine, 'the header counts the unread notifications');
  assert.match(html, /CVE-2099-10/);
  assert.match(html, /Microsoft Exchange Server/);
  assert.match(html, /其中 2 項需立即處理/);
  assert.doesNotMatch(html, /Secret Product B|Other Org Product|CVE-2098-/, 'nothing of B');
  const htmlB = await (await b.get('/notifications')).text();
  assert.match(htmlB, /Secret Product B/);
  assert.doesNotMatch(htmlB, /Apache Log4j|Microsoft Exchange|CVE-2099-10/, 'nothing of A');
  // mark one read, then all; another person's notification is not found
  const id = html.match(/action="\/notifications\/(\d+)\/read"/)[1];
  const token = Client.csrfFrom(html);
  assert.equal((await b.post(`/notifications/${id}/read`, { _csrf: Client.csrfFrom(htmlB) })).status, 404);
  assert.equal((await a.post(`/notifications/${id}/read`, { _csrf: token })).status, 303);
  html = await (await a.get('/notifications')).text();
  assert.equal(unread(html), mine - 1);
  assert.equal((await a.post('/notifications/read-all', { _csrf: token })).status, 303);
  html = await (await a.get('/notifications')).text();
  assert.equal(unread(html), 0);
  assert.match(html, /所有通知已標示為已讀/);
  // e-mail choice
  html = await (await a.get('/notifications/preferences')).text();
  assert.match(html, /id="pref-daily" name="email" value="daily" checked/);
  assert.equal((await submit(a, '/notifications/preferences', { email: 'immediate' })).status, 303);
  assert.match(await (await a.get('/notifications/preferences')).text(), /value="immediate" checked/);
  assert.equal(sql(`SELECT email FROM notice_prefs WHERE account_id = (SELECT id FROM accounts WHERE username = 'adminA01')`), 'immediate');
  assert.equal((await submit(a, '/notifications/preferences', { email: 'weekly' })).status, 422);
  // the webhook: a new secret is shown once, the test delivery is signed with it
  const hook = await receiver();
  try {
    assert.equal((await submit(a, '/org/webhook', { url: 'ftp://example.test/x' })).status, 422);
    assert.equal((await submit(a, '/org/webhook', { url: hook.url })).status, 303);
    html = await (await a.get('/org/webhook')).text();
    assert.match(html, /id="webhook-status">啟用中</);
    let res = await submit(a, '/org/webhook', {}, '/org/webhook/secret');
    assert.equal(res.status, 201);
    const secret = (await res.text()).match(/id="new-secret">([0-9a-f]{64})</)[1];
    html = await (await a.get('/org/webhook')).text();
    assert.doesNotMatch(html, new RegExp(secret), 'shown once only');
    assert.equal((await submit(a, '/org/webhook', {}, '/org/webhook/test')).status, 303);
    await until(() => hook.got.length >= 1);
    const d = hook.got[0];
    assert.equal(d.headers['x-vans-signature'], 'sha256=' + createHmac('sha256', secret).update(d.body).digest('hex'));
    const body = JSON.parse(d.body.toString('utf8'));
    assert.equal(body.event, 'vans.test');
    assert.equal(body.organisation.identifier, OID_A);
    assert.equal((await submit(a, '/org/webhook', {}, '/org/webhook/disable')).status, 303);
    assert.match(await (await a.get('/org/webhook')).text(), /id="webhook-status">已停用</);
    // B's administrator sees B's own webhook, never A's
    assert.match(await (await b.get('/org/webhook')).text(), /id="webhook-status">啟用中</);
  } finally {
    await hook.close();
  }
});
