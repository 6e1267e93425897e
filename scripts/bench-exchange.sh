#!/usr/bin/env bash
# Loopback load run for the exchange (issue 7), side by side in one run:
#   direct  — the simulated smr-registration department called directly (plain HTTP GET)
#   nginx   — Debian's nginx as a plain reverse proxy in front of it (keep-alive upstream)
#   tongban — POST /api/v1/exchange/resources/310000-102001-00001/query over HTTPS with a client
#             certificate: authorisation, quota check, provider call, contract check, field filtering and
#             masking, and a durable access-log entry per pull
# Each target is run ROUNDS times in turn (interleaved, to spread the machine's noise), and the medians of the
# rounds are printed. Needs: nginx (apt-get install nginx-light), the server jar and the bench jar:
#   ./mvnw -B -q -DskipTests package && ./mvnw -B -q -Pbench -DskipTests package -pl bench -am
#   scripts/bench-exchange.sh [concurrency=16] [seconds=20] [rounds=3]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/server/target/tongban.jar"
bench="$root/bench/target/benchmarks.jar"
conc=${1:-16}; secs=${2:-20}; rounds=${3:-3}
work=$(mktemp -d)
cd "$work"
port=18643
java -Xmx1g -jar "$jar" --demo --server.port=$port --tongban.demo.first-port=18681 --tongban.cluster.port=5791 \
  --tongban.exchange.quota.per-minute-per-resource=0 --tongban.exchange.quota.per-day=0 \
  --logging.level.root=WARN > server.log 2>&1 &
pid=$!
cleanup() { kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true
  [ -f nginx.pid ] && kill "$(cat nginx.pid)" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 1 120); do
  curl -sf --cacert pki/ca.crt "https://localhost:$port/actuator/health" >/dev/null 2>&1 && break
  kill -0 $pid 2>/dev/null || { tail -50 server.log; exit 1; }
  sleep 1
done
provider=127.0.0.1:18682   # smr-registration, the second simulated department
cat > nginx.conf <<NGINX
pid $work/nginx.pid;
error_log $work/nginx-error.log;
worker_processes 1;
events { worker_connections 1024; }
http {
  access_log off;
  upstream provider { server $provider; keepalive 64; }
  server {
    listen 127.0.0.1:18690;
    location / { proxy_pass http://provider; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
NGINX
nginx -c "$work/nginx.conf" -p "$work"
subject=91310104MA1JG7LC4B
printf '{"subjects":["%s"],"purpose":"食品经营许可审查","serviceItem":"310000-XK-0001","operator":"bench"}' \
  "$subject" > body.json
pass=$(cat pki/store-password 2>/dev/null || echo changeit)
run() {  # label, then LoadRun arguments
  java -cp "$bench" cn.tongban.bench.load.LoadRun --label "$1" --concurrency "$conc" --seconds "$secs" \
    --warmup 5 "${@:2}"
}
results=results.txt
for r in $(seq 1 "$rounds"); do
  run direct --url "http://$provider/market-entities/$subject" | tee -a $results
  run nginx --url "http://127.0.0.1:18690/market-entities/$subject" | tee -a $results
  run tongban --url "https://localhost:$port/api/v1/exchange/resources/310000-102001-00001/query" \
    --method POST --body body.json --header 'Content-Type: application/json' \
    --keystore pki/clients/city-service-window.p12 --password "$pass" --ca pki/ca.crt | tee -a $results
done
echo "--- medians of $rounds rounds, $conc concurrent clients, ${secs}s each, $(nproc) cores"
python3 - "$results" <<'PY'
import sys, re, statistics
rows = {}
for line in open(sys.argv[1]):
    label, rest = line.split(' ', 1)
    kv = dict(re.findall(r'(\w+)=([\d.]+)', rest))
    rows.setdefault(label, []).append(kv)
base = None
for label in ['direct', 'nginx', 'tongban']:
    rs = rows.get(label, [])
    if not rs: continue
    rps = statistics.median(float(r['rps']) for r in rs)
    p50 = statistics.median(float(r['p50_ms']) for r in rs)
    p99 = statistics.median(float(r['p99_ms']) for r in rs)
    err = sum(int(r['errors']) for r in rs)
    base = base or rps
    print(f"{label:8s} rps={rps:8.0f}  p50={p50:6.2f} ms  p99={p99:6.2f} ms  errors={err}  rps/direct={rps/base:.2f}")
PY
