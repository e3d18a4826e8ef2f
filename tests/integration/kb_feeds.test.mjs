// An operator loads every feed vans knows from files: an NVD year, the CISA KEV catalogue
// (JSON, then the same as CSV), FIRST's EPSS scores, the NVD CPE dictionary and CVE 5
// records; `vans feed status` then says what is loaded, `vans cve show` shows a KEV-listed
// CVE with its KEV and EPSS fields, a broken file is refused whole, and loading the same
// files again changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freshDb, root, runVans, tempDir, testdata } from '../lib/vans.mjs';

const files = {
  nvd: path.join(testdata, 'nvd/feeds-2.0/nvdcve-2.0-2002.json.zip'),
  kevJson: path.join(testdata, 'kev/known_exploited_vulnerabilities.json'),
  kevCsv: path.join(testdata, 'kev/known_exploited_vulnerabilities.csv'),
  epss: path.join(root, 'tests/fixtures/epss/epss_scores-2025-08-25.csv.gz'),
  cpedict: path.join(testdata, 'cpe/dictionary-2015/official-cpe-dictionary_v2.3.xml.gz'),
  cve5: path.join(testdata, 'nvd/fixtures-osv'),
};
const missing = Object.values(files).filter((f) => !existsSync(f));
const skip = missing.length > 0 && `test data absent: ${missing.join(', ')}`;

const dir = tempDir();
const db = skip ? null : freshDb(dir);
const vans = (...args) => runVans(['--db', db, ...args]);

function load(feed, file) {
  const r = vans('feed', 'import', feed, file);
  assert.equal(r.status, 0, `vans feed import ${feed} ${file}: ${r.stderr}`);
  return r.stdout;
}

test('each feed loads from its file and says what it stored', { skip }, () => {
  assert.match(load('nvd', files.nvd), /new 6771, updated 0, unchanged 0, rejected 101, skipped 0/);
  const kev = load('kev', files.kevJson);
  assert.match(kev, /catalogue 2025\.08\.25 released 2025-08-25T17:04:19\.9796Z, 1404 entries \(JSON\): new 1404,/);
  // the CSV of the same catalogue holds the same entries
  assert.match(load('kev', files.kevCsv), /CSV: no version\): new 0, updated 0, unchanged 1404,/);
  assert.match(load('epss', files.epss), /scores of 2025-08-25T00:00:00Z, model v2025\.03\.14, 11 CVEs: new 11,/);
  assert.match(load('cpedict', files.cpedict),
    /dictionary of 2015-10-14T03:50:00\.163Z .*101371 names: new 101371, updated 0, unchanged 0/);
  assert.match(load('cve5', files.cve5),
    /24 CVE 5 records: new 22, updated 0, unchanged 2, rejected 0, skipped 30 \(not a CVE 5 record/);
});

test('vans feed status shows what is loaded and when', { skip }, () => {
  const r = vans('feed', 'status');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^cves\t6793 \(rejected 101, from CVE 5 records 22\)$/m);
  assert.match(r.stdout, /^kev\t1404 \(newest catalogue 2025\.08\.25\)$/m);
  assert.match(r.stdout, /^epss\t11 \(scores of 2025-08-25T00:00:00Z\)$/m);
  assert.match(r.stdout, /^cpe dictionary\t101371 \(deprecated 1532\)$/m);
  assert.match(r.stdout, /^cpe products\t\d+$/m);
  for (const feed of ['nvd', 'cve5', 'kev', 'epss', 'cpedict']) {
    assert.match(r.stdout, new RegExp(`^${feed}\\t\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\t`, 'm'), `a ${feed} line`);
  }
  // the last KEV import was the CSV: its line names that file
  assert.match(r.stdout, /^kev\t\S+\t\S+known_exploited_vulnerabilities\.csv\tcatalogue of 1404 entries/m);
});

test('vans cve show gives a KEV-listed CVE its KEV and EPSS fields', { skip }, () => {
  const r = vans('cve', 'show', 'CVE-2002-0367');
  assert.equal(r.status, 0, r.stderr);
  const cve = JSON.parse(r.stdout);
  assert.equal(cve.origin, 'nvd');
  assert.deepEqual(
    { ...cve.kev, shortDescription: undefined },
    {
      vendorProject: 'Microsoft', product: 'Windows', vulnerabilityName: 'Microsoft Windows Privilege Escalation Vulnerability',
      dateAdded: '2022-03-03', dueDate: '2022-03-24', requiredAction: 'Apply updates per vendor instructions.',
      knownRansomwareCampaignUse: 'Unknown', notes: 'https://nvd.nist.gov/vuln/detail/CVE-2002-0367', cwes: '',
      catalogVersion: '2025.08.25',
      shortDescription: undefined,
    });
  assert.match(cve.kev.shortDescription, /smss\.exe debugging subsystem/);
  assert.deepEqual(cve.epss, { score: 0.88712, percentile: 0.99491, date: '2025-08-25T00:00:00Z', modelVersion: 'v2025.03.14' });
  // a CVE NVD lacks comes from its CVE 5 record, configurations from the CNA's CPE statement
  const linux = JSON.parse(vans('cve', 'show', 'CVE-2025-21772').stdout);
  assert.equal(linux.origin, 'cve5');
  assert.equal(linux.configurations[0].nodes[0].cpeMatch.length, 8);
});

test('a broken file is refused whole, with its name and line', { skip }, () => {
  const before = vans('feed', 'status').stdout.match(/^kev\t(\d+)/m)[1];
  const json = readFileSync(files.kevJson, 'utf8');
  const cut = path.join(dir, 'cut.json');
  writeFileSync(cut, json.slice(0, json.length / 2));
  const r = vans('feed', 'import', 'kev', cut);
  assert.equal(r.status, 1);
  assert.match(r.stderr, new RegExp(`vans feed import kev: ${cut.replace(/[.]/g, '\\.')}:\\d+: truncated JSON \\(nothing of this file was kept\\)`));
  assert.equal(vans('feed', 'status').stdout.match(/^kev\t(\d+)/m)[1], before);

  const csv = path.join(dir, 'bad.csv');
  writeFileSync(csv, 'cve,epss,percentile\nCVE-2002-0367,0.1,0.2\nCVE-2002-0649,zero,0.2\n');
  const e = vans('feed', 'import', 'epss', csv);
  assert.equal(e.status, 1);
  assert.match(e.stderr, /bad\.csv:3: CVE-2002-0649: epss "zero" is not a number in 0\.\.1/);
  assert.equal(JSON.parse(vans('cve', 'show', 'CVE-2002-0367').stdout).epss.score, 0.88712, 'line 2 was not kept');
});

test('loading the same files again changes nothing', { skip }, () => {
  assert.match(load('nvd', files.nvd), /new 0, updated 0, unchanged 6771/);
  assert.match(load('kev', files.kevJson), /new 0, updated 0, unchanged 1404, rejected 0, skipped 0 —/);
  assert.match(load('epss', files.epss), /new 0, updated 0, unchanged 11/);
  assert.match(load('cpedict', files.cpedict), /new 0, updated 0, unchanged 101371/);
  assert.match(load('cve5', files.cve5), /new 0, updated 0, unchanged 24/);
});

test('the import commands say how they are used', () => {
  const udb = freshDb();
  const r = runVans(['--db', udb, 'feed', 'import', 'kev']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /usage: vans feed import kev FILE/);
  assert.equal(runVans(['--db', udb, 'feed', 'import', 'kev', 'a', 'b']).status, 2);
  assert.match(runVans(['feed', '--help']).stdout, /vans feed import cpedict FILE/);
  const none = runVans(['--db', udb, 'feed', 'import', 'epss', '/nonexistent/e.csv']);
  assert.equal(none.status, 1);
  assert.match(none.stderr, /\/nonexistent\/e\.csv: cannot open/);
});
