// Two `vans serve` instances on one PostgreSQL behind nginx (deploy/nginx/vans.conf), as a
// national deployment runs: nginx spreads requests over both; what one instance signs the
// other accepts (the server secret lives in the database); when one instance is killed in
// the middle of the load, no request fails and nginx sends everything to the survivor; a
// restarted instance gets requests again. Then nginx's own limits as written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import http from 'node:http';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startVans, freshDb, dbEngine, Client, pgCluster, runVansAsync, testdata } from '../lib/vans.mjs';
import { startNginx, haveNginx } from '../lib/nginx.mjs';
import { PASSWORD, startPlatform, setUp, signIn, submit } from '../lib/identity.mjs';

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

// ---- shared state and background work between two instances (identity, outbox, feeds) ----

const dbName = (url) => new URL(url).pathname.slice(1);

// Queues n mails straight into the outbox, as any module's outbox_enqueue would.
function queueMails(db, tag, n) {
  pgCluster.psql(`INSERT INTO outbox (channel, recipient, subject, body, next_attempt_at, created_at)
    SELECT 'email', 'bulk-' || i || '@vans.test', '${tag} ' || i, 'mail ' || i, 0, 0 FROM generate_series(1, ${n}) AS i`,
  dbName(db));
}

// Waits until every mail of the batch has arrived and then a while longer, so that a second
// delivery of any of them would have arrived too; returns the subjects that arrived.
async function mailsOf(smtp, tag, n) {
  const of = () => smtp.messages().filter((m) => m.subject?.startsWith(`${tag} `)).map((m) => m.subject);
  for (let i = 0; of().length < n; i++) {
    assert.ok(i < 600, `all ${n} mails of ${tag} arrived within 60 s (${of().length} so far)`);
    await sleep(100);
  }
  await sleep(2500);
  return of();
}

function assertOnce(subjects, tag, n) {
  const seen = new Map();
  for (const s of subjects) seen.set(s, (seen.get(s) ?? 0) + 1);
  const twice = [...seen].filter(([, c]) => c > 1);
  assert.deepEqual(twice, [], `no mail of ${tag} went out twice`);
  assert.equal(seen.size, n, `every mail of ${tag} went out`);
}

test('two instances on one PostgreSQL: a session of one is valid on the other, writes through one are read through the other, mails go out once each',
  { skip, timeout: 180000 }, async () => {
    const p = await startPlatform();
    const a = p.vans;
    const b = await startVans({ db: p.db, env: p.env });
    try {
      await setUp(p, 'operator1');
      await setUp(p, 'adminA01');

      // sign in on a (password and e-mail code), then use the cookie on b; and the other way
      const admin = await signIn(p, 'adminA01', PASSWORD, { email: 'admin-a@ey.gov.tw' });
      admin.base = b.url;
      const me = await admin.get('/api/v1/me');
      assert.equal(me.status, 200, 'the session made on a is valid on b');
      assert.equal((await me.json()).username, 'adminA01');
      const op = await signIn({ ...p, vans: b }, 'operator1', PASSWORD, { email: 'operator@vans.test' });
      op.base = a.url;
      assert.equal((await (await op.get('/api/v1/me')).json()).username, 'operator1', 'the session made on b is valid on a');

      // an organisation added through b is listed by a
      op.base = b.url;
      const added = await submit(op, '/admin/orgs', { identifier: '2.16.886.101.77001', name: '跨實例測試機關', level: 'C' });
      assert.equal(added.status, 303);
      op.base = a.url;
      assert.match(await (await op.get('/admin/orgs')).text(), /跨實例測試機關/, 'a lists the organisation b added');

      // an API key created through a (shown once) authenticates on b
      admin.base = a.url;
      const created = await submit(admin, '/org/apikeys', { name: 'cross-instance' });
      assert.equal(created.status, 201);
      const shown = (await created.text()).match(/<code class="secret" id="new-key">([^<]+)<\/code>/)?.[1];
      assert.ok(shown, 'the new key is shown');
      const key = shown.replace(/&(#x?[0-9a-f]+|amp|lt|gt|quot|apos);/gi, (_, e) =>
        ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e.toLowerCase()] ??
        String.fromCharCode(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))));
      assert.equal(key.length, 88);
      const org = await fetch(b.url + '/api/v1/org', { headers: { authorization: `Bearer ${key}` } });
      assert.equal(org.status, 200, 'b accepts the key a made');
      assert.equal((await org.json()).identifier, '2.16.886.101.20003');

      // 300 queued mails, both instances' senders running: each arrives exactly once
      queueMails(p.db, 'serve-batch', 300);
      assertOnce(await mailsOf(p.smtp, 'serve-batch', 300), 'serve-batch', 300);
      const owners = pgCluster.psql(`SELECT lease_owner, COUNT(*) FROM outbox WHERE subject LIKE 'serve-batch %'
        GROUP BY lease_owner ORDER BY 1`, dbName(p.db));
      assert.equal(pgCluster.psql(`SELECT COUNT(*) FROM outbox WHERE subject LIKE 'serve-batch %' AND status = 'sent'`,
        dbName(p.db)), '300', `every row is marked sent once (senders: ${owners.replace(/\n/g, ', ')})`);

      // 400 more, now also with two `vans outbox run` processes started at the same moment
      queueMails(p.db, 'cli-batch', 400);
      const runs = await Promise.all([1, 2].map(() => runVansAsync(['--db', p.db, 'outbox', 'run'], { env: p.env })));
      for (const r of runs) assert.equal(r.status, 0, r.stderr);
      const sentByCli = runs.map((r) => Number(r.stdout.match(/^(\d+) sent/m)[1]));
      assertOnce(await mailsOf(p.smtp, 'cli-batch', 400), 'cli-batch', 400);
      assert.ok(sentByCli[0] + sentByCli[1] <= 400, `the two runs sent ${sentByCli.join(' and ')} of 400`);
    } finally {
      await b.stop();
      await p.stop();
    }
  });

const nvdFixtures = path.join(testdata, 'nvd/fixtures-api2/pkg/fetch/nvd/api/cve/testdata/fixtures');

// The time of the first log line after `since` that says the knowledge base changed.
function heardAt(instance, since) {
  for (const line of instance.stderr.split('\n')) {
    const m = line.match(/^(\S+) info vans serve: the knowledge base changed/);
    if (m && Date.parse(m[1]) >= since - 1000) return Date.parse(m[1]);
  }
  return null;
}

async function waitHeard(instances, since, what) {
  for (let i = 0; instances.some((x) => heardAt(x, since) === null); i++) {
    assert.ok(i < 40, `every instance heard of ${what} within 2 s`);
    await sleep(50);
  }
}

test('two instances on one PostgreSQL: a feed sync runs once whoever asks, a starting instance leaves it alone, every instance hears of a feed change at once',
  { skip: skip || (!existsSync(nvdFixtures) && 'no NVD API fixtures'), timeout: 120000 }, async () => {
    let pageRequests = 0;
    const nvd = http.createServer((req, res) => {
      const start = new URL(req.url, 'http://x').searchParams.get('startIndex');
      pageRequests++;
      // slow, so that the other instance is asked while the sync runs
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(readFileSync(path.join(nvdFixtures, `3_pages/${start}-3.json`)));
      }, 1000);
    });
    await new Promise((r) => nvd.listen(0, '127.0.0.1', r));
    const p = await startPlatform({ env: { VANS_NVD_API_URL: `http://127.0.0.1:${nvd.address().port}/rest/json/cves/2.0`,
      VANS_NVD_PAGE_SIZE: '3', VANS_NVD_RATE_WINDOW: '1' } });
    const a = p.vans;
    const b = await startVans({ db: p.db, env: p.env });
    let c;
    try {
      await setUp(p, 'operator1');
      const op = await signIn(p, 'operator1', PASSWORD, { email: 'operator@vans.test' });
      const token = Client.csrfFrom(await (await op.get('/admin/feeds')).text());
      const started = await op.post('/admin/feeds/sync', { _csrf: token });
      assert.equal(started.headers.get('location'), '/admin/feeds?started=1');
      const syncStart = Date.now();

      // an instance starting now must not take the running sync for an orphan
      c = await startVans({ db: p.db, env: p.env });
      op.base = b.url;
      assert.equal((await (await op.get('/api/v1/admin/feeds')).json()).job.status, 'running',
        'the sync still runs after another instance started');
      for (const other of [b.url, c.url]) {
        op.base = other;
        const again = await op.post('/admin/feeds/sync', { _csrf: token });
        assert.equal(again.headers.get('location'), '/admin/feeds?busy=1', `${other} refuses a second sync`);
      }

      let ov;
      for (let i = 0; i < 150; i++) {
        ov = await (await op.get('/api/v1/admin/feeds')).json();
        if (!ov.job.running) break;
        await sleep(200);
      }
      assert.equal(ov.job.status, 'done', ov.job.message);
      assert.equal(ov.counts.cves, 8);
      assert.equal(pageRequests, 3, 'NVD was asked for its three pages once: one sync ran');

      // the sync ran in a; a, b and c all heard of it
      await waitHeard([a, b, c], syncStart, 'the sync');

      // a feed import by the command line on the same database: heard within a second or two
      const kev = path.join(p.dir, 'kev.json');
      writeFileSync(kev, JSON.stringify({ title: 'CISA KEV', catalogVersion: '2025.01.01',
        dateReleased: '2025-01-01T00:00:00.000Z', count: 1, vulnerabilities: [{ cveID: 'CVE-2024-0001',
          vendorProject: 'Example', product: 'Widget', vulnerabilityName: 'Example Widget flaw', dateAdded: '2025-01-01',
          shortDescription: 'A flaw.', requiredAction: 'Apply updates.', dueDate: '2025-01-22',
          knownRansomwareCampaignUse: 'Unknown', notes: '', cwes: [] }] }));
      await sleep(1100); // log times have whole seconds
      const importedAt = Date.now();
      const r = await runVansAsync(['--db', p.db, 'feed', 'import', 'kev', kev]);
      assert.equal(r.status, 0, r.stderr);
      const doneAt = Date.now();
      await waitHeard([a, b, c], importedAt, 'the import');
      for (const x of [a, b, c]) assert.ok(heardAt(x, importedAt) <= doneAt + 2000, 'heard within 2 s of the import');
      const metrics = await (await fetch(b.url + '/metrics')).text();
      assert.ok(Number(metrics.match(/^vans_db_listen_wakeups_total (\d+)$/m)[1]) >= 2, 'b counts the notifications');
    } finally {
      await c?.stop();
      await b.stop();
      await p.stop();
      nvd.close();
    }
  });

test('two instances behind nginx, writes under load: killing one loses no acknowledged write, and the survivor takes them all',
  { skip, timeout: 180000 }, async () => {
    const p = await startPlatform();
    const a = p.vans;
    let b = await startVans({ db: p.db, env: p.env, args: ['--threads', '4'] });
    const nginx = await startNginx({ upstreams: [portOf(a.url), portOf(b.url)], liftLimits: true });
    try {
      await setUp(p, 'operator1');
      const op = await signIn(p, 'operator1', PASSWORD, { email: 'operator@vans.test' });
      const token = Client.csrfFrom(await (await op.get('/admin/orgs')).text());
      const cookie = op.cookieHeader();

      // writers add organisations through nginx; each answer is kept with the identifier
      const answers = [];
      let running = true, n = 0;
      const writer = async () => {
        while (running) {
          const identifier = `2.16.886.101.88${String(n++).padStart(5, '0')}`;
          try {
            const r = await fetch(nginx.https + '/admin/orgs', {
              method: 'POST', redirect: 'manual',
              headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
              body: new URLSearchParams({ _csrf: token, identifier, name: `負載測試 ${identifier}`, level: 'D' }).toString(),
            });
            await r.arrayBuffer();
            answers.push({ identifier, status: r.status });
          } catch (e) {
            answers.push({ identifier, status: `error: ${e.cause?.code ?? e.message}` });
          }
        }
      };
      const workers = Array.from({ length: 12 }, writer);
      while (answers.length < 200) await sleep(20);
      b.proc.kill('SIGKILL');
      const killedAt = answers.length;
      await b.exited;
      while (answers.length < killedAt + 300) await sleep(20);
      running = false;
      await Promise.all(workers);

      const acked = answers.filter((x) => x.status === 303).map((x) => x.identifier);
      const failed = answers.filter((x) => x.status !== 303);
      // nginx never sends a POST twice: what b had taken when it died is answered 502
      assert.ok(failed.every((x) => x.status === 502), `only 502 for writes b took with it: ${JSON.stringify(failed)}`);
      assert.ok(failed.length <= 12, `at most the writes in flight failed (${failed.length})`);
      assert.ok(answers.slice(-100).every((x) => x.status === 303), 'after the kill the survivor takes every write');
      const stored = new Set(pgCluster.psql(`SELECT identifier FROM organisations WHERE identifier LIKE '2.16.886.101.88%'`,
        dbName(p.db)).split('\n'));
      const lost = acked.filter((id) => !stored.has(id));
      assert.deepEqual(lost, [], `all ${acked.length} acknowledged writes are in the database`);
      // a write that failed may or may not have committed before b died; none was stored twice
      assert.ok(stored.size <= answers.length);
      assert.equal(pgCluster.psql(`SELECT COUNT(*) FROM organisations WHERE identifier LIKE '2.16.886.101.88%'`,
        dbName(p.db)), String(stored.size));
      const verify = await runVansAsync(['--db', p.db, 'audit', 'verify']);
      assert.equal(verify.status, 0, `the audit chain is whole after concurrent writes: ${verify.stdout}${verify.stderr}`);
    } finally {
      await nginx.stop();
      await b.stop();
      await p.stop();
    }
  });
