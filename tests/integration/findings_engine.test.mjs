// The engine end to end on the command line: a feed, an organisation's assets, `vans match
// --org` and `vans finding list` (TSV and JSON), then a newer feed and a KEV catalogue whose
// import refreshes only what changed and reports it. Runs on SQLite and on PostgreSQL.
//
// The assets come in through `vans asset import` (which matches the hosts it touched).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { dbEngine, freshDb, pgCluster, runVans, tempDir } from '../lib/vans.mjs';

const cve = (id, modified, configurations, { status = 'Analyzed', severity = 'HIGH', score = 7.5 } = {}) => ({
  cve: {
    id, published: '2021-01-01T00:00:00.000', lastModified: modified, vulnStatus: status,
    descriptions: [{ lang: 'en', value: `${id} test record` }],
    metrics: {
      cvssMetricV31: [{
        source: 'nvd@nist.gov', type: 'Primary',
        cvssData: {
          version: '3.1', vectorString: severity === 'CRITICAL'
            ? 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' : 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
          baseScore: score, baseSeverity: severity,
        },
      }],
    },
    references: [], configurations,
  },
});
const node = (...cpeMatch) => ({ nodes: [{ operator: 'OR', negate: false, cpeMatch }] });
const vuln = (criteria, extra = {}) => ({ vulnerable: true, criteria, ...extra });
const feed = (vulnerabilities) => JSON.stringify({
  format: 'NVD_CVE', version: '2.0', timestamp: '2026-01-01T00:00:00.000', vulnerabilities,
});

const kevCatalogue = (entries) => JSON.stringify({
  title: 'CISA Catalog of Known Exploited Vulnerabilities', catalogVersion: '2026.01.02',
  dateReleased: '2026-01-02T00:00:00.000Z', count: entries.length,
  vulnerabilities: entries.map(([cveID, dueDate]) => ({
    cveID, vendorProject: 'Apache', product: 'Log4j', vulnerabilityName: 'test', dateAdded: '2026-01-01',
    shortDescription: 'test', requiredAction: 'patch', dueDate, knownRansomwareCampaignUse: 'Known', notes: '', cwes: [],
  })),
});

// What no command shows: the pending notices.
function sql(db, text) {
  if (dbEngine === 'postgres') return pgCluster.psql(text, new URL(db).pathname.slice(1));
  const r = spawnSync('sqlite3', [db, text], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

const HEADER = '資產類別,資產群組代碼,資產識別碼,資產名稱,廠牌,版本,CPE,數量';
function importAssets(db, dir, org, rows) {
  const file = path.join(dir, `assets-${org}.csv`);
  writeFileSync(file, [HEADER, ...rows.map(([id, name, vendor, version, cpe]) =>
    `資通系統資產,,${id},${name},${vendor},${version},${cpe},1`)].join('\n') + '\n');
  const r = runVans(['--db', db, 'asset', 'import', '--org', org, file]);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

const orgA = '2.16.886.105.100010';
const orgB = '2.16.886.101.20003';

test('vans match --org writes findings, vans finding list shows them, a newer feed and KEV refresh only what changed', () => {
  const dir = tempDir();
  const db = freshDb(dir);
  const file = path.join(dir, 'feed.json');
  writeFileSync(file, feed([
    cve('CVE-2021-44228', '2021-12-20T00:00:00.000',
      [node(vuln('cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*', { versionStartIncluding: '2.0-beta9', versionEndExcluding: '2.15.0' }))],
      { severity: 'CRITICAL', score: 10.0 }),
    cve('CVE-2021-9999', '2021-12-20T00:00:00.000', [node(vuln('cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*'))]),
    cve('CVE-2021-0003', '2021-12-20T00:00:00.000', [node(vuln('cpe:2.3:a:acme:tool:*:*:*:*:*:*:*:*'))]),
    cve('CVE-2021-0002', '2021-12-20T00:00:00.000', [node(vuln('cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*'))], { status: 'Rejected' }),
  ]));
  let r = runVans(['--db', db, 'feed', 'import', 'nvd', file]);
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /findings/, 'no assets: nothing to say about findings');
  for (const [id, name, level] of [[orgA, 'Org A', 'A'], [orgB, 'Org B', 'C']]) {
    r = runVans(['--db', db, 'org', 'add', '--name', name, '--oid', id, '--level', level]);
    assert.equal(r.status, 0, r.stderr);
  }
  const imported = importAssets(db, dir, orgA, [
    ['host-1', 'Log4j', 'Apache', '2.14.1', 'cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*'],
    ['host-2', 'Log4j', 'Apache', '2.16.0', 'cpe:2.3:a:apache:log4j:2.16.0:*:*:*:*:*:*:*'],
    ['host-3', 'Tool', 'Acme', '1.0', 'cpe:2.3:a:acme:tool:1.0:*:*:*:*:*:*:*'],
    ['host-4', 'Unknown', 'Nobody', '1.0', 'N/A'],
  ]);
  // the intake matched what it stored
  assert.match(imported, /matching: 4 hosts, 4 assets, 3 active findings \(3 new, 0 reactivated, 0 inactive\)/);
  importAssets(db, dir, orgB, [['host-1', 'Log4j', 'Apache', '2.12.0', 'cpe:2.3:a:apache:log4j:2.12.0:*:*:*:*:*:*:*']]);

  r = runVans(['--db', db, 'match', '--org', orgA]);
  assert.equal(r.status, 0, r.stderr);
  // again: nothing new
  assert.match(r.stdout, /^2\.16\.886\.105\.100010 Org A: 4 hosts, 4 assets; findings: 3 active, 0 new, 0 reactivated, 0 inactive/);
  assert.equal(runVans(['--db', db, 'match', '--org', '2.16.886.999.1']).status, 1);

  r = runVans(['--db', db, 'finding', 'list', '--org', orgA, '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const list = JSON.parse(r.stdout);
  assert.deepEqual(list.map((f) => [f.asset_identifier, f.cve, f.confidence, f.severity, f.kev, f.status]), [
    ['host-1', 'CVE-2021-9999', 100, 'HIGH', false, 'open'],
    ['host-1', 'CVE-2021-44228', 90, 'CRITICAL', false, 'open'],
    ['host-3', 'CVE-2021-0003', 90, 'HIGH', false, 'open'],
  ].sort((a, b) => (a[0] + a[1]).localeCompare(b[0] + b[1])));
  const log4shell = list.find((f) => f.cve === 'CVE-2021-44228');
  assert.equal(log4shell.cvss_score, 10);
  assert.equal(log4shell.cpe, 'cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*');
  assert.equal(log4shell.asset_name, 'Log4j');
  assert.match(log4shell.first_seen, /^\d{4}-\d\d-\d\d$/);
  // level A, CRITICAL: due in 7 days
  const due = Date.parse(`${log4shell.due_date}T00:00:00Z`);
  assert.ok(Math.abs(due - (Date.now() + 7 * 86400e3)) < 2 * 86400e3, log4shell.due_date);
  // organisation B's host-1 is another host with its own findings
  assert.deepEqual(JSON.parse(runVans(['--db', db, 'finding', 'list', '--org', orgB, '--format', 'json']).stdout)
    .map((f) => [f.asset_identifier, f.cve, f.cpe]), [['host-1', 'CVE-2021-44228', 'cpe:2.3:a:apache:log4j:2.12.0:*:*:*:*:*:*:*']]);

  r = runVans(['--db', db, 'finding', 'list', '--org', orgA]);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines[0], 'asset_identifier\tasset_name\tcpe\tcve\tseverity\tcvss_score\tkev\tepss\tconfidence\tstatus\tdue_date\tfirst_seen');
  assert.equal(lines.length, 4);
  assert.match(lines.find((l) => l.includes('CVE-2021-44228')),
    /^host-1\tLog4j\tcpe:2\.3:a:apache:log4j:2\.14\.1:\*:\*:\*:\*:\*:\*:\*\tCVE-2021-44228\tCRITICAL\t10\.0\tno\t\t90\topen\t\d{4}-\d\d-\d\d\t\d{4}-\d\d-\d\d$/);

  // a newer feed: CVE-2021-9999 withdrawn (rejected), Log4Shell's range grows to 2.16.0, and
  // a CVE for a product nobody has
  writeFileSync(file, feed([
    cve('CVE-2021-44228', '2022-01-10T00:00:00.000',
      [node(vuln('cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*', { versionStartIncluding: '2.0-beta9', versionEndIncluding: '2.16.0' }))],
      { severity: 'CRITICAL', score: 10.0 }),
    cve('CVE-2021-9999', '2022-01-10T00:00:00.000', [node(vuln('cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*'))], { status: 'Rejected' }),
    cve('CVE-2022-0100', '2022-01-10T00:00:00.000', [node(vuln('cpe:2.3:a:nobody:nothing:*:*:*:*:*:*:*:*'))]),
  ]));
  r = runVans(['--db', db, 'feed', 'import', 'nvd', file]);
  assert.equal(r.status, 0, r.stderr);
  // Log4Shell concerns the three Log4j hosts (of both organisations); the rest is not looked at
  assert.match(r.stdout, /findings \(to change \d+, [\d.]+ s\): 3 changed CVEs, 3 of 5 hosts checked; findings: 3 active, 1 new, 0 reactivated, 1 inactive/);
  const all = JSON.parse(runVans(['--db', db, 'finding', 'list', '--org', orgA, '--format', 'json', '--all']).stdout);
  assert.deepEqual(all.map((f) => [f.asset_identifier, f.cve, f.active]).sort(), [
    ['host-1', 'CVE-2021-44228', true],
    ['host-1', 'CVE-2021-9999', false],
    ['host-2', 'CVE-2021-44228', true],
    ['host-3', 'CVE-2021-0003', true],
  ]);

  // KEV lists Log4Shell: every active finding of it (both organisations) gets KEV's due date
  const kev = path.join(dir, 'kev.json');
  writeFileSync(kev, kevCatalogue([['CVE-2021-44228', '2021-12-24']]));
  r = runVans(['--db', db, 'feed', 'import', 'kev', kev]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /findings \(to change \d+, [\d.]+ s\): no CVE changed; findings: 0 active, 0 new, 0 reactivated, 0 inactive, 3 newly in KEV/);
  const now = JSON.parse(runVans(['--db', db, 'finding', 'list', '--org', orgA, '--format', 'json']).stdout);
  for (const f of now.filter((x) => x.cve === 'CVE-2021-44228')) {
    assert.equal(f.kev, true);
    assert.equal(f.due_date, '2021-12-24');
  }
  // one urgent KEV notice per finding, of its own organisation; importing again adds none
  assert.equal(sql(db, "SELECT COUNT(*) FROM notice_pending WHERE reason = 'kev' AND urgent = 1"), '3');
  assert.equal(sql(db, 'SELECT COUNT(*) FROM notice_pending n JOIN findings f ON f.id = n.finding_id WHERE n.org_id <> f.org_id'), '0');
  r = runVans(['--db', db, 'feed', 'import', 'kev', kev]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(sql(db, "SELECT COUNT(*) FROM notice_pending WHERE reason = 'kev'"), '3');

  // host-2 upgraded through the intake: its finding becomes inactive, not deleted
  const upgraded = importAssets(db, dir, orgA, [['host-2', 'Log4j', 'Apache', '2.17.1', 'cpe:2.3:a:apache:log4j:2.17.1:*:*:*:*:*:*:*']]);
  assert.match(upgraded, /matching: 1 hosts, 1 assets, 0 active findings \(0 new, 0 reactivated, 1 inactive\)/);
  const after = JSON.parse(runVans(['--db', db, 'finding', 'list', '--org', orgA, '--format', 'json', '--all']).stdout);
  assert.deepEqual(after.filter((f) => f.asset_identifier === 'host-2').map((f) => [f.cve, f.active]), [['CVE-2021-44228', false]]);
});
