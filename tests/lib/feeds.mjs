// Small NVD feeds cut from the shared data at test time (never copied into the repository):
// the 1.1 records of a few CVEs in one file, quick to import in a test.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { testdata } from './vans.mjs';

const feeds = path.join(testdata, 'nvd/feeds-1.1');

// The NVD 1.1 records of these CVEs, cut from the shared feeds into one small feed file.
export function miniFeed(dir, ids) {
  const byFile = new Map();
  for (const id of ids) {
    const year = id.split('-')[1];
    const f = year === '2018' ? path.join(feeds, 'extra-2018/nvdcve-1.1-2018.json.gz') : path.join(feeds, `nvdcve-1.1-${year}.json.gz`);
    byFile.set(f, [...(byFile.get(f) ?? []), id]);
  }
  const items = [];
  for (const [f, want] of byFile) {
    const feed = JSON.parse(gunzipSync(readFileSync(f)).toString('utf8'));
    items.push(...feed.CVE_Items.filter((it) => want.includes(it.cve.CVE_data_meta.ID)));
  }
  assert.equal(items.length, ids.length, 'every CVE found in the feeds');
  const out = path.join(dir, 'mini-nvd.json');
  writeFileSync(out, JSON.stringify({ CVE_data_type: 'CVE', CVE_data_format: 'MITRE', CVE_data_version: '4.0',
    CVE_data_numberOfCVEs: String(items.length), CVE_data_timestamp: '2025-08-25T00:00Z', CVE_Items: items }));
  return out;
}

