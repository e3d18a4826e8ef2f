// Notices from real findings, end to end on the engine under test: NVD records and the
// January 2025 KEV catalogue from the shared data, inventories of two organisations through
// `vans asset import`, `vans match --org`, `vans notice run` → mail at the real SMTP server for
// each organisation's own VANS users; then the newer KEV catalogue → urgent "newly exploited"
// notices for the finding it concerns. Skipped without the shared data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { testdata, tempDir } from '../lib/vans.mjs';
import { startPlatform, waitMail } from '../lib/identity.mjs';
import { miniFeed } from '../lib/feeds.mjs';

const OID_A = '2.16.886.101.20003', UBN_B = '04595257';
const feeds = path.join(testdata, 'nvd/feeds-1.1');
const oldKev = path.join(testdata, 'kev/history/known_exploited_vulnerabilities.2025-01-27.json');
const newKev = path.join(testdata, 'kev/known_exploited_vulnerabilities.json');
const skip = !(existsSync(feeds) && existsSync(oldKev) && existsSync(newKev)) && 'no shared data (VANS_TESTDATA)';

const HEADER = '資產類別,資產識別碼,資產名稱,廠牌,版本,CPE\n';
let p, dir;

before(async () => {
  if (skip) return;
  // the dispatcher runs when the test says (vans notice run), not in the server's thread
  p = await startPlatform({ env: { VANS_NOTICE_INTERVAL: '86400', VANS_WEBHOOK_PRIVATE_ADDRESSES: 'true' } });
  dir = tempDir('vans-notice-e2e-');
  p.cli('user', 'add', '--role', 'user', '--org', OID_A, '--username', 'userA02', '--email', 'user-a2@ey.gov.tw', '--name', '張一般');
  p.cli('user', 'add', '--role', 'user', '--org', UBN_B, '--username', 'userB02', '--email', 'user-b2@demo.com.tw', '--name', '林一般');
  p.cli('feed', 'import', 'nvd', miniFeed(dir, ['CVE-2014-0160', 'CVE-2014-0221', 'CVE-2018-9276', 'CVE-2018-19410']));
  p.cli('feed', 'import', 'kev', oldKev);
});
after(async () => { await p?.stop(); });

async function noticeRun() {
  const out = p.cli('notice', 'run');
  const m = out.match(/^(\d+) notices in (\d+) organisation batches: (\d+) notifications, (\d+) mails/);
  assert.ok(m, out);
  return { notices: Number(m[1]), mails: Number(m[4]) };
}

test('asset import and vans match --org make findings; each organisation\'s VANS users are told of their own', { skip }, async () => {
  writeFileSync(path.join(dir, 'a.csv'), HEADER +
    '資通系統資產,srv-web-01,OpenSSL,OpenSSL,1.0.1f,cpe:2.3:a:openssl:openssl:1.0.1f:*:*:*:*:*:*:*\n' +
    '資通系統資產,srv-mon-01,PRTG Network Monitor,Paessler,18.1.37.13946,cpe:2.3:a:paessler:prtg_network_monitor:18.1.37.13946:*:*:*:*:*:*:*\n');
  writeFileSync(path.join(dir, 'b.csv'), HEADER +
    '資通系統資產,b-gw-9,乙公司郵件閘道 OpenSSL,OpenSSL,1.0.1f,cpe:2.3:a:openssl:openssl:1.0.1f:*:*:*:*:*:*:*\n');
  assert.match(p.cli('asset', 'import', '--org', OID_A, path.join(dir, 'a.csv')), /2 added/);
  assert.match(p.cli('asset', 'import', '--org', UBN_B, path.join(dir, 'b.csv')), /1 added/);
  p.cli('match', '--org', OID_A);
  p.cli('match', '--org', UBN_B);
  const r = await noticeRun();
  assert.ok(r.notices >= 6, `notices: ${r.notices}`);   // A: 0160, 0221, 9276, 19410; B: 0160, 0221
  for (const to of ['admin-a@ey.gov.tw', 'user-a2@ey.gov.tw']) {
    const m = await waitMail(p.smtp, to, { match: /緊急/ });
    assert.match(m.subject, /^【緊急】\[URGENT\] .*行政院/);
    assert.match(m.text, /CVE-2014-0160/);                   // Heartbleed, in KEV since 2022
    assert.match(m.text, /CVE-2018-19410/);                  // critical
    assert.doesNotMatch(m.text, /CVE-2018-9276/, 'high, not yet in this KEV copy: the digest\'s');
    assert.doesNotMatch(m.text, /乙公司|b-gw-9/, 'nothing of B');
  }
  const mb = await waitMail(p.smtp, 'user-b2@demo.com.tw', { match: /緊急/ });
  assert.match(mb.text, /乙公司郵件閘道 OpenSSL/);
  assert.doesNotMatch(mb.text, /PRTG|srv-web-01|srv-mon-01/, 'nothing of A');
});

test('the newer KEV catalogue makes an urgent notice of a finding newly known exploited', { skip }, async () => {
  const before = p.smtp.messages().length;
  const out = p.cli('feed', 'import', 'kev', newKev);
  assert.match(out, /findings/);
  const r = await noticeRun();
  assert.ok(r.notices >= 1);
  const m = await waitMail(p.smtp, 'user-a2@ey.gov.tw', { match: /CVE-2018-9276/, ms: 20000 });
  assert.match(m.subject, /^【緊急】\[URGENT\]/);
  assert.match(m.text, /已列入 KEV/);
  assert.match(m.text, /KEV 修補期限 2025-02-25/);
  assert.match(m.text, /added to KEV \(known exploited\)/);
  await new Promise((res) => setTimeout(res, 1500));
  const toB = p.smtp.messages().slice(before).filter((x) => /demo\.com\.tw/.test(x.to));
  assert.deepEqual(toB.map((x) => x.subject), [], 'B has no PRTG: nothing new for B');
});
