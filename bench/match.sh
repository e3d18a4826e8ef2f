#!/usr/bin/env bash
# Matching engine: every NVD feed of the test data (1.1 and 2.0) and Anchore's overrides
# loaded, then (1) a million synthetic assets matched by the engine, (2) the same-run
# baseline — one indexed SQL query per asset, ranges checked in C — on a 20,000-asset slice,
# (3) the 1.1 "modified" feed imported and only what it changed matched again.
# ASSETS and SLICE change the sizes. Skips without the data.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${VANS_TESTDATA:-../shared/data}
feeds=( "$data"/nvd/feeds-1.1/nvdcve-1.1-20*.json.gz "$data"/nvd/feeds-1.1/extra-2018/*.json.gz "$data"/nvd/feeds-2.0/*.zip )
modified=$data/nvd/feeds-1.1/nvdcve-1.1-modified.json.gz
dict=$data/cpe/dictionary-2015/official-cpe-dictionary_v2.3.xml.gz
anchore=$data/nvd/overrides-anchore/nvd-data-overrides-data.tar.xz
if [ ! -e "${feeds[0]}" ] || [ ! -e "$dict" ] || [ ! -e "$modified" ]; then
  echo "skipped: no NVD feeds, CPE dictionary or modified feed under $data"; exit 0
fi
work=$(mktemp -d /tmp/vans-bench-match.XXXXXX)
trap 'rm -rf "$work"' EXIT
# the libraries build/libvans.a needs: the Makefile's list
pkgs=$(printf 'include Makefile\nprint-pkgs: ; @echo $(PKGS)\n' | make --no-print-directory -s -f - print-pkgs)
# shellcheck disable=SC2046
cc -std=c17 -D_DEFAULT_SOURCE -O2 -Isrc $(pkg-config --cflags $pkgs) -o "$work/match_bench" bench/match_bench.c \
  build/libvans.a $(pkg-config --libs $pkgs) -lm -lpthread

# Anchore's overrides are not an NVD feed: wrapped into one (bench/anchore_to_nvd.mjs)
if [ -e "$anchore" ] && command -v node >/dev/null; then
  mkdir -p "$work/anchore"
  tar -xJf "$anchore" -C "$work/anchore"
  node bench/anchore_to_nvd.mjs "$work/anchore" "$work/anchore.json" >/dev/null
  feeds+=( "$work/anchore.json" )
  rm -rf "$work/anchore"
fi
t0=$(date +%s.%N)
build/vans --db "$work/kb.db" feed import nvd "${feeds[@]}" >"$work/import.log"
t1=$(date +%s.%N)
status=$(build/vans --db "$work/kb.db" feed status)
echo "knowledge base: ${#feeds[@]} feed files imported in $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.0f", b-a}') s:" \
  "$(awk -F'\t' '$1=="cves"{c=$2} $1=="cpe matches"{m=$2} END{printf "%s CVEs, %s cpe_match rows", c, m}' <<<"$status")"
"$work/match_bench" "$work/kb.db" "$dict" "$modified" "${ASSETS:-1000000}" "${SLICE:-20000}"
