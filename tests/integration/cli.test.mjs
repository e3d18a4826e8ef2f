// The vans command line as an operator uses it: version, help, the global --db option,
// migrations, and configuration errors that name the offending key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runVans, tempDir, freshDb, dbEngine } from '../lib/vans.mjs';

test('vans --version and vans help', () => {
  const v = runVans(['--version']);
  assert.equal(v.status, 0);
  assert.match(v.stdout, /^vans \d+\.\d+\.\d+/);
  const h = runVans(['help']);
  assert.equal(h.status, 0);
  for (const cmd of ['serve', 'db']) assert.match(h.stdout, new RegExp(`\\b${cmd}\\b`));
  assert.match(runVans(['help', 'serve']).stdout, /--listen/);
  assert.equal(runVans(['help', 'nosuch']).status, 2);
  assert.equal(runVans(['nosuch']).status, 2);
});

test('vans --db PATH|URL db migrate creates the schema once; a second run changes nothing', () => {
  // on SQLite in a folder that does not exist yet: vans makes it
  const db = dbEngine === 'postgres' ? freshDb() : path.join(tempDir(), 'sub', 'v.db');
  const first = runVans(['--db', db, 'db', 'migrate']);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /schema version 0 → \d+/);
  const second = runVans(['--db', db, 'db', 'migrate']);
  assert.equal(second.status, 0);
  assert.match(second.stdout, /\(0 migrations applied\)/);
  const status = runVans(['--db', db, 'db', 'status']);
  assert.match(status.stdout, /pending\t0/);
  assert.match(status.stdout, new RegExp(`engine\t${dbEngine}`));
});

test('VANS_DB selects the database when --db is absent', () => {
  const db = path.join(tempDir(), 'env.db');
  const r = runVans(['db', 'status'], { env: { VANS_DB: db } });
  assert.equal(r.status, 0);
  assert.ok(r.stdout.includes(`database\t${db}`));
});

test('a bad setting stops start-up with a message naming the key and its source', () => {
  const dir = tempDir();
  const env = runVans(['--db', path.join(dir, 'v.db'), 'serve'], { env: { VANS_THREADS: 'many' } });
  assert.equal(env.status, 1);
  assert.match(env.stderr, /threads: "many" is not a whole number.*VANS_THREADS/);

  const file = path.join(dir, 'vans.conf');
  writeFileSync(file, '# test\nlisten = 127.0.0.1:8080\nmax_body = tiny\n');
  const bad = runVans(['--config', file, 'db', 'status']);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /vans\.conf:3: max_body: "tiny"/);

  writeFileSync(file, 'colour = blue\n');
  assert.match(runVans(['--config', file, 'db', 'status']).stderr, /vans\.conf:1: colour: unknown setting/);

  const flag = runVans(['--db', path.join(dir, 'v.db'), 'serve', '--listen', 'nowhere']);
  assert.equal(flag.status, 1);
  assert.match(flag.stderr, /listen: "nowhere" is not HOST:PORT/);
});

test('global options must come before the command', () => {
  const r = runVans(['db', 'status', '--db', 'x.db']);
  assert.notEqual(r.status, 0);
});

test('the config file\'s db setting selects the engine and the database', () => {
  const dir = tempDir();
  const db = freshDb(dir);
  const file = path.join(dir, 'vans.conf');
  writeFileSync(file, `# as in /etc/vans/vans.conf\ndb = ${db}\ndb_statement_timeout = 5000\n`);
  const m = runVans(['--config', file, 'db', 'migrate']);
  assert.equal(m.status, 0, m.stderr);
  const s = runVans(['--config', file, 'db', 'status']);
  assert.match(s.stdout, new RegExp(`engine\\t${dbEngine}\\ndatabase\\t`));
  assert.match(s.stdout, /pending\t0/);
  writeFileSync(file, 'db_statement_timeout = soon\n');
  assert.match(runVans(['--config', file, 'db', 'status']).stderr, /db_statement_timeout: "soon" is not a whole number/);
});
