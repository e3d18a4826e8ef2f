#!/usr/bin/env bash
# Two vans instances on one PostgreSQL behind nginx (deploy/nginx/vans.conf, TLS): wrk
# with 200 connections for 60 s, beside the same load on one instance without nginx.
# BENCH_SECONDS and BENCH_CONNECTIONS change the run. The work is in bench/multi.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."
exec node bench/multi.mjs
