#!/usr/bin/env bash
# Intake throughput: bench/intake.c against the optimised library (build/libvans.a), on a
# 10,000-row inventory it writes as CSV and XLSX. Prints a table of rows/s and ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
pkgs="libmicrohttpd sqlite3 libpq jansson yajl libsodium zlib libzip libxml-2.0 libcurl liboath libqrencode cairo pangocairo"
out=build/bench
mkdir -p "$out"
# shellcheck disable=SC2046
cc -std=c17 -D_DEFAULT_SOURCE -O2 -Isrc -Ibuild/gen -o "$out/intake" bench/intake.c build/libvans.a \
  $(pkg-config --libs $pkgs) -lm -lpthread
"$out/intake"
