#!/usr/bin/env bash
# Knowledge-base import: all NVD 1.1 and 2.0 feeds of the test data into a fresh database,
# against the floor of parsing the same bytes with yajl alone (same decompression).
# Prints CVEs/s, MB/s of JSON, peak RSS and the ratio to the floor, by wall clock and by CPU
# time (user + system: on a shared machine the wall clock counts the others' work). Skips without data.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${VANS_TESTDATA:-../shared/data}
feeds=( "$data"/nvd/feeds-1.1/*.json.gz "$data"/nvd/feeds-1.1/extra-2018/*.json.gz "$data"/nvd/feeds-2.0/*.zip )
if [ ! -e "${feeds[0]}" ]; then echo "skipped: no NVD feeds under $data/nvd"; exit 0; fi
work=$(mktemp -d /tmp/vans-bench-kb.XXXXXX)
trap 'rm -rf "$work"' EXIT
cc -O2 -std=c17 -D_DEFAULT_SOURCE -Isrc -o "$work/yajl_floor" bench/yajl_floor.c src/kb/feed_input.c \
  src/core/alloc.c $(pkg-config --cflags --libs yajl libzip zlib)

/usr/bin/time -f '%U %S' -o "$work/floor_time" "$work/yajl_floor" "${feeds[@]}" >"$work/floor"
read -r _ bytes floor_s <"$work/floor"
floor_cpu=$(awk '{print $1 + $2}' "$work/floor_time")
/usr/bin/time -f '%e %M %U %S' -o "$work/time" build/vans --db "$work/kb.db" feed import nvd "${feeds[@]}" >"$work/import.log"
read -r import_s rss_kb import_user import_sys <"$work/time"
import_cpu=$(awk -v u="$import_user" -v s="$import_sys" 'BEGIN{print u + s}')
cves=$(build/vans --db "$work/kb.db" feed status | awk -F'\t' '$1=="cves" {split($2,a," "); print a[1]}')
matches=$(build/vans --db "$work/kb.db" feed status | awk -F'\t' '$1=="cpe matches" {print $2}')
mb=$(awk -v b="$bytes" 'BEGIN{printf "%.0f", b/1e6}')
printf '%-34s %10s %10s %10s %12s %10s %10s %10s\n' "run (${#feeds[@]} files, $mb MB JSON)" "seconds" "CVEs/s" "MB/s" "peak RSS MB" "vs floor" "CPU s" "CPU vs"
printf '%-34s %10.2f %10s %10.0f %12s %10s %10.2f %10s\n' "yajl parse alone (floor)" "$floor_s" "-" "$(awk -v b="$bytes" -v s="$floor_s" 'BEGIN{print b/1e6/s}')" "-" "1.00×" "$floor_cpu" "1.00×"
printf '%-34s %10.2f %10.0f %10.0f %12.0f %10s %10.2f %10s\n' "vans feed import nvd" "$import_s" \
  "$(awk -v n="$cves" -v s="$import_s" 'BEGIN{print n/s}')" "$(awk -v b="$bytes" -v s="$import_s" 'BEGIN{print b/1e6/s}')" \
  "$(awk -v k="$rss_kb" 'BEGIN{print k/1024}')" "$(awk -v a="$import_s" -v b="$floor_s" 'BEGIN{printf "%.2f×", a/b}')" \
  "$import_cpu" "$(awk -v a="$import_cpu" -v b="$floor_cpu" 'BEGIN{printf "%.2f×", a/b}')"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "stored: $cves CVEs, $matches cpe_match rows. goal: import within 3× of the floor, peak RSS under 300 MB"
