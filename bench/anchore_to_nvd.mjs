// Wraps Anchore's NVD data overrides (one {"_annotation", "cve": {"configurations"}} file per
// CVE, which `vans feed import nvd` refuses: it is not an NVD feed) into one NVD CVE API 2.0
// feed file, so the matching benchmark can load their 32k range-heavy configurations.
// Usage: node bench/anchore_to_nvd.mjs EXTRACTED_DIR OUT.json
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [dir, out] = process.argv.slice(2);
const vulns = [];
for (const year of readdirSync(path.join(dir, 'data')).sort()) {
  const ydir = path.join(dir, 'data', year);
  for (const f of readdirSync(ydir).sort()) {
    if (!f.endsWith('.json')) continue;
    const j = JSON.parse(readFileSync(path.join(ydir, f), 'utf8'));
    const a = j._annotation || {};
    if (!a.cve_id || !j.cve || !Array.isArray(j.cve.configurations)) continue;
    vulns.push({
      cve: {
        id: a.cve_id,
        sourceIdentifier: a.cna || 'anchore',
        published: a.published || a.modified || '1999-01-01T00:00:00',
        lastModified: a.modified || a.published || '1999-01-01T00:00:00',
        vulnStatus: 'Modified',
        descriptions: [{ lang: 'en', value: a.description || '' }],
        metrics: {},
        references: [],
        configurations: j.cve.configurations,
      },
    });
  }
}
writeFileSync(out, JSON.stringify({
  resultsPerPage: vulns.length, startIndex: 0, totalResults: vulns.length,
  format: 'NVD_CVE', version: '2.0', timestamp: new Date().toISOString().replace('Z', ''), vulnerabilities: vulns,
}));
console.log(`${vulns.length} CVEs written to ${out}`);
