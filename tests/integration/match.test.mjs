// `vans match` as other tools use it: the CVE IDs for one host with the given CPEs, sorted,
// one per line; a file of CPEs as hosts of their own, CPE<TAB>CVE-ID lines; --explain; and
// the answers follow the knowledge base as feeds change. Runs on SQLite and on PostgreSQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { freshDb, runVans, tempDir } from '../lib/vans.mjs';

const cve = (id, modified, configurations, status = 'Analyzed') => ({
  cve: {
    id, published: '2021-01-01T00:00:00.000', lastModified: modified, vulnStatus: status,
    descriptions: [{ lang: 'en', value: `${id} test record` }], metrics: {}, references: [], configurations,
  },
});
const node = (...cpeMatch) => ({ nodes: [{ operator: 'OR', negate: false, cpeMatch }] });
const vuln = (criteria, extra = {}) => ({ vulnerable: true, criteria, ...extra });

const log4j = 'cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*';
const firmware = 'cpe:2.3:o:acme:router_firmware:1.2:*:*:*:*:*:*:*';
const device = 'cpe:2.3:h:acme:router:-:*:*:*:*:*:*:*';

const feed = (vulnerabilities) => JSON.stringify({
  format: 'NVD_CVE', version: '2.0', timestamp: '2026-01-01T00:00:00.000', vulnerabilities,
});

function knowledgeBase() {
  const dir = tempDir();
  const db = freshDb(dir);
  const file = path.join(dir, 'feed.json');
  writeFileSync(file, feed([
    cve('CVE-2021-44228', '2021-12-20T00:00:00.000',
      [node(vuln('cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*', { versionStartIncluding: '2.0-beta9', versionEndExcluding: '2.15.0' }))]),
    cve('CVE-2021-45046', '2021-12-20T00:00:00.000',
      [node(vuln('cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*', { versionStartIncluding: '2.0-beta9', versionEndExcluding: '2.16.0' }))]),
    cve('CVE-2021-9999', '2021-12-20T00:00:00.000',
      [node(vuln('cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*'))]),
    // firmware running on the device: both CPEs of the same host are needed
    cve('CVE-2022-0001', '2022-02-01T00:00:00.000', [{
      operator: 'AND',
      nodes: [
        { operator: 'OR', negate: false, cpeMatch: [vuln('cpe:2.3:o:acme:router_firmware:*:*:*:*:*:*:*:*', { versionEndExcluding: '2.0' })] },
        { operator: 'OR', negate: false, cpeMatch: [{ vulnerable: false, criteria: 'cpe:2.3:h:acme:router:-:*:*:*:*:*:*:*' }] },
      ],
    }]),
    cve('CVE-2021-0002', '2021-12-20T00:00:00.000', [node(vuln('cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*'))], 'Rejected'),
  ]));
  const r = runVans(['--db', db, 'feed', 'import', 'nvd', file]);
  assert.equal(r.status, 0, r.stderr);
  return { db, dir };
}

test('one host: the CVE IDs, sorted by year then number, one per line', () => {
  const { db } = knowledgeBase();
  const r = runVans(['--db', db, 'match', '--cpe', log4j]);
  assert.equal(r.status, 0, r.stderr);
  // the rejected CVE never matches; 9999 sorts before 44228
  assert.equal(r.stdout, 'CVE-2021-9999\nCVE-2021-44228\nCVE-2021-45046\n');
  assert.equal(runVans(['--db', db, 'match', '--cpe', 'cpe:2.3:a:apache:log4j:2.16.0:*:*:*:*:*:*:*']).stdout, '');
  // the 2.2 URI binding names the same CPE
  assert.equal(runVans(['--db', db, 'match', '--cpe', 'cpe:/a:apache:log4j:2.15.0']).stdout, 'CVE-2021-45046\n');
});

test('running on: firmware and device CPEs of one host together, not apart', () => {
  const { db } = knowledgeBase();
  assert.equal(runVans(['--db', db, 'match', '--cpe', firmware]).stdout, '');
  assert.equal(runVans(['--db', db, 'match', '--cpe', device]).stdout, '');
  const both = runVans(['--db', db, 'match', '--cpe', device, '--cpe', firmware, '--cpe', log4j]);
  assert.equal(both.status, 0, both.stderr);
  assert.equal(both.stdout, 'CVE-2021-9999\nCVE-2021-44228\nCVE-2021-45046\nCVE-2022-0001\n');
});

test('--explain says how sure, which CPE and which criterion, with its bounds', () => {
  const { db } = knowledgeBase();
  const r = runVans(['--db', db, 'match', '--cpe', device, '--cpe', firmware, '--cpe', log4j, '--explain']);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => l.split('\t'));
  assert.deepEqual(lines[0], ['CVE-2021-9999', '100', log4j, 'cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*', '-']);
  assert.deepEqual(lines[1], ['CVE-2021-44228', '90', log4j, 'cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*', '>=2.0-beta9 <2.15.0']);
  assert.deepEqual(lines[3], ['CVE-2022-0001', '90', firmware, 'cpe:2.3:o:acme:router_firmware:*:*:*:*:*:*:*:*', '<2.0']);
});

test('a CPE file: each line a host of its own, CPE<TAB>CVE-ID lines in file order', () => {
  const { db, dir } = knowledgeBase();
  const file = path.join(dir, 'cpes.txt');
  writeFileSync(file, `# inventory export\n${firmware}\n\n  ${log4j}  \r\n${device}\ncpe:2.3:a:nobody:nothing:1:*:*:*:*:*:*:*\n`);
  const r = runVans(['--db', db, 'match', '--cpe-file', file]);
  assert.equal(r.status, 0, r.stderr);
  // firmware and device are separate hosts here: no running-on finding
  assert.equal(r.stdout, [log4j, log4j, log4j].map((c, i) => `${c}\t${['CVE-2021-9999', 'CVE-2021-44228', 'CVE-2021-45046'][i]}\n`).join(''));
  // from standard input too
  const s = runVans(['--db', db, 'match', '--cpe-file', '-'], { input: `${log4j}\n` });
  assert.equal(s.stdout.split('\n').length, 4);
});

test('a line that is not a CPE is reported with its line number; the rest is still matched', () => {
  const { db, dir } = knowledgeBase();
  const file = path.join(dir, 'cpes.txt');
  writeFileSync(file, `${log4j}\nlog4j 2.14.1\n`);
  const r = runVans(['--db', db, 'match', '--cpe-file', file]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /cpes\.txt:2: not a CPE name/);
  assert.match(r.stdout, /^cpe:2\.3:a:apache:log4j:2\.14\.1:\*:\*:\*:\*:\*:\*:\*\tCVE-2021-9999\n/);
});

test('a newer version of a CVE changes the answer; usage errors exit 2', () => {
  const { db, dir } = knowledgeBase();
  const file = path.join(dir, 'newer.json');
  writeFileSync(file, feed([cve('CVE-2021-44228', '2022-01-10T00:00:00.000',
    [node(vuln('cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*', { versionStartIncluding: '2.0-beta9', versionEndExcluding: '2.12.2' }))])]));
  assert.equal(runVans(['--db', db, 'feed', 'import', 'nvd', file]).status, 0);
  assert.equal(runVans(['--db', db, 'match', '--cpe', log4j]).stdout, 'CVE-2021-9999\nCVE-2021-45046\n');

  const bad = runVans(['--db', db, 'match', '--cpe', 'apache log4j']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /"apache log4j" is not a CPE name/);
  assert.equal(runVans(['--db', db, 'match']).status, 2);
  // --org re-matches an organisation's assets (tests/integration/findings_engine.test.mjs)
  const org = runVans(['--db', db, 'match', '--org', '12']);
  assert.equal(org.status, 1);
  assert.match(org.stderr, /no organisation 12/);
  assert.equal(runVans(['--db', db, 'match', '--org', '12', '--cpe', log4j]).status, 2);
  assert.match(runVans(['help', 'match']).stdout, /--cpe-file FILE/);
});

test('an empty knowledge base matches nothing and says why', () => {
  const db = freshDb();
  const r = runVans(['--db', db, 'match', '--cpe', log4j]);
  assert.equal(r.status, 0);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /no CVE configurations yet/);
});
