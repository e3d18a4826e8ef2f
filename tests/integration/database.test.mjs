// The database as an operator handles it: a backup taken from a serving installation and
// restored into a new database carries the installation over (a form token issued before
// is still accepted after); copies between SQLite and PostgreSQL; what vans refuses.
// Runs on the engine under test (SQLite, then PostgreSQL in tests/run-all's second run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { runVans, startVans, tempDir, freshDb, dbEngine, pgCluster, Client } from '../lib/vans.mjs';

// A visitor's language form, ready to be posted later: cookies and token of one instance.
async function formOf(vans) {
  const c = new Client(vans.url);
  const token = Client.csrfFrom(await (await c.get('/')).text());
  assert.ok(token);
  return { c, token };
}

async function postLanguage(url, { c, token }) {
  c.base = url;
  const r = await c.post('/language', { _csrf: token, lang: 'en', next: '/' });
  return r.status;
}

test(`a backup of a serving ${dbEngine} installation restores into a new database, which carries it over`, async () => {
  const dir = tempDir();
  const original = await startVans();
  const form = await formOf(original);
  const file = path.join(dir, 'vans-backup.sqlite');
  // taken while the server runs
  const b = runVans(['--db', original.dbPath, 'db', 'backup', file]);
  assert.equal(b.status, 0, b.stderr);
  assert.match(b.stdout, /settings\s+1\n/);
  assert.match(b.stdout, /backup written to .*: \d+ tables, \d+ rows/);
  await original.stop();
  assert.equal(readFileSync(file).subarray(0, 15).toString(), 'SQLite format 3', 'a backup is a SQLite file');

  const target = freshDb(tempDir());
  const r = runVans(['--db', target, 'db', 'restore', file]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /restored .*: \d+ tables, \d+ rows, counts checked/);

  // the restored installation accepts the form the original handed out: same server secret
  const restored = await startVans({ db: target });
  assert.equal(await postLanguage(restored.url, form), 303);
  await restored.stop();
  // a different installation does not
  const other = await startVans();
  assert.equal(await postLanguage(other.url, form), 403);
  await other.stop();
});

test('restore refuses a database that already holds data, and a file that is no backup', async () => {
  const dir = tempDir();
  const db = freshDb(dir);
  const vans = await startVans({ db });
  await vans.stop();
  const file = path.join(dir, 'b.sqlite');
  assert.equal(runVans(['--db', db, 'db', 'backup', file]).status, 0);

  const again = runVans(['--db', db, 'db', 'backup', file]);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /already exists; a backup never overwrites a file/);
  const nothing = runVans(['--db', path.join(dir, 'typo.db'), 'db', 'backup', path.join(dir, 'b2.sqlite')]);
  assert.equal(nothing.status, 1);
  assert.match(nothing.stderr, /typo\.db: no such database/);
  assert.ok(!existsSync(path.join(dir, 'typo.db')), 'a mistyped path creates nothing');

  const full = runVans(['--db', db, 'db', 'restore', file]);
  assert.equal(full.status, 1);
  assert.match(full.stderr, /the target is not empty: table settings holds 1 rows.*nothing was restored/);

  const junk = path.join(dir, 'junk.sqlite');
  writeFileSync(junk, 'not a database at all, just text\n');
  const bad = runVans(['--db', freshDb(tempDir()), 'db', 'restore', junk]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /not a vans backup/);
  const missing = runVans(['--db', freshDb(tempDir()), 'db', 'restore', path.join(dir, 'nope.sqlite')]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /No such file/);
});

test('vans db copy moves an installation from SQLite to PostgreSQL and back, counts checked',
  { skip: (!pgCluster && 'needs the PostgreSQL cluster of tests/run-all') || (dbEngine !== 'sqlite' && 'covered by the SQLite run') },
  async () => {
    const dir = tempDir();
    const lite = path.join(dir, 'from.db');
    const vans = await startVans({ db: lite });
    const form = await formOf(vans);
    await vans.stop();

    const pg = pgCluster.createDatabase('vans_copy');
    const there = runVans(['db', 'copy', '--from', `sqlite:${lite}`, '--to', pg]);
    assert.equal(there.status, 0, there.stderr);
    assert.match(there.stdout, /copied sqlite:.* to postgres:\/\/.*: \d+ tables, \d+ rows, counts checked/);
    assert.equal(pgCluster.psql("SELECT COUNT(*) FROM settings WHERE key = 'server_secret'", new URL(pg).pathname.slice(1)), '1');

    const onPg = await startVans({ db: pg });
    assert.equal(await postLanguage(onPg.url, form), 303, 'the PostgreSQL installation is the same installation');
    await onPg.stop();

    const back = path.join(dir, 'back', 'again.db');
    const home = runVans(['db', 'copy', '--from', pg, '--to', back]);
    assert.equal(home.status, 0, home.stderr);
    assert.ok(existsSync(back));
    const again = runVans(['db', 'copy', '--from', pg, '--to', back]);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /not empty.*nothing was copied/);
    assert.equal(runVans(['db', 'copy', '--from', back, '--to', back]).status, 2);
  });

// One row in every VANS table (0300), each pointing at its parents: organisation, account,
// API key, asset group, upload, asset, CVE, finding. Ids are not 1, so the copy must keep them.
const VANS_ROWS = `
INSERT INTO cve (id, published, published_unix, last_modified, last_modified_unix, description, origin, change_seq)
  VALUES ('CVE-2024-0001', '2024-01-01T00:00:00.000', 1704067200, '2024-01-01T00:00:00.000', 1704067200, 'A flaw.', 'nvd', 1);
INSERT INTO api_keys (id, org_id, name, prefix, key_hash, created_at, created_by) VALUES (5, 1, 'tool', 'pfx', 'hash-of-key', 0, 1);
INSERT INTO asset_groups (id, org_id, code, name, created_at) VALUES (3, 1, 'G1', '機房', 0);
INSERT INTO asset_uploads (id, org_id, account_id, api_key_id, source, filename, status, rows_total, rows_added, created_at)
  VALUES (4, 1, 1, 5, 'csv', 'assets.csv', 'done', 1, 1, 0);
INSERT INTO assets (id, org_id, group_id, identifier, name, vendor, version, cpe, cpe_origin, upload_id, created_at, updated_at)
  VALUES (7, 1, 3, 'host-1', 'Widget', 'Example', '1.0', 'cpe:2.3:a:example:widget:1.0:*:*:*:*:*:*:*', 'given', 4, 0, 0);
INSERT INTO cpe_mappings (org_id, vendor_key, name_key, cpe, accepted_by, accepted_at)
  VALUES (1, 'example', 'widget', 'cpe:2.3:a:example:widget:1.0:*:*:*:*:*:*:*', 1, 0);
INSERT INTO findings (id, org_id, asset_id, cve_id, first_seen, last_seen, confidence, criterion, updated_at)
  VALUES (9, 1, 7, 'CVE-2024-0001', 0, 0, 100, 'cpe:2.3:a:example:widget:*:*:*:*:*:*:*:*', 0);
INSERT INTO finding_events (id, finding_id, at, account_id, kind) VALUES (11, 9, 0, 1, 'found');
INSERT INTO triage_rules (id, org_id, cve_id, vendor, product, status, vex_justification, created_by, created_at)
  VALUES (2, 1, 'CVE-2024-0001', 'example', 'widget', 'not_affected', 'code_not_present', 1, 0);
INSERT INTO notice_pending (id, org_id, finding_id, reason, urgent, created_at) VALUES (6, 1, 9, 'new', 1, 0);
INSERT INTO notifications (id, account_id, org_id, urgent, title, created_at) VALUES (8, 1, 1, 1, '新弱點', 0);
INSERT INTO notice_prefs (account_id, email) VALUES (1, 'immediate');
INSERT INTO org_webhooks (org_id, url, secret, created_at) VALUES (1, 'https://hook.example.gov.tw/vans', 'whsec', 0);
`;
const VANS_COUNTS = { asset_groups: 1, asset_uploads: 1, assets: 1, cpe_mappings: 1, findings: 1, finding_events: 1,
  triage_rules: 1, due_policy: 20, notice_pending: 1, notifications: 1, notice_prefs: 1, org_webhooks: 1, vans_state: 2 };
const haveSqlite3 = spawnSync('sqlite3', ['-version']).status === 0;

// The "  table   N" lines vans prints for a copy, backup or restore.
function countsOf(out) {
  return Object.fromEntries([...out.matchAll(/^ {2}(\w+)\s+(\d+)$/gm)].map((m) => [m[1], Number(m[2])]));
}

test('copy, backup and restore carry the VANS tables: parents before children, ids kept, the migrations\' seed rows replaced',
  { skip: (!pgCluster && 'needs the PostgreSQL cluster of tests/run-all') || (dbEngine !== 'sqlite' && 'covered by the SQLite run') ||
    (!haveSqlite3 && 'sqlite3 not installed') },
  () => {
    const dir = tempDir();
    const lite = path.join(dir, 'vans.db');
    const v = (...args) => {
      const r = runVans(['--db', lite, ...args]);
      assert.equal(r.status, 0, r.stderr);
      return r.stdout;
    };
    v('org', 'add', '--name', '行政院', '--oid', '2.16.886.101.20003', '--level', 'A');
    v('user', 'add', '--role', 'admin', '--org', '2.16.886.101.20003', '--username', 'adminA01', '--email', 'a@ey.gov.tw',
      '--name', '李管理', '--mobile', '0911000001');
    const ins = spawnSync('sqlite3', [lite], { input: VANS_ROWS, encoding: 'utf8' });
    assert.equal(ins.status, 0, ins.stderr);

    const pg = pgCluster.createDatabase('vans_copy');
    const pgName = new URL(pg).pathname.slice(1);
    const there = runVans(['db', 'copy', '--from', `sqlite:${lite}`, '--to', pg]);
    assert.equal(there.status, 0, there.stderr);
    const copied = countsOf(there.stdout);
    for (const [t, n] of Object.entries(VANS_COUNTS)) assert.equal(copied[t], n, `${t}: ${n} rows copied`);
    const names = Object.keys(copied);
    for (const [child, parents] of [['assets', ['asset_groups', 'asset_uploads', 'organisations']],
      ['asset_uploads', ['api_keys', 'accounts']], ['findings', ['assets', 'cve']], ['finding_events', ['findings']],
      ['notice_pending', ['findings']], ['notifications', ['accounts']]]) {
      for (const parent of parents) assert.ok(names.indexOf(parent) < names.indexOf(child), `${parent} before ${child}`);
    }
    assert.equal(pgCluster.psql('SELECT COUNT(*) FROM due_policy', pgName), '20', 'the seeds are there once');
    assert.equal(pgCluster.psql(`INSERT INTO assets (org_id, group_id, identifier, name, created_at, updated_at)
      VALUES (1, 3, 'host-2', 'Gadget', 0, 0) RETURNING id`, pgName).split('\n')[0], '8', 'the id sequence moved past the copied ids');
    assert.equal(pgCluster.psql('SELECT title FROM notifications WHERE id = 8', pgName), '新弱點');

    // a backup of the PostgreSQL database, restored into another one and copied back to SQLite
    const file = path.join(dir, 'backup.sqlite');
    const b = runVans(['--db', pg, 'db', 'backup', file]);
    assert.equal(b.status, 0, b.stderr);
    assert.equal(countsOf(b.stdout).assets, 2);
    const pg2 = pgCluster.createDatabase('vans_restore');
    const r = runVans(['--db', pg2, 'db', 'restore', file]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /counts checked/);
    const back = path.join(dir, 'back.db');
    const home = runVans(['db', 'copy', '--from', pg2, '--to', `sqlite:${back}`]);
    assert.equal(home.status, 0, home.stderr);
    const q = (sql) => spawnSync('sqlite3', [back, sql], { encoding: 'utf8' }).stdout.trim();
    assert.equal(q("SELECT f.id || ' ' || a.identifier || ' ' || f.cve_id FROM findings f JOIN assets a ON a.id = f.asset_id"),
      '9 host-1 CVE-2024-0001');
    assert.equal(q('SELECT COUNT(*) FROM due_policy'), '20');
    assert.equal(q("SELECT value FROM vans_state WHERE name = 'matched_cve_seq'"), '0');

    // and a SQLite installation restores into SQLite
    const lb = path.join(dir, 'lite-backup.sqlite');
    assert.equal(runVans(['--db', lite, 'db', 'backup', lb]).status, 0);
    const lr = runVans(['--db', path.join(dir, 'restored.db'), 'db', 'restore', lb]);
    assert.equal(lr.status, 0, lr.stderr);
    for (const [t, n] of Object.entries(VANS_COUNTS)) assert.equal(countsOf(lr.stdout)[t], n, `${t} restored`);
  });

test('a PostgreSQL password never appears in what vans prints', () => {
  const r = runVans(['--db', 'postgres://vans:hunter2secret@127.0.0.1:1/vans?connect_timeout=2', 'db', 'status']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /postgres: connection to server at "127\.0\.0\.1", port 1 failed/);
  assert.doesNotMatch(r.stdout + r.stderr, /hunter2secret/);
  const s = runVans(['--db', 'postgres://vans:hunter2secret@127.0.0.1:1/vans?connect_timeout=2', 'serve']);
  assert.equal(s.status, 1);
  assert.doesNotMatch(s.stdout + s.stderr, /hunter2secret/);
});

test('vans serve on PostgreSQL: /readyz follows the database through a restart and an outage',
  { skip: dbEngine !== 'postgres' && 'runs in the PostgreSQL run' },
  async () => {
    const vans = await startVans();
    const ready = async () => { const r = await fetch(vans.url + '/readyz'); return `${r.status} ${(await r.text()).trim()}`; };
    assert.equal(await ready(), '200 ready');
    pgCluster.restart(); // every session ends: vans reconnects on the next statement
    for (let i = 0; i < 4; i++) assert.equal(await ready(), '200 ready');
    pgCluster.stop();
    try {
      for (let i = 0; i < 3; i++) assert.equal(await ready(), '503 database unavailable');
      assert.equal((await fetch(vans.url + '/healthz')).status, 200, 'alive though not ready');
    } finally {
      pgCluster.start();
    }
    // each connection tries again at most once a second while the server is away
    for (let i = 0; (await ready()) !== '200 ready'; i++) {
      assert.ok(i < 100, 'ready again within 10 s of the server coming back');
      await new Promise((r) => setTimeout(r, 100));
    }
    for (let i = 0; i < 4; i++) assert.equal(await ready(), '200 ready');
    assert.match(vans.stderr, /postgres: reconnected/);
    const metrics = await (await fetch(vans.url + '/metrics')).text();
    assert.match(metrics, /^vans_db_info\{engine="postgres"\} 1$/m);
    assert.ok(Number(metrics.match(/^vans_db_reconnects_total (\d+)$/m)[1]) >= 1, 'the reconnections are counted');
    await vans.stop();
  });
