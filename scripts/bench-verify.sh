#!/usr/bin/env bash
# Loopback load run for licence verification, side by side in one run:
#   tongban-<alg> — POST /api/v1/verifications over HTTPS with the window app's client certificate (the strict
#                   PDF verifier, every rule on, revocation by CRL fetched over loopback and cached to nextUpdate)
#   dss-<alg>     — EU DSS 6.4 behind a plain-HTTP loopback endpoint (LicenceFixtureServer: default policy, the
#                   same roots and CRLs)
# for 200 KB single-signature licence PDFs signed with RSA-2048, ECDSA P-256 and SM2. Closed loop, CONC clients,
# each target in turn per round; medians of the rounds are printed. Each target's verdict is printed first.
# Both servers are warmed up on the three files in turn until their JIT has settled (WARM_MAX seconds at most per
# server, default 600). The load generator is LoadRun's raw keep-alive client (CLIENT=jdk: the JDK's HttpClient).
# Needs: ./mvnw -B -q -DskipTests package && ./mvnw -B -q -Pbench -DskipTests package -pl bench -am
# Usage: [CONC=8] [ONLY=tongban|dss] [WARM_MAX=600] [CLIENT=raw|jdk] [SERVER_OPTS="-XX:StartFlightRecording=..."]
#        [JVM_OPTS="-XX:+UseTransparentHugePages"] scripts/bench-verify.sh [seconds=15] [rounds=3]
# JVM_OPTS go to both server JVMs (Tongban and the DSS fixture server), SERVER_OPTS to Tongban's only.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/server/target/tongban.jar"
bench="$root/bench/target/benchmarks.jar"
secs=${1:-15}; rounds=${2:-3}; conc=${CONC:-8}
. "$root/scripts/bench-lib.sh"
work=$(mktemp -d)
cd "$work"
port=18743; fixtures=18790
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

java -Xmx1g ${JVM_OPTS:-} -cp "$bench" cn.tongban.bench.licence.LicenceFixtureServer "$work/files" $fixtures > fixtures.log 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do [ -f files/ready ] && break; sleep 1; done
[ -f files/ready ] || { cat fixtures.log; exit 1; }
java -Xmx1g -XX:+ExitOnOutOfMemoryError ${JVM_OPTS:-} ${SERVER_OPTS:-} -jar "$jar" --demo --server.port=$port --tongban.demo.first-port=18781 --tongban.cluster.port=5781 \
  --tongban.verification.anchors-dir="$work/files/anchors" --tongban.exchange.datasets.inbox-enabled=false \
  --logging.level.root=WARN > server.log 2>&1 &
pids+=($!)
for _ in $(seq 1 180); do
  curl -sf --cacert pki/ca.crt "https://localhost:$port/actuator/health" >/dev/null 2>&1 && break
  kill -0 "${pids[1]}" 2>/dev/null || { tail -50 server.log; exit 1; }
  sleep 1
done
pass=$(cat pki/store-password 2>/dev/null || echo changeit)
tls=(--keystore pki/clients/city-service-window.p12 --password "$pass" --ca pki/ca.crt)
url="https://localhost:$port/api/v1/verifications"
echo "--- verdicts"
for alg in rsa_2048 ec_p256 sm2; do
  t=$(curl -s --cacert pki/ca.crt --cert-type P12 --cert "pki/clients/city-service-window.p12:$pass" \
      -H 'Content-Type: application/pdf' --data-binary "@files/$alg.pdf" "$url" \
      | python3 -c 'import sys,json; r=json.load(sys.stdin); print(r.get("indication"), r.get("subIndication") or "", r.get("rule") or "")')
  d=$(curl -s -H 'Content-Type: application/pdf' --data-binary "@files/$alg.pdf" "http://127.0.0.1:$fixtures/dss")
  echo "$alg ($(stat -c %s files/$alg.pdf) bytes): tongban $t; dss $d"
done
run() {  # label, LoadRun arguments
  java -cp "$bench" cn.tongban.bench.load.LoadRun --label "$1" --seconds "$secs" --warmup 5 --concurrency "$conc" --client "${CLIENT:-raw}" \
    --method POST --header 'Content-Type: application/pdf' "${@:2}" | tee -a results.txt
}
# Warm both servers up until their JIT has settled (scripts/bench-lib.sh warm): a server measured after a few
# seconds of load was measured while still compiling (the first target ran at half its later rate; with 13 s of
# warm-up Tongban still spent 6-7 ms of CPU per verification, 3 ms once settled).
all=(--body files/rsa_2048.pdf --body files/ec_p256.pdf --body files/sm2.pdf)
[ "${ONLY:-tongban}" = dss ] || warm "${pids[1]}" tongban --concurrency "$conc" --url "$url" --method POST "${all[@]}" \
  --header 'Content-Type: application/pdf' "${tls[@]}"
[ "${ONLY:-dss}" = tongban ] || warm "${pids[0]}" dss --concurrency "$conc" --url "http://127.0.0.1:$fixtures/dss" \
  --method POST "${all[@]}" --header 'Content-Type: application/pdf'
echo "--- CONC=$conc, $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$rounds"); do
  for alg in rsa_2048 ec_p256 sm2; do
    [ "${ONLY:-tongban}" = dss ] || run "tongban-$alg" --url "$url" --body "files/$alg.pdf" "${tls[@]}"
    [ "${ONLY:-dss}" = tongban ] || run "dss-$alg" --url "http://127.0.0.1:$fixtures/dss" --body "files/$alg.pdf"
  done
done
# CPU per verification: each server process's CPU time (/proc/<pid>/stat utime+stime) over one more 10 s run
# without warm-up, divided by the verifications it answered. Less sensitive to a shared machine than rates.
for alg in rsa_2048 ec_p256 sm2; do
  for who in tongban dss; do
    [ "${ONLY:-$who}" = "$who" ] || continue
    if [ $who = tongban ]; then p=${pids[1]}; args=(--url "$url" "${tls[@]}"); else p=${pids[0]}; args=(--url "http://127.0.0.1:$fixtures/dss"); fi
    before=$(cpu_ms "$p")
    line=$(java -cp "$bench" cn.tongban.bench.load.LoadRun --label "cpu-$who-$alg" --seconds 10 --warmup 0 --client "${CLIENT:-raw}" \
      --concurrency "$conc" --method POST --header 'Content-Type: application/pdf' --body "files/$alg.pdf" "${args[@]}")
    after=$(cpu_ms "$p")
    n=$(echo "$line" | sed -E 's/.*requests=([0-9]+).*/\1/')
    echo "$line cpu_ms_per_verification=$(python3 -c "print(round(($after - $before) / max(1, $n), 2))")"
  done
done
echo "--- medians of $rounds rounds, ${secs}s each after 5 s warm-up, CONC=$conc, $(nproc) cores," \
  "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - results.txt <<'PY'
import sys, re, statistics
rows = {}
for line in open(sys.argv[1]):
    label, rest = line.split(' ', 1)
    kv = dict(re.findall(r'(\w+)=([\d.]+|NaN)', rest))
    rows.setdefault(label, []).append(kv)
def med(label, key):
    vals = [float(r[key]) for r in rows.get(label, []) if key in r and r[key] != 'NaN']
    return statistics.median(vals) if vals else float('nan')
print(f"{'target':<18}{'verif/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}")
for alg in ['rsa_2048', 'ec_p256', 'sm2']:
    for who in ['tongban', 'dss']:
        l = f"{who}-{alg}"
        print(f"{l:<18}{med(l,'rps'):>10.1f}{med(l,'p50_ms'):>10.1f}{med(l,'p99_ms'):>10.1f}{med(l,'errors'):>8.0f}")
    t, d = med(f"tongban-{alg}", 'rps'), med(f"dss-{alg}", 'rps')
    print(f"  ratio tongban/dss {alg}: {t / d:.1f}" if d > 0 else f"  ratio {alg}: n/a")
PY
