#!/usr/bin/env bash
# The VANS upload API end to end: 10,000 assets (real CPE names with concrete versions from
# the loaded NVD configurations, 10 per host) posted in one request to
# /vans2/asset/InsertServerUnitproduct against a database with the NVD 2.0 feeds loaded, then
# the time until the organisation's findings are queryable (`vans finding list` when this
# build has it, else a count of the findings table). The same rows through `vans asset
# import` (CSV) are the same-run comparison. Skips without data. VANS_BENCH_ASSETS changes
# the count; VANS_BENCH_FEEDS the feed files (default: every NVD 2.0 feed).
set -euo pipefail
cd "$(dirname "$0")/.."
data=${VANS_TESTDATA:-../shared/data}
n=${VANS_BENCH_ASSETS:-10000}
read -r -a feeds <<<"${VANS_BENCH_FEEDS:-$(echo "$data"/nvd/feeds-2.0/*.zip)}"
if [ ! -e "${feeds[0]}" ]; then echo "skipped: no NVD 2.0 feeds under $data/nvd"; exit 0; fi
command -v curl >/dev/null && command -v sqlite3 >/dev/null || { echo "skipped: needs curl and sqlite3"; exit 0; }
work=$(mktemp -d /tmp/vans-bench-api.XXXXXX)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
db=$work/vans.db
vans() { build/vans --db "$db" "$@"; }
now() { date +%s.%N; }

t0=$(now)
vans feed import nvd "${feeds[@]}" >"$work/import.log"
t1=$(now)
vans org add --name 'Bench 機關' --oid 2.16.886.105.100010 --level A >/dev/null
vans org add --name 'Bench CSV' --oid 2.16.886.105.100011 --level A >/dev/null
key=$(vans apikey create --org 2.16.886.105.100010 --name bench 2>/dev/null)

# n distinct application/OS CPEs with a concrete version, named by the loaded configurations
sqlite3 "$db" "SELECT DISTINCT criteria FROM cve_match WHERE vulnerable = 1 LIMIT 400000" >"$work/criteria.txt"
node - "$work/criteria.txt" "$key" "$work/body.json" "$work/assets.csv" "$n" <<'JS'
const fs = require('fs');
const [cpesFile, key, bodyFile, csvFile, n] = process.argv.slice(2);
// concrete versions only (not * or -), no wildcards: what an inventory would hold
const cpes = fs.readFileSync(cpesFile, 'utf8').trim().split('\n').filter((c) => {
  const f = c.split(/(?<!\\):/);
  return f.length === 13 && f[5] !== '*' && f[5] !== '-' && !/(?<!\\)[*?]/.test(f[5]);
}).slice(0, Number(n));
const unesc = (s) => s.replace(/\\(.)/g, '$1');
fs.writeFileSync(bodyFile + '.count', String(cpes.length));
const items = cpes.map((cpe, i) => {
  const f = cpe.split(/(?<!\\):/);
  return { oid: '2.16.886.105.100010', orgName: 'Bench 機關', identifier: `host-${i % Math.ceil(cpes.length / 10)}`,
    assetGroupCode: `g${i % 20}`, assetName: unesc(f[4]).replace(/_/g, ' '), brand: unesc(f[3]), version: unesc(f[5]),
    cpe, cpeName: 'N/A' };
});
fs.writeFileSync(bodyFile, JSON.stringify({ api_key: key, data: items }));
const q = (s) => `"${String(s).replace(/"/g, '""')}"`;
fs.writeFileSync(csvFile, '資產類別,資產群組代碼,資產識別碼,資產名稱,廠牌,版本,CPE\n' + items.map((it) =>
  ['資通系統資產', it.assetGroupCode, it.identifier, it.assetName, it.brand, it.version, it.cpe].map(q).join(',')).join('\n') + '\n');
JS
got=$(cat "$work/body.json.count")

port=$(( 20000 + RANDOM % 20000 ))
build/vans --db "$db" serve --listen "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
t2=$(now)
status=$(curl -s -o "$work/resp.json" -w '%{http_code}' -H 'Content-Type: application/json' \
  --data-binary @"$work/body.json" "http://127.0.0.1:$port/vans2/asset/InsertServerUnitproduct")
t3=$(now)
if build/vans help finding >/dev/null 2>&1; then
  findings=$(vans finding list --org 2.16.886.105.100010 --format tsv | tail -n +2 | wc -l)
  how="vans finding list"
else
  findings=$(sqlite3 "$db" "SELECT COUNT(*) FROM findings f JOIN organisations o ON o.id = f.org_id WHERE o.identifier = '2.16.886.105.100010' AND f.active = 1")
  how="SELECT COUNT(*) FROM findings"
fi
t4=$(now)
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
accepted=$(node -e "const r=require('$work/resp.json'); console.log(r.accepted, r.rejected, r.match.findings_new)")
t5=$(now)
vans asset import --org 2.16.886.105.100011 "$work/assets.csv" >"$work/cli.log"
t6=$(now)
stored=$(sqlite3 "$db" "SELECT COUNT(*) FROM assets")

sec() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", b-a}'; }
rate() { awk -v a="$1" -v b="$2" -v n="$got" 'BEGIN{printf "%.0f", n/(b-a)}'; }
read -r acc rej new <<<"$accepted"
printf '%-52s %10s %12s\n' "step ($got assets, ${#feeds[@]} feed files)" "seconds" "assets/s"
printf '%-52s %10s %12s\n' "knowledge base load (vans feed import nvd)" "$(sec "$t0" "$t1")" "-"
printf '%-52s %10s %12s\n' "POST InsertServerUnitproduct (HTTP $status, store+match)" "$(sec "$t2" "$t3")" "$(rate "$t2" "$t3")"
printf '%-52s %10s %12s\n' "  … until findings queryable ($how)" "$(sec "$t2" "$t4")" "$(rate "$t2" "$t4")"
printf '%-52s %10s %12s\n' "same rows: vans asset import (CSV, new process)" "$(sec "$t5" "$t6")" "$(rate "$t5" "$t6")"
echo "accepted $acc, rejected $rej; $findings active findings ($new new); $stored assets stored in all."
echo "goal (issue 5): an upload of 10,000 assets until its findings are queryable under 3 s"
