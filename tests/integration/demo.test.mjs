// The demo organisation of `make run`: `vans demo seed` on an empty database adds 示範機關
// （展示用）, its two users with working printed passwords, and data/demo's inventory and SBOM
// through the intake, matched (findings, urgent notices); a second run and a database with
// organisations are left alone; `vans serve` by itself never adds demo data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runVans, startVans, freshDb, tempDir, testdata, Client, root } from '../lib/vans.mjs';
import { identityEnv, startSmtp, submit } from '../lib/identity.mjs';
import { miniFeed } from '../lib/feeds.mjs';

const haveData = existsSync(path.join(testdata, 'nvd/feeds-1.1')) && existsSync(path.join(testdata, 'kev'));

test('vans serve alone never adds demo data', async () => {
  const db = freshDb(tempDir());
  const vans = await startVans({ db });
  await vans.stop();
  const orgs = runVans(['--db', db, 'org', 'list']);
  assert.equal(orgs.status, 0);
  assert.doesNotMatch(orgs.stdout, /示範機關|2\.16\.886\.101\.99001/);
});

test('vans demo seed: the labelled organisation, two users who can sign in, its inventory matched', { skip: !haveData && 'no shared data' }, async () => {
  const dir = tempDir('vans-demo-');
  const db = freshDb(dir);
  const smtp = await startSmtp();
  const env = identityEnv(smtp.url, path.join(dir, 'sms'));
  const v = (...a) => runVans(['--db', db, ...a], { env });
  try {
    assert.equal(v('feed', 'import', 'nvd', miniFeed(dir, ['CVE-2014-0160', 'CVE-2017-5638', 'CVE-2018-9276', 'CVE-2016-10033'])).status, 0);
    assert.equal(v('feed', 'import', 'kev', path.join(testdata, 'kev/known_exploited_vulnerabilities.json')).status, 0);
    const r = v('demo', 'seed');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /示範機關（展示用） \(2\.16\.886\.101\.99001\)/);
    const admin = r.stdout.match(/demoadmin {2}password ([A-Za-z0-9]{16})/)[1];
    const user = r.stdout.match(/demouser {3}password ([A-Za-z0-9]{16})/)[1];
    assert.match(r.stdout, /inventory\.csv: 16 assets; \d+ findings/);
    assert.match(r.stdout, /webshop\.cdx\.json: \d+ assets; \d+ findings/);
    assert.match(v('org', 'list').stdout, /2\.16\.886\.101\.99001\toid\tB\t示範機關（展示用）/);
    const assets = v('asset', 'list', '--org', '2.16.886.101.99001').stdout;
    assert.match(assets, /OpenSSL/);
    assert.match(assets, /phpmailer/i);
    assert.match(assets, /SIMATIC S7-1200/);
    const findings = v('finding', 'list', '--org', '2.16.886.101.99001').stdout;
    for (const cve of ['CVE-2014-0160', 'CVE-2017-5638', 'CVE-2018-9276', 'CVE-2016-10033']) assert.match(findings, new RegExp(cve));
    const notices = v('notice', 'run');
    assert.match(notices.stdout, /^\d+ notices in 1 organisation batches: 2 notifications, 2 mails/);
    // a second run leaves it alone
    const again = v('demo', 'seed');
    assert.equal(again.status, 0);
    assert.match(again.stdout, /not added/);
    // the printed passwords work (the second factor is the e-mail code)
    const vans = await startVans({ db, env });
    try {
      for (const [name, pw] of [['demoadmin', admin], ['demouser', user]]) {
        const c = new Client(vans.url);
        const res = await submit(c, '/login', { username: name, password: pw, next: '/account' });
        assert.equal(res.status, 303, name);
        assert.match(res.headers.get('location'), /^\/login\/verify|^\/account/, name);
      }
    } finally {
      await vans.stop();
    }
  } finally {
    await smtp.stop();
  }
});

test('make run calls vans demo seed after loading the knowledge base', () => {
  assert.match(runVans(['help', 'demo']).stdout, /vans demo seed/);
  const runDev = readFileSync(path.join(root, 'scripts/run-dev'), 'utf8');
  assert.ok(runDev.indexOf('demo seed') > runDev.indexOf('feed import'), 'after the feeds, so the demo is matched');
  assert.doesNotMatch(readFileSync(path.join(root, 'src/cli/cmd_serve.c'), 'utf8'), /demo/);
});
