// The files an operator installs from deploy/ work on this machine: nginx accepts the site
// config, systemd accepts the units without a warning, and every system call vans makes
// while it migrates, serves and backs up (on the engine under test) passes the units'
// SystemCallFilter. deploy/check does the work; each of its lines must say ok.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { bin, root, freshDb, dbEngine } from '../lib/vans.mjs';

test(`deploy/: nginx -t, systemd-analyze verify, and the system-call filter against vans on ${dbEngine}`, () => {
  // on SQLite the check makes its file itself, where its unprivileged user may write
  const db = dbEngine === 'postgres' ? ['--db', freshDb()] : [];
  const r = spawnSync('deploy/check', ['--bin', bin, ...db], { cwd: root, encoding: 'utf8', timeout: 120000 });
  const lines = r.stdout.trim().split('\n');
  assert.equal(r.status, 0, r.stdout + r.stderr);
  for (const what of ['nginx -t', 'systemd-analyze verify', 'system-call filter']) {
    const line = lines.find((l) => l.includes(what));
    assert.ok(line, `deploy/check reports on ${what}`);
    assert.match(line, /^ok /, line);
  }
});
