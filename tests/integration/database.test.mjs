// The database as an operator handles it: a backup taken from a serving installation and
// restored into a new database carries the installation over (a form token issued before
// is still accepted after); copies between SQLite and PostgreSQL; what vans refuses.
// Runs on the engine under test (SQLite, then PostgreSQL in tests/run-all's second run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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
