// Two `vans serve` instances on one PostgreSQL behind nginx (deploy/nginx/vans.conf), as a
// national deployment runs: nginx spreads requests over both; what one instance signs the
// other accepts (the server secret lives in the database); when one instance is killed in
// the middle of the load, no request fails and nginx sends everything to the survivor; a
// restarted instance gets requests again. Then nginx's own limits as written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import { startVans, freshDb, dbEngine, Client } from '../lib/vans.mjs';
import { startNginx, haveNginx } from '../lib/nginx.mjs';

const skip = (dbEngine !== 'postgres' && 'needs PostgreSQL: runs in the PostgreSQL run') ||
  (!haveNginx && 'nginx or openssl not installed');

const portOf = (url) => Number(new URL(url).port);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Workers fetch a mix of pages through nginx until stop() is called; every answer's status
// is kept.
function load(base, workers, paths) {
  const statuses = [];
  let running = true;
  const run = async (w) => {
    for (let i = w; running; i++) {
      try {
        const r = await fetch(base + paths[i % paths.length], { headers: { 'accept-language': 'en' } });
        await r.arrayBuffer();
        statuses.push(r.status);
      } catch (e) {
        statuses.push(`error: ${e.cause?.code ?? e.message}`);
      }
    }
  };
  const done = Promise.all(Array.from({ length: workers }, (_, w) => run(w)));
  return { statuses, async stop() { running = false; await done; return statuses; } };
}

test('two instances on one PostgreSQL behind nginx: shared state, round robin, failover without a failed request',
  { skip, timeout: 120000 }, async () => {
    const db = freshDb();
    const a = await startVans({ db, args: ['--threads', '4'] });
    let b = await startVans({ db, args: ['--threads', '4'] });
    const bPort = portOf(b.url);
    const nginx = await startNginx({ upstreams: [portOf(a.url), bPort], liftLimits: true });
    try {
      // what instance a signs, instance b accepts, and the other way round
      for (const [from, to] of [[a, b], [b, a]]) {
        const c = new Client(from.url);
        const token = Client.csrfFrom(await (await c.get('/')).text());
        c.base = to.url;
        assert.equal((await c.post('/language', { _csrf: token, lang: 'en', next: '/' })).status, 303);
      }

      // nginx spreads requests over both instances
      const before = [a.accessLog().length, b.accessLog().length];
      for (let i = 0; i < 20; i++) {
        const r = await fetch(nginx.https + '/');
        assert.equal(r.status, 200);
        await r.arrayBuffer();
      }
      assert.ok(a.accessLog().length > before[0], 'instance a served some of the requests');
      assert.ok(b.accessLog().length > before[1], 'instance b served some of the requests');

      // instance b dies in the middle of the load: every request still gets its answer
      const paths = ['/', '/readyz', '/api/v1', '/healthz', '/?lang=en'];
      const run = load(nginx.https, 16, paths);
      while (run.statuses.length < 300) await sleep(20);
      const aBefore = a.accessLog().length;
      b.proc.kill('SIGKILL');
      const killedAt = run.statuses.length;
      assert.equal((await b.exited).signal, 'SIGKILL');
      while (run.statuses.length < killedAt + 600) await sleep(20);
      const statuses = await run.stop();
      const failed = statuses.filter((s) => s !== 200);
      assert.deepEqual(failed, [], `all ${statuses.length} requests answered 200 (nginx retried what b dropped)`);
      // of the 600 answers after the kill, at most the 16 then in flight can be b's
      for (let i = 0; a.accessLog().length - aBefore < 600 - 16; i++) {
        assert.ok(i < 100, `the survivor served the load after the kill (${a.accessLog().length - aBefore} logged)`);
        await sleep(50);
      }
      assert.match(nginx.errorLog(), /connect\(\) failed|upstream prematurely closed|Connection reset|recv\(\) failed/,
        'nginx saw instance b go');

      // b restarts on its port: after fail_timeout nginx tries it again and it serves
      b = await startVans({ db, args: ['--listen', `127.0.0.1:${bPort}`, '--threads', '4'] });
      for (let i = 0; b.accessLog().length === 0; i++) {
        assert.ok(i < 400, 'nginx sent requests to the restarted instance within 40 s');
        const r = await fetch(nginx.https + '/readyz');
        assert.equal(r.status, 200);
        assert.equal(await r.text(), 'ready\n');
        await sleep(100);
      }
    } finally {
      await nginx.stop();
      await a.stop();
      await b.stop();
    }
  });

// A request from another loopback address (nginx sees a client other than 127.0.0.1).
function getFrom(localAddress, url) {
  return new Promise((resolve, reject) => {
    https.get(url, { localAddress, rejectUnauthorized: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    }).on('error', reject);
  });
}

test('nginx as written: https only, body size limit, per-address rate limit, probes for local monitoring only',
  { skip, timeout: 60000 }, async () => {
    const db = freshDb();
    const a = await startVans({ db });
    const b = await startVans({ db });
    const nginx = await startNginx({ upstreams: [portOf(a.url), portOf(b.url)] });
    try {
      const plain = await fetch(nginx.http + '/some/page?x=1', { redirect: 'manual' });
      assert.equal(plain.status, 301);
      assert.match(plain.headers.get('location'), /^https:\/\/127\.0\.0\.1(:\d+)?\/some\/page\?x=1$/);

      const big = await fetch(nginx.https + '/language', {
        method: 'POST', body: 'x'.repeat(2 << 20), headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(big.status, 413, 'a 2 MiB form is refused by nginx');
      const logged = a.accessLog().length + b.accessLog().length;
      assert.ok(!a.accessLog().concat(b.accessLog()).some((l) => l.path === '/language'), 'it never reached vans');

      // 100 requests at once from one address: 40 of burst pass, the rest wait for the rate
      const burst = await Promise.all(Array.from({ length: 100 }, () =>
        fetch(nginx.https + '/').then(async (r) => { await r.arrayBuffer(); return r.status; })));
      const ok = burst.filter((s) => s === 200).length;
      const limited = burst.filter((s) => s === 429).length;
      assert.equal(ok + limited, 100);
      assert.ok(ok >= 40, `the burst allowance passes (${ok} passed)`);
      assert.ok(limited >= 1, `requests beyond it get 429 (${limited} refused)`);
      assert.ok(a.accessLog().length + b.accessLog().length - logged <= ok, 'refused requests never reached vans');

      // probes and metrics answer the monitoring on this host, nobody else
      assert.equal(await getFrom('127.0.0.1', nginx.https + '/metrics'), 200);
      assert.equal(await getFrom('127.0.0.2', nginx.https + '/metrics'), 403);
      assert.equal(await getFrom('127.0.0.2', nginx.https + '/readyz'), 403);
      assert.equal(await getFrom('127.0.0.2', nginx.https + '/'), 200);
    } finally {
      await nginx.stop();
      await a.stop();
      await b.stop();
    }
  });
