#!/usr/bin/env bash
# CVSS scoring speed per version over every metaeffekt validation vector (parse + score),
# beside the same-run floor of only reading the vector bytes. Skips without the data.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${VANS_TESTDATA:-../shared/data}/cvss/metaeffekt
if [ ! -d "$data" ]; then echo "skipped: no CVSS vectors under $data"; exit 0; fi
work=$(mktemp -d /tmp/vans-bench-cvss.XXXXXX)
trap 'rm -rf "$work"' EXIT
cc -O2 -std=c17 -D_DEFAULT_SOURCE -Isrc -o "$work/cvss_bench" bench/cvss_bench.c src/kb/cvss.c src/kb/cvss4_tables.c -lm
"$work/cvss_bench" "$data" "${CVSS_ROUNDS:-20}"
