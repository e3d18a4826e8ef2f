#!/usr/bin/env bash
# HTTP throughput of vans against nginx on the same machine in the same run: /healthz and
# the rendered home page, each compared with nginx serving a static file of the same size
# (the practical ceiling). wrk, 64 connections, 2 threads. Prints a table with ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${BENCH_SECONDS:-10}
conns=${BENCH_CONNECTIONS:-64}
work=$(mktemp -d /tmp/vans-bench-http.XXXXXX)
chmod 755 "$work"
vans_pid= nginx_pid=
cleanup() {
  [ -n "$vans_pid" ] && kill -TERM "$vans_pid" 2>/dev/null && wait "$vans_pid" 2>/dev/null
  [ -n "$nginx_pid" ] && kill -QUIT "$nginx_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# vans, optimised build, access log to a file as in production
build/vans --db "$work/vans.db" serve --listen 127.0.0.1:0 >"$work/vans.out" 2>"$work/vans.log" &
vans_pid=$!
for _ in $(seq 100); do grep -q listening "$work/vans.out" 2>/dev/null && break; sleep 0.1; done
vans_url=$(sed -n 's/^listening on //p' "$work/vans.out")

# nginx with static files of the same sizes as the two vans responses
mkdir -p "$work/www" "$work/nginx"
curl -s "$vans_url/healthz" >"$work/www/healthz.txt"
curl -s -H 'Accept-Language: zh-TW' "$vans_url/" >"$work/www/page.html"
nport=$(free_port)
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  types { text/html html; text/plain txt; }
  server { listen 127.0.0.1:$nport; root $work/www; }
}
CONF
nginx -c "$work/nginx/nginx.conf" &
nginx_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$nport/healthz.txt" >/dev/null && break; sleep 0.1; done

# wrk → "requests/s p99_ms"
measure() {
  local out rps p99 unit
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency "$1")
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  unit=${p99//[0-9.]/}
  p99=${p99%[a-z]*}; p99=${p99%m}
  case "$unit" in us) p99=$(awk -v v="$p99" 'BEGIN{printf "%.3f", v/1000}');; s) p99=$(awk -v v="$p99" 'BEGIN{printf "%.3f", v*1000}');; esac
  if grep -q 'Non-2xx' <<<"$out"; then echo "non-2xx responses from $1" >&2; exit 1; fi
  echo "$rps $p99"
}

printf '%-28s %12s %10s %14s\n' "target ($conns connections)" "requests/s" "p99 ms" "vs nginx"
for pair in "healthz:/healthz:/healthz.txt" "rendered page:/:/page.html"; do
  IFS=: read -r label vpath npath <<<"$pair"
  read -r n_rps n_p99 < <(measure "http://127.0.0.1:$nport$npath")
  read -r v_rps v_p99 < <(measure "$vans_url$vpath")
  size=$(stat -c %s "$work/www${npath}")
  ratio=$(awk -v a="$v_rps" -v b="$n_rps" 'BEGIN{printf "%.2f×", a/b}')
  printf '%-28s %12.0f %10s %14s\n' "nginx static ($size B)" "$n_rps" "$n_p99" "1.00×"
  printf '%-28s %12.0f %10s %14s\n' "vans $label" "$v_rps" "$v_p99" "$ratio"
done
echo "goal: /healthz ≥ 0.5× nginx, rendered page ≥ 0.3× nginx (wrk -t2 -c$conns, ${secs}s each)"
