// The identity commands as an operator uses them: checking identifiers with the values of
// DESIGN §1, adding organisations, the first operator's set-up link, API keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { runVans, tempDir } from '../lib/vans.mjs';

test('vans org check-id: oid valid, ubn valid or invalid: REASON, with exit 0 or 1', () => {
  for (const [id, out, code] of [
    ['04595257', 'ubn valid', 0], ['10458575', 'ubn valid', 0], ['10000004', 'ubn valid', 0],
    ['04595258', 'invalid: wrong check digit', 1], ['1045857', 'invalid: a 統一編號 has 8 digits and an OID has dots', 1],
    ['2.16.886.101.20003', 'oid valid', 0], ['2.16.886.105.100010', 'oid valid', 0],
    ['2.16..886', 'invalid: not a dotted numeric OID', 1], ['A1234567', 'invalid: only digits and dots are allowed', 1],
  ]) {
    const r = runVans(['org', 'check-id', id]);
    assert.equal(r.stdout.trim(), out, id);
    assert.equal(r.status, code, id);
  }
});

test('vans org add and list; --org takes the OID or 統一編號; user add prints a set-up link once', () => {
  const db = path.join(tempDir(), 'v.db');
  const v = (...a) => runVans(['--db', db, ...a]);
  assert.equal(v('org', 'add', '--name', '行政院', '--oid', '2.16.886.101.20003', '--level', 'A').status, 0);
  assert.equal(v('org', 'add', '--name', '示範科技', '--ubn', '04595257', '--level', 'C').status, 0);
  const wrongKind = v('org', 'add', '--name', 'x', '--oid', '10458575', '--level', 'A');
  assert.equal(wrongKind.status, 1);
  assert.match(wrongKind.stderr, /is a 統一編號, not an OID/);
  assert.equal(v('org', 'add', '--name', 'x', '--ubn', '04595258', '--level', 'A').status, 1);
  assert.match(v('org', 'add', '--name', 'x', '--ubn', '04595257', '--level', 'B').stderr, /exists/);
  assert.match(v('org', 'add', '--name', 'x', '--ubn', '10000004', '--level', 'F').stderr, /level/);
  const list = v('org', 'list').stdout;
  assert.match(list, /2\.16\.886\.101\.20003\toid\tA\t行政院/);
  assert.match(list, /04595257\tubn\tC\t示範科技/);
  const op = v('user', 'add', '--role', 'operator', '--username', 'operator1', '--email', 'op@vans.test', '--name', 'Operator');
  assert.equal(op.status, 0, op.stderr);
  assert.match(op.stdout, /http:\/\/127\.0\.0\.1:8080\/setup\/[A-Za-z0-9_-]{43}\n$/);
  assert.match(v('user', 'add', '--role', 'operator', '--username', 'operator1', '--email', 'op@vans.test', '--name', 'O').stderr, /taken/);
  assert.equal(v('user', 'add', '--role', 'admin', '--username', 'adminA01', '--email', 'a@ey.gov.tw', '--name', '李').status, 2,
    'an administrator needs --org');
  assert.equal(v('user', 'add', '--role', 'admin', '--org', '2.16.886.101.20003', '--username', 'adminA01', '--email', 'a@ey.gov.tw', '--name', '李').status, 0);
  const again = v('user', 'link', 'operator1');
  assert.match(again.stdout, /\/setup\//);
  const key = v('apikey', 'create', '--org', '04595257', '--name', 'tool');
  assert.equal(key.status, 0);
  assert.equal(key.stdout.trim().length, 88);
  assert.match(v('apikey', 'list', '--org', '04595257').stdout, /\ttool\t/);
  assert.equal(v('apikey', 'revoke', '--org', '2.16.886.101.20003', '1').status, 1, 'not that organisation\'s key');
  assert.equal(v('apikey', 'revoke', '--org', '04595257', '1').status, 0);
  assert.match(v('audit', 'verify').stdout, /audit log intact/);
});
