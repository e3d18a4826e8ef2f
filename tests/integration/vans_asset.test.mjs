// Assets end to end: `vans asset import` of CSV, CycloneDX and SPDX files (all-or-nothing
// and --keep-valid), `vans asset list` as TSV and JSON, the VANS upload API of DESIGN §2 with
// the API key in the body (the sample item, a wrong key, another organisation's oid, v1
// items), /api/v1/assets with API keys, and one organisation never seeing another's assets.
// Runs on SQLite and on PostgreSQL (freshDb).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { bin, freshDb, runVans, startVans, tempDir, testdata } from '../lib/vans.mjs';
import { fillTemplate, headerOf } from '../lib/xlsx.mjs';
import { miniFeed } from '../lib/feeds.mjs';

const OID_A = '2.16.886.105.100010';
const OID_B = '2.16.886.101.90001';

function setup() {
  const dir = tempDir();
  const db = freshDb(dir);
  for (const [name, oid] of [['國家資通安全研究院', OID_A], ['另一機關', OID_B]]) {
    const r = runVans(['--db', db, 'org', 'add', '--name', name, '--oid', oid, '--level', 'A']);
    assert.equal(r.status, 0, r.stderr);
  }
  return { dir, db };
}

function list(db, oid, format = 'json') {
  const r = runVans(['--db', db, 'asset', 'list', '--org', oid, '--format', format]);
  assert.equal(r.status, 0, r.stderr);
  return format === 'json' ? JSON.parse(r.stdout).assets : r.stdout;
}

const CSV = `資產類別,資產群組代碼,資產識別碼,資產名稱,廠牌,版本,CPE,數量
資通系統資產,finance01,host-01,Microsoft Access 2016,Microsoft Corporation,16.0.4266.1001,cpe:2.3:a:microsoft:access:2016:*:*:*:*:*:*:*,1
使用者電腦資產,,pc-17,Google Chrome,Google LLC,120.0.6099.109,N/A,25
網通設備資產,,fw-01,FortiOS,Fortinet,7.2.4,cpe:/o:fortinet:fortios:7.2.4,2
`;

const BAD_CSV = `Category,Asset name,Vendor,Version,CPE,Quantity
System,Apache HTTP Server,Apache,2.4.58,cpe:2.3:a:apache:http_server:2.4.58:*:*:*:*:*:*:*,1
,nginx,F5,1.25.3,,1
System,OpenSSL,OpenSSL,3.0.12,cpe:not-a-cpe,many
`;

test('CSV import: stored, listed as TSV and JSON, CPE 2.2 stored as 2.3, N/A means none, groups made', () => {
  const { dir, db } = setup();
  const file = path.join(dir, 'assets.csv');
  writeFileSync(file, CSV);
  const r = runVans(['--db', db, 'asset', 'import', '--org', OID_A, file]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /csv, 3 rows: 3 added, 0 updated, 0 rejected/);
  assert.match(r.stdout, /^matching: \d+ hosts/m);
  const assets = list(db, OID_A);
  assert.equal(assets.length, 3);
  const forti = assets.find((a) => a.name === 'FortiOS');
  assert.equal(forti.cpe, 'cpe:2.3:o:fortinet:fortios:7.2.4:*:*:*:*:*:*:*');
  assert.equal(forti.cpe_origin, 'given');
  assert.equal(forti.category, 'network');
  const chrome = assets.find((a) => a.name === 'Google Chrome');
  assert.equal(chrome.cpe, '');
  assert.equal(chrome.cpe_origin, 'none');
  assert.equal(chrome.category, 'pc');
  assert.equal(chrome.quantity, 25);
  assert.equal(assets.find((a) => a.name === 'Microsoft Access 2016').group, 'finance01');
  const tsv = list(db, OID_A, 'tsv').trim().split('\n');
  assert.equal(tsv[0], 'id\tgroup\tcategory\tidentifier\tname\tvendor\tversion\tcpe\tcpe_origin\tquantity');
  assert.equal(tsv.length, 4);
  assert.ok(tsv.some((l) => l.includes('\tfw-01\tFortiOS\tFortinet\t7.2.4\t')));
  // the other organisation has none of them
  assert.equal(list(db, OID_B).length, 0);
  // importing again updates rather than duplicates
  const again = runVans(['--db', db, 'asset', 'import', '--org', OID_A, file]);
  assert.match(again.stdout, /3 rows: 0 added, 3 updated/);
  assert.equal(list(db, OID_A).length, 3);
});

test('all-or-nothing: errors as FILE:LINE: FIELD: reason, exit 1, nothing stored; --keep-valid keeps the valid rows', () => {
  const { dir, db } = setup();
  const file = path.join(dir, 'bad.csv');
  writeFileSync(file, BAD_CSV);
  const r = runVans(['--db', db, 'asset', 'import', '--org', OID_A, file]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: category: the category is required`, 'm'));
  assert.match(r.stderr, /bad\.csv:4: cpe: not a CPE 2\.3 name/);
  assert.match(r.stderr, /bad\.csv:4: quantity: /);
  assert.match(r.stderr, /nothing stored/);
  assert.equal(list(db, OID_A).length, 0);
  const k = runVans(['--db', db, 'asset', 'import', '--org', OID_A, '--keep-valid', file]);
  assert.equal(k.status, 0, k.stderr);
  assert.match(k.stdout, /3 rows: 1 added, 0 updated, 2 rejected/);
  const assets = list(db, OID_A);
  assert.deepEqual(assets.map((a) => a.name), ['Apache HTTP Server']);
  // --group and --category on the command line
  const g = runVans(['--db', db, 'asset', 'import', '--org', OID_A, '--keep-valid', '--group', 'web', file]);
  assert.equal(g.status, 0, g.stderr);
  assert.equal(list(db, OID_A)[0].group, 'web');
});

test('XLSX: the generated template, filled with real products, imports; the English one too', () => {
  const { dir, db } = setup();
  const tpl = spawnSync(bin, ['asset', 'template', '--lang', 'zh-TW', '--format', 'xlsx']);
  assert.equal(tpl.status, 0, String(tpl.stderr));
  assert.deepEqual(headerOf(tpl.stdout).slice(0, 4), ['資產類別', '資產群組代碼', '資產識別碼', '資產名稱']);
  const file = path.join(dir, '資產清冊.xlsx');
  writeFileSync(file, fillTemplate(tpl.stdout, [
    ['資通系統資產', 'erp', 'srv-erp-01', 'Microsoft SQL Server 2019', 'Microsoft', '15.0.4345.5', 'cpe:2.3:a:microsoft:sql_server_2019:15.0.4345.5:*:*:*:*:*:*:*', '', '1', 'KB5029378', '林工程師', '資訊室'],
    ['資通系統資產', 'erp', 'srv-erp-01', 'Windows Server 2019', 'Microsoft', '10.0.17763.5329', 'cpe:2.3:o:microsoft:windows_server_2019:-:*:*:*:*:*:*:*', '', '1', 'KB5034127, KB5034768'],
    ['使用者電腦資產', '', 'pc-0101', 'Adobe Acrobat Reader DC', 'Adobe', '23.008.20470', 'N/A', '', '120'],
    ['網通設備資產', '', 'sw-core', 'Cisco IOS XE', 'Cisco', '17.9.4a', 'cpe:/o:cisco:ios_xe:17.9.4a', '', '2'],
    ['工業控制系統資產', '', 'plc-07', 'SIMATIC S7-1500 CPU 1516-3 PN/DP', 'Siemens', '2.9.4', '', '', '4'],
  ]));
  const r = runVans(['--db', db, 'asset', 'import', '--org', OID_A, file]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /xlsx, 5 rows: 5 added/);
  const assets = list(db, OID_A);
  assert.equal(assets.length, 5);
  const win = assets.find((a) => a.name === 'Windows Server 2019');
  assert.equal(win.group, 'erp');
  assert.equal(win.kb_ids, 'KB5034127,KB5034768');
  assert.equal(assets.find((a) => a.name === 'Cisco IOS XE').cpe, 'cpe:2.3:o:cisco:ios_xe:17.9.4a:*:*:*:*:*:*:*');
  assert.equal(assets.find((a) => a.name.startsWith('SIMATIC')).category, 'ics');
  assert.equal(assets.find((a) => a.name === 'Adobe Acrobat Reader DC').quantity, 120);
  // an error in the workbook: row and column named, nothing stored
  const bad = path.join(dir, 'bad.xlsx');
  writeFileSync(bad, fillTemplate(tpl.stdout, [['資通系統資產', '', 'x', 'Product X', '', '', '', '', '0']]));
  const rb = runVans(['--db', db, 'asset', 'import', '--org', OID_B, bad]);
  assert.equal(rb.status, 1);
  assert.match(rb.stderr, /bad\.xlsx:2: quantity: /);
  assert.equal(list(db, OID_B).length, 0);
  // the English template and CSV templates read back as headers
  const en = spawnSync(bin, ['asset', 'template', '--lang', 'en', '--format', 'xlsx']);
  assert.deepEqual(headerOf(en.stdout).slice(0, 4), ['Category', 'Asset group code', 'Asset identifier', 'Asset name']);
  const csvTpl = spawnSync(bin, ['asset', 'template', '--lang', 'en', '--format', 'csv']).stdout.toString();
  const enFile = path.join(dir, 'en.csv');
  writeFileSync(enFile, csvTpl + 'Network device,,r1,MikroTik RouterOS,MikroTik,7.12,,,1\n');
  assert.equal(runVans(['--db', db, 'asset', 'import', '--org', OID_B, enFile]).status, 0);
  assert.equal(list(db, OID_B)[0].category, 'network');
});

test('CycloneDX and SPDX samples import; the SBOM components become assets', { skip: !existsSync(path.join(testdata, 'sbom')) }, () => {
  const { db } = setup();
  const cdx = path.join(testdata, 'sbom/cyclonedx-examples/SBOM/keycloak-10.0.2/bom.json');
  const r = runVans(['--db', db, 'asset', 'import', '--org', OID_A, '--category', 'system', cdx]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /cyclonedx-json, \d+ rows/);
  const xml = path.join(testdata, 'sbom/cyclonedx-examples/SBOM/keycloak-10.0.2/bom.xml');
  const rx = runVans(['--db', db, 'asset', 'import', '--org', OID_A, xml]);
  assert.equal(rx.status, 0, rx.stderr);
  assert.match(rx.stdout, /cyclonedx-xml, \d+ rows: 0 added/);
  const spdx = path.join(testdata, 'sbom/spdx/spdx-spec-v2.3-examples/SPDXJSONExample-v2.3.spdx.json');
  const s = runVans(['--db', db, 'asset', 'import', '--org', OID_A, spdx]);
  assert.equal(s.status, 0, s.stderr);
  assert.match(s.stdout, /spdx-json, 4 rows: 4 added/);
  const assets = list(db, OID_A);
  assert.ok(assets.length > 500, `${assets.length} assets`);
  // an SBOM describes one system: its components share the subject's name@version as their host
  assert.ok(assets.filter((a) => a.identifier === 'keycloak-parent@10.0.2').length > 500);
  assert.ok(!assets.some((a) => a.identifier === ''));
  assert.ok(assets.some((a) => a.purl.startsWith('pkg:maven/')));
  assert.ok(assets.some((a) => a.cpe.startsWith('cpe:2.3:')));
  // an SBOM with errors in another format is refused with its reason
  const tv = path.join(testdata, 'sbom/spdx/spdx-spec-v2.3-examples/SPDXTagExample-v2.3.spdx');
  const t = runVans(['--db', db, 'asset', 'import', '--org', OID_A, tv]);
  assert.equal(t.status, 1);
  assert.match(t.stderr, /SPDX tag-value/);
});

// The VANS 2.0 sample of DESIGN §2.
const SAMPLE = {
  oid: OID_A, orgName: '國家資通安全研究院', identifier: '4044995670156060910', assetGroupCode: 'finance01',
  assetName: 'Microsoft Access 2016', brand: 'Microsoft Corporation', version: '16.0.4266.1001',
  cpe: 'cpe:2.3:a:microsoft:access:2016:*:*:*:*:*:*:*', cpeName: 'Microsoft Access 2016',
};

let srv, db, keyA, keyB;
before(async () => {
  let dir;
  ({ db, dir } = setup());
  // two real CVEs of Microsoft Access 2016, so that the sample has findings to show
  if (existsSync(path.join(testdata, 'nvd/feeds-1.1/extra-2018'))) {
    const r = runVans(['--db', db, 'feed', 'import', 'nvd', miniFeed(dir, ['CVE-2018-0903', 'CVE-2018-8312'])]);
    assert.equal(r.status, 0, r.stderr);
  }
  keyA = runVans(['--db', db, 'apikey', 'create', '--org', OID_A, '--name', 'uploader']).stdout.trim();
  keyB = runVans(['--db', db, 'apikey', 'create', '--org', OID_B, '--name', 'uploader']).stdout.trim();
  assert.equal(keyA.length, 88);
  srv = await startVans({ db });
});
after(async () => { await srv?.stop(); });

const post = (p, body) => fetch(srv.url + p, {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
});
const api = (p, key, opts = {}) => fetch(srv.url + p, {
  ...opts, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...(opts.headers ?? {}) },
});

test('the VANS 2.0 sample with an API key: 200, item results, the asset listed in group finance01, its findings at once', async () => {
  const res = await post('/vans2/asset/InsertServerUnitproduct', { api_key: keyA, data: [SAMPLE] });
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.total, 1);
  assert.equal(body.accepted, 1);
  assert.deepEqual(body.results, [{ index: 0, status: 'ok' }]);
  assert.equal(typeof body.match.findings_active, 'number');
  const assets = list(db, OID_A);
  const a = assets.find((x) => x.identifier === SAMPLE.identifier);
  assert.ok(a, 'the asset is listed');
  assert.equal(a.name, 'Microsoft Access 2016');
  assert.equal(a.group, 'finance01');
  assert.equal(a.cpe, SAMPLE.cpe);
  assert.equal(a.cpe_title, 'Microsoft Access 2016');
  // and through the JSON API with the same key
  const l = await (await api('/api/v1/assets?name=access', keyA)).json();
  assert.ok(l.assets.some((x) => x.identifier === SAMPLE.identifier));
  // its findings, right away, through the findings API with the same key
  if (!existsSync(path.join(testdata, 'nvd/feeds-1.1/extra-2018'))) return;
  assert.equal(body.match.findings_new, 2);
  const f = await (await api('/api/v1/findings?asset=Microsoft+Access', keyA)).json();
  assert.deepEqual(f.items.map((x) => x.cve_id).sort(), ['CVE-2018-0903', 'CVE-2018-8312']);
  for (const x of f.items) assert.equal(x.confidence, 100);
  // and organisation B's key sees none of them
  const fb = await (await api('/api/v1/findings?asset=Microsoft+Access', keyB)).json();
  assert.equal(fb.total, 0);
});

test('a missing or wrong key: 401 JSON, nothing stored', async () => {
  const before = list(db, OID_A).length;
  for (const body of [{ api_key: 'x'.repeat(88), data: [{ ...SAMPLE, identifier: 'nope-1' }] },
    { data: [{ ...SAMPLE, identifier: 'nope-2' }] }, { api_key: keyA.slice(0, 87) + (keyA[87] === 'A' ? 'B' : 'A'), data: [SAMPLE] }]) {
    const res = await post('/vans2/asset/InsertServerUnitproduct', body);
    assert.equal(res.status, 401);
    assert.equal((await res.json()).error.code, 'unauthenticated');
  }
  const v1 = await post('/rest/vans/InsertSystemUnitproduct', { api_key: 'wrong', data: [] });
  assert.equal(v1.status, 401);
  assert.equal(list(db, OID_A).length, before);
});

test('item by item: another organisation\'s oid refused with its reason, "N/A" cpe accepted, purl names kept', async () => {
  const res = await post('/vans2/asset/InsertServerUnitproduct', {
    api_key: keyA,
    data: [
      { ...SAMPLE, oid: OID_B, identifier: 'other-org' },
      { ...SAMPLE, identifier: 'pc-na', assetName: 'Notepad++', brand: 'Notepad++ Team', version: '8.6.2', cpe: 'N/A', cpeName: 'N/A' },
      { ...SAMPLE, identifier: 'node-1', assetGroupCode: 'apps', assetName: 'pkg:npm/lodash@4.17.20', brand: 'N/A', version: 'N/A', cpe: 'N/A', cpeName: 'N/A' },
      { ...SAMPLE, identifier: 'bad-cpe', cpe: 'cpe:nonsense' },
      { oid: OID_A, assetName: 'no other fields' },
    ],
  });
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.accepted, 2);
  assert.equal(body.rejected, 3);
  assert.equal(body.results[0].status, 'rejected');
  assert.match(body.results[0].reason, new RegExp(`oid ${OID_B.replace(/\./g, '\\.')} is not the organisation`));
  assert.equal(body.results[1].status, 'ok');
  assert.equal(body.results[2].status, 'ok');
  assert.match(body.results[3].reason, /^cpe: /);
  assert.match(body.results[4].reason, /missing/);
  const assets = list(db, OID_A);
  assert.ok(!assets.some((a) => a.identifier === 'other-org'));
  assert.equal(list(db, OID_B).length, 0);
  const np = assets.find((a) => a.identifier === 'pc-na');
  assert.equal(np.cpe, '');
  assert.equal(np.cpe_origin, 'none');
  const lodash = assets.find((a) => a.identifier === 'node-1');
  assert.equal(lodash.purl, 'pkg:npm/lodash@4.17.20');
  assert.equal(lodash.version, '4.17.20');
  assert.equal(lodash.vendor, '');
  assert.equal(lodash.group, 'apps');
});

test('v1 items (InsertSystemUnitproduct)', async () => {
  const res = await post('/rest/vans/InsertSystemUnitproduct', {
    api_key: keyA,
    data: [{ oid: OID_A, unit_name: '國家資通安全研究院', asset_number: 'srv-v1', product_name: 'nginx', product_vendor: 'F5',
      product_version: '1.25.3', category: 'software', cpe23: 'cpe:2.3:a:f5:nginx:1.25.3:*:*:*:*:*:*:*', product_cpename: 'F5 Nginx 1.25.3' },
    { oid: OID_A, unit_name: 'x', asset_number: 'srv-v1', product_name: 'y', product_vendor: '', product_version: '',
      category: 'firmware', cpe23: 'N/A', product_cpename: 'N/A' }],
  });
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.deepEqual(body.results.map((x) => x.status), ['ok', 'rejected']);
  assert.match(body.results[1].reason, /software.*hardware/);
  const a = list(db, OID_A).find((x) => x.identifier === 'srv-v1');
  assert.equal(a.cpe, 'cpe:2.3:a:f5:nginx:1.25.3:*:*:*:*:*:*:*');
  assert.equal(a.group, 'DEFAULT');
});

test('organisations are isolated in /api/v1/assets: B cannot read, change or delete A\'s asset by id', async () => {
  const mine = await (await api('/api/v1/assets?identifier=4044995670156060910', keyA)).json();
  const id = mine.assets[0].id;
  assert.equal((await api(`/api/v1/assets/${id}`, keyA)).status, 200);
  assert.equal((await api(`/api/v1/assets/${id}`, keyB)).status, 404);
  assert.equal((await api(`/api/v1/assets/${id}/cpe-candidates`, keyB)).status, 404);
  const put = await api(`/api/v1/assets/${id}`, keyB, { method: 'PUT', body: JSON.stringify({ name: 'pwned', category: 'system' }) });
  assert.equal(put.status, 404);
  assert.equal((await api(`/api/v1/assets/${id}`, keyB, { method: 'DELETE' })).status, 404);
  const listB = await (await api('/api/v1/assets', keyB)).json();
  assert.equal(listB.total, 0);
  assert.equal((await (await api(`/api/v1/assets/${id}`, keyA)).json()).name, 'Microsoft Access 2016');
  // A changes and deletes its own
  const ok = await api(`/api/v1/assets/${id}`, keyA, { method: 'PUT',
    body: JSON.stringify({ category: 'system', identifier: '4044995670156060910', name: 'Microsoft Access 2016', vendor: 'Microsoft Corporation',
      version: '16.0.5000.1000', cpe: 'cpe:2.3:a:microsoft:access:2016:*:*:*:*:*:*:*', group: 'finance01' }) });
  assert.equal(ok.status, 200, await ok.clone().text());
  assert.equal((await ok.json()).version, '16.0.5000.1000');
  const created = await api('/api/v1/assets', keyA, { method: 'POST', body: JSON.stringify({ name: 'PostgreSQL', vendor: 'PostgreSQL', version: '16.1', category: 'system', identifier: 'db-01', quantity: 1 }) });
  assert.equal(created.status, 201, await created.clone().text());
  const cid = (await created.json()).asset.id;
  const invalid = await api('/api/v1/assets', keyA, { method: 'POST', body: JSON.stringify({ vendor: 'x', cpe: 'cpe:bad' }) });
  assert.equal(invalid.status, 422);
  const details = (await invalid.json()).error.details.map((d) => d.field).sort();
  assert.deepEqual(details, ['cpe', 'name']);
  assert.equal((await api(`/api/v1/assets/${cid}`, keyA, { method: 'DELETE' })).status, 200);
  assert.equal((await api(`/api/v1/assets/${cid}`, keyA)).status, 404);
});
