// The due-date policy of findings: the operator reads and changes the days by level and
// severity on /admin/due-policy (a bad cell keeps the form and names the cell; nothing is
// saved), the change is audited, and a finding found afterwards takes the new days while an
// earlier one keeps its due date. `vans policy due` shows and sets the same table.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '../lib/vans.mjs';
import { PASSWORD, setUp, signIn, startPlatform } from '../lib/identity.mjs';

const OID_A = '2.16.886.101.20003';   // level A in startPlatform
let p, operator, admin;

// One critical CVE for "acme:widget" before 2.0, as NVD's API 2.0 writes it.
const feed = JSON.stringify({
  format: 'NVD_CVE', version: '2.0', timestamp: '2026-01-01T00:00:00.000',
  vulnerabilities: [{ cve: {
    id: 'CVE-2026-0001', published: '2026-01-01T00:00:00.000', lastModified: '2026-01-01T00:00:00.000',
    vulnStatus: 'Analyzed', descriptions: [{ lang: 'en', value: 'widget overflow' }],
    metrics: { cvssMetricV31: [{ source: 'nvd@nist.gov', type: 'Primary', cvssData: {
      version: '3.1', vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', baseScore: 9.8, baseSeverity: 'CRITICAL' } }] },
    references: [],
    configurations: [{ nodes: [{ operator: 'OR', negate: false, cpeMatch: [
      { vulnerable: true, criteria: 'cpe:2.3:a:acme:widget:*:*:*:*:*:*:*:*', versionEndExcluding: '2.0' }] }] }],
  } }],
});

function importHost(identifier) {
  const file = path.join(p.dir, `${identifier}.csv`);
  const header = p.cli('asset', 'template', '--lang', 'en', '--format', 'csv').split('\n')[0];
  writeFileSync(file, `${header}\nSystem,,${identifier},Widget,Acme,1.5,cpe:2.3:a:acme:widget:1.5:*:*:*:*:*:*:*,,1,,,,,\n`);
  p.cli('asset', 'import', '--org', OID_A, file);
}

function dueDays(identifier) {
  const rows = JSON.parse(p.cli('finding', 'list', '--org', OID_A, '--format', 'json'));
  const f = rows.find((x) => x.asset_identifier === identifier);
  assert.ok(f, `a finding on ${identifier}`);
  const first = new Date(`${f.first_seen}T00:00:00Z`), due = new Date(`${f.due_date}T00:00:00Z`);
  return Math.round((due - first) / 86400000);
}

before(async () => {
  p = await startPlatform();
  await setUp(p, 'operator1');
  await setUp(p, 'adminA01');
  operator = await signIn(p, 'operator1', PASSWORD, { email: 'operator@vans.test' });
  admin = await signIn(p, 'adminA01', PASSWORD, { email: 'admin-a@ey.gov.tw' });
  const f = path.join(p.dir, 'feed.json');
  writeFileSync(f, feed);
  p.cli('feed', 'import', 'nvd', f);
});
after(async () => { await p?.stop(); });

test('the operator sees the policy grid seeded by the migration, as a page and as JSON', async () => {
  const page = await (await operator.get('/admin/due-policy')).text();
  assert.match(page, /修補期限政策|Due-date policy/);
  assert.match(page, /name="days_A_CRITICAL" value="7"/);
  assert.match(page, /name="days_C_LOW" value="180"/);
  const api = await (await operator.get('/api/v1/admin/due-policy')).json();
  assert.deepEqual(api.days_by_level.A, { CRITICAL: 7, HIGH: 14, MEDIUM: 30, LOW: 90 });
  assert.equal((await admin.get('/admin/due-policy')).status, 403, 'an organisation administrator may not');
});

test('a finding found after the operator shortens the days takes the new policy; an earlier one keeps its date', async () => {
  importHost('host-before');
  assert.equal(dueDays('host-before'), 7, 'level A, critical: 7 days from the seeded policy');

  const page = await (await operator.get('/admin/due-policy')).text();
  const fields = { _csrf: Client.csrfFrom(page) };
  for (const m of page.matchAll(/name="(days_[A-E]_[A-Z]+)" value="(\d*)"/g)) fields[m[1]] = m[2];
  // a bad cell: nothing is saved and the form says which one
  const bad = await operator.post('/admin/due-policy', { ...fields, days_A_CRITICAL: '3', days_B_HIGH: 'soon' });
  assert.equal(bad.status, 422);
  const badPage = await bad.text();
  assert.match(badPage, /B \/ (高|High) \(HIGH\): soon/);
  assert.match(badPage, /name="days_A_CRITICAL" value="3"/, 'the typed values stay in the form');
  assert.match(p.cli('policy', 'due'), /^A\t7\t14\t30\t90$/m, 'nothing was saved');

  const ok = await operator.post('/admin/due-policy', { ...fields, days_A_CRITICAL: '3' });
  assert.equal(ok.status, 303);
  assert.match(p.cli('policy', 'due'), /^A\t3\t14\t30\t90$/m);
  assert.match(p.cli('audit', 'list'), /operator1\tdue_policy\.update\tdue_policy\t[^\n]*A\/CRITICAL 7→3/);

  importHost('host-after');
  assert.equal(dueDays('host-after'), 3, 'the new finding takes 3 days');
  assert.equal(dueDays('host-before'), 7, 'the earlier finding keeps its due date');
});

test('vans policy due set checks level, severity and days and names the wrong one', () => {
  assert.throws(() => p.cli('policy', 'due', 'set', 'F', 'HIGH', '3'), /level: "F" is not one of A, B, C, D, E/);
  assert.throws(() => p.cli('policy', 'due', 'set', 'B', 'SEVERE', '3'), /severity: "SEVERE"/);
  assert.throws(() => p.cli('policy', 'due', 'set', 'B', 'HIGH', '0'), /days: "0" is not a whole number from 1 to 3650/);
  assert.match(p.cli('policy', 'due', 'set', 'b', 'high', '21'), /level B, HIGH: 21 days/);
  assert.match(p.cli('policy', 'due'), /^B\t14\t21\t60\t120$/m);
});
