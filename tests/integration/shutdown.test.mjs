// Graceful shutdown under load: wrk keeps 64 connections busy, vans gets SIGTERM, every
// request vans had accepted is answered in full, and the process exits 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { startVans } from '../lib/vans.mjs';

const haveWrk = spawnSync('wrk', ['--version']).error === undefined;

function runWrk(url, seconds) {
  return new Promise((resolve) => {
    const p = spawn('wrk', ['-t2', '-c64', `-d${seconds}s`, url]);
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    p.on('exit', () => resolve(out));
  });
}

test('SIGTERM under wrk load: no accepted request fails and vans exits 0', { skip: !haveWrk && 'wrk not installed' }, async () => {
  const vans = await startVans();
  const load = runWrk(vans.url + '/healthz', 4);
  await new Promise((r) => setTimeout(r, 1500));
  vans.proc.kill('SIGTERM');
  const { code } = await vans.exited;
  const out = await load;

  assert.equal(code, 0, 'vans exits 0 after draining');
  assert.match(vans.stderr, /SIGTERM received, draining/);
  assert.match(vans.stderr, /vans serve: stopped/);

  const log = vans.accessLog();
  const failed = log.filter((l) => l.status !== 200);
  assert.deepEqual(failed, [], 'every request vans accepted was answered with 200');
  const completed = Number(out.match(/(\d+) requests in/)[1]);
  assert.ok(completed > 100, `wrk completed ${completed} requests before and during shutdown`);
  assert.equal(completed, log.length, 'wrk received in full every response vans logged');
  assert.doesNotMatch(out, /Non-2xx or 3xx responses/);
  // Connections refused after the signal show up as connect/read errors in wrk; they were
  // never accepted by vans, which the equality above proves.
});
