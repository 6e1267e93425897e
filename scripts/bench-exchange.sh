#!/usr/bin/env bash
# Loopback load run for the exchange, side by side in one run:
#   direct  — the simulated smr-registration department called directly (plain HTTP GET)
#   nginx   — Debian's nginx as a plain reverse proxy in front of it (keep-alive upstream)
#   tongban — POST /api/v1/exchange/resources/310000-102001-00001/query over HTTPS with a client
#             certificate: authorisation, quota check, provider call, contract check, field filtering and
#             masking, and a durable access-log entry per pull
# Open loop at fixed request rates (RATES), each target in turn per rate and round (interleaved, to spread the
# machine's noise); medians of the rounds are printed. Latency counts from when a request was due (no
# coordinated omission); at most 64 requests in flight per target (a client connection pool), requests due
# beyond that count as errors; with DB=postgres, a run with errors is followed by the server's access-log account of
# its failed pulls by error code, with the first and last time of each (e.g. PROVIDER_TIMEOUT:13 (19:38:02.113–…)),
# then the server's warnings about failed provider calls and PostgreSQL's checkpoints during the run. LoadRun's
# "stalls=" lists the seconds whose slowest answer took 50 ms or more (UTC), to be read beside those and a GC log
# (JVM_OPTS="-Xlog:gc:file=gc.log:uptime,utctime").
# Each Tongban line also carries server_cpu_us: the server process's CPU (all threads, GC and JIT included) per answered
# pull over the run and its warm-up, and the summary gives its median ("server CPU/pull"). It moves far less with the
# machine's noise than p99 does, so an A/B of a per-request change shows in it first.
# A disk probe (bench's FsyncProbe, its own JVM; DISK_PROBE=0 turns it off) flushes 8 KiB 20 times a second beside
# PostgreSQL's files during the whole run. Each Tongban line then carries disk_stalls: how many of its flushes took
# 50 ms or more during the measured part of that run (LoadRun's from_ms/to_ms; disk_max_ms, the slowest). The
# summary adds, per Tongban target, how many rounds had none and their p99 against nginx's in the same rounds. A
# probe stall means the disk or the machine's scheduling held up a flush of another process: on this shared VM a
# probe of this kind saw 215 and 528 ms flushes at the same moments as the access log's slow commits (2026-11-24,
# run 28). The probe's own load (a small JVM, 20 flushes/s) is part of every run it is in.
# With MODE=closed: CONC closed-loop clients instead of fixed rates; MODE=both: the rates, then the closed loop, in
# each round. The load generator is LoadRun's raw keep-alive client, one connection per request in flight
# (CLIENT=jdk: the JDK's HttpClient); the server is warmed up until its JIT has settled (at most WARM_MAX seconds,
# default 600).
#
# The store: DB=postgres (default) starts Debian's PostgreSQL (initdb in a temporary directory, fsync and
# synchronous_commit on: a durable commit per access-log group) on 127.0.0.1:15432; DB=h2 uses the demo's H2 file.
# PG_OPTS adds server settings (e.g. PG_OPTS="-c log_min_duration_statement=50" logs the slow access-log commits).
# CACHE_TTL=0s turns the catalogue/authorisation cache off (default 60s).
# The providers: DEPARTMENTS=external (default) runs the demo's simulated departments in a JVM of their own
# (java -jar tongban.jar demo departments; the server gets --tongban.demo.departments=external), as real departments
# are: their work and garbage are not the exchange's, and all three targets call the same provider process.
# DEPARTMENTS=in-process runs them inside the Tongban server's JVM, as --demo does (the passes before 2026-11-24).
# Needs: nginx (apt-get install nginx-light), PostgreSQL 15 (apt-get install postgresql) for DB=postgres, and
#   ./mvnw -B -q -DskipTests package && ./mvnw -B -q -Pbench -DskipTests package -pl bench -am
# Usage: [DB=postgres|h2] [PG_OPTS="-c name=value ..."] [DISK_PROBE=1|0] [CACHE_TTL=60s] [DEPARTMENTS=external|in-process] [RATES="250 500 1000"] [MODE=rate|closed|both] [CONC=16] [WARM_MAX=600] [CLIENT=raw|jdk]
#        [SERVER_OPTS="-XX:StartFlightRecording=..." or "-Dtongban.exchange.slow-pull=20ms": where slow pulls' time went] [JVM_OPTS="-XX:+UseTransparentHugePages"] (both: the server JVM)
#        [JAR=copy/of/tongban.jar] [B_JAR=other/tongban.jar] [B_JVM_OPTS="..."]
# B_JAR and/or B_JVM_OPTS add a second Tongban server, "tongban-b" (that jar, and JVM_OPTS replaced by B_JVM_OPTS),
# with its own database, measured in every round right after "tongban": an A/B of two builds or two JVM settings
# in one run (e.g. B_JVM_OPTS="-XX:+UseTransparentHugePages" against none).
#        scripts/bench-exchange.sh [seconds=15] [rounds=3]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar="${JAR:-$root/server/target/tongban.jar}"
bench="$root/bench/target/benchmarks.jar"
secs=${1:-15}; rounds=${2:-3}
db=${DB:-postgres}; ttl=${CACHE_TTL:-60s}; departments=${DEPARTMENTS:-external}; rates=${RATES:-"250 500 1000"}; mode=${MODE:-rate}; conc=${CONC:-16}
. "$root/scripts/bench-lib.sh"
work=$(mktemp -d)
chmod 755 "$work"
cd "$work"
port=18643
pgport=15432
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
pid=""; pid_b=""; started=""; pid_dept=""; pid_probe=""
ab=""; [ -n "${B_JAR:-}${B_JVM_OPTS+set}" ] && ab=1
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  [ -n "$pid" ] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
  [ -n "$pid_b" ] && { kill "$pid_b" 2>/dev/null || true; wait "$pid_b" 2>/dev/null || true; }
  [ -n "$started" ] && { kill "$started" 2>/dev/null || true; wait "$started" 2>/dev/null || true; }
  [ -n "$pid_dept" ] && { kill "$pid_dept" 2>/dev/null || true; wait "$pid_dept" 2>/dev/null || true; }
  [ -n "$pid_probe" ] && { kill "$pid_probe" 2>/dev/null || true; wait "$pid_probe" 2>/dev/null || true; }
  [ -f nginx.pid ] && kill "$(cat nginx.pid)" 2>/dev/null || true
  [ -d "$work/pg" ] && as_postgres "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# The disk probe (see the header): every flush of 20 ms or more goes to disk-stalls.txt, read by with_cpu.
if [ "${DISK_PROBE:-1}" != 0 ]; then
  : > disk-stalls.txt
  java -Xmx32m -XX:TieredStopAtLevel=1 -cp "$bench" cn.tongban.bench.load.FsyncProbe --file "$work/probe.dat" \
    --out "$work/disk-stalls.txt" > probe.log 2>&1 &
  pid_probe=$!
  sleep 2
  kill -0 "$pid_probe" 2>/dev/null || { echo "the disk probe did not start (DISK_PROBE=0 runs without it):"; cat probe.log; exit 1; }
fi
dbargs=()
if [ "$db" = postgres ]; then
  [ -x "$pgbin/initdb" ] || { echo "PostgreSQL not found (apt-get install postgresql)"; exit 1; }
  mkdir pg && [ "$(id -u)" = 0 ] && chown postgres pg
  as_postgres "$pgbin/initdb" -D "$work/pg" -U tongban --auth=trust -E UTF8 >/dev/null
  as_postgres "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg/log" -w start \
    -o "-p $pgport -k $work/pg -c listen_addresses=127.0.0.1 -c max_connections=100 -c shared_buffers=256MB ${PG_OPTS:-}" >/dev/null
  as_postgres "$pgbin/createdb" -h 127.0.0.1 -p $pgport -U tongban tongban
  [ -n "$ab" ] && as_postgres "$pgbin/createdb" -h 127.0.0.1 -p $pgport -U tongban tongban_b
  dbargs=(--spring.profiles.active=postgres
          "--spring.datasource.url=jdbc:postgresql://127.0.0.1:$pgport/tongban?reWriteBatchedInserts=true"
          --spring.datasource.username=tongban)
  dbargs_b=(--spring.profiles.active=postgres
          "--spring.datasource.url=jdbc:postgresql://127.0.0.1:$pgport/tongban_b?reWriteBatchedInserts=true"
          --spring.datasource.username=tongban)
else
  dbargs_b=("--spring.datasource.url=jdbc:h2:file:./data-b/tongban;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH")
fi
start_server() {  # log, port, first demo port, cluster port, jar, JVM options, then the database arguments
  local log=$1 p=$2 first=$3 cluster=$4 jarfile=$5 opts=$6
  shift 6
  java -Xmx1g -XX:+ExitOnOutOfMemoryError $opts -jar "$jarfile" --demo --server.port="$p" --tongban.demo.first-port="$first" \
    --tongban.cluster.port="$cluster" --tongban.exchange.quota.per-minute-per-resource=0 \
    --tongban.exchange.quota.per-day=0 --tongban.exchange.cache.ttl="$ttl" \
    --tongban.exchange.datasets.inbox-enabled=false "$@" --logging.level.root=WARN > "$log" 2>&1 &
  started=$!
  for _ in $(seq 1 180); do
    curl -sf --cacert pki/ca.crt "https://localhost:$p/actuator/health" >/dev/null 2>&1 && return
    kill -0 $started 2>/dev/null || { tail -50 "$log"; exit 1; }
    sleep 1
  done
}
deptargs=()
case "$departments" in
  external)
    java -Xmx512m -jar "$jar" demo departments --first-port 18681 > departments.log 2>&1 &
    pid_dept=$!
    for _ in $(seq 1 60); do
      curl -s -o /dev/null "http://127.0.0.1:18682/" && break
      kill -0 $pid_dept 2>/dev/null || { cat departments.log; exit 1; }
      sleep 0.5
    done
    deptargs=(--tongban.demo.departments=external) ;;
  in-process) ;;
  *) echo "DEPARTMENTS must be external or in-process, not '$departments'"; exit 64 ;;
esac
start_server server.log $port 18681 5791 "$jar" "${JVM_OPTS:-} ${SERVER_OPTS:-}" "${dbargs[@]}" "${deptargs[@]}"
pid=$started
port_b=18644
if [ -n "$ab" ]; then   # started after the first server, so it finds the demo PKI made and uses the same one
  # with external departments both servers call the same ones; in-process, B runs its own from 18701
  start_server server-b.log $port_b "$([ "$departments" = external ] && echo 18681 || echo 18701)" 5797 \
    "${B_JAR:-$jar}" "${B_JVM_OPTS:-}" "${dbargs_b[@]}" "${deptargs[@]}"
  pid_b=$started
fi
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
pull_args() {  # port: sets args to the LoadRun arguments of a pull from the Tongban server there
  args=(--url "https://localhost:$1/api/v1/exchange/resources/310000-102001-00001/query" --method POST
        --body body.json --header 'Content-Type: application/json'
        --keystore pki/clients/city-service-window.p12 --password "$pass" --ca pki/ca.crt)
}
run() {  # label, load arguments, then LoadRun arguments
  java -cp "$bench" cn.tongban.bench.load.LoadRun --label "$1" --seconds "$secs" --warmup 5 --max-outstanding 64 \
    --client "${CLIENT:-raw}" $2 "${@:3}"
}
failures() {  # label, database, since, server log, its line count before the run: the server's own account of a run's errors
  local f=""
  [ "$db" = postgres ] && f=$("$pgbin/psql" -h 127.0.0.1 -p $pgport -U tongban -d "$2" -Atc "select string_agg(c || ':' || n || ' (' || a || '–' || b || ')', ' ' order by c)
      from (select coalesce(error_code, outcome) c, count(*) n, to_char(min(logged_at), 'HH24:MI:SS.MS') a,
            to_char(max(logged_at), 'HH24:MI:SS.MS') b from access_log where outcome <> 'OK'
            and logged_at >= '$3' group by 1) t" 2>&1) || true
  [ -z "$f" ] || echo "  $1 access log, failed pulls of this run (first–last, UTC; run began $3): $f"
  # the server's warnings of this run about failed provider calls (exception classes, the connection that timed out)
  local w
  w=$(tail -n +"$(( $5 + 1 ))" "$4" | grep -o '"message":"[^"]*\(failed with\|did not answer\|to become durable\)[^"]*"' | sort | uniq -c \
      | sort -rn | head -5) || true
  [ -z "$w" ] || echo "$w" | sed "s/^/  $1 log: /"
  # with SERVER_OPTS="-Dtongban.exchange.slow-pull=20ms": the slow pulls of this run by the step that took longest
  tail -n +"$(( $5 + 1 ))" "$4" | python3 -c '
import re, sys, collections
n, by, worst = 0, collections.Counter(), collections.defaultdict(float)
for line in sys.stdin:
    m = re.search(r"slow pull: ([0-9.]+) ms from request to answer \(([^)]*)\)", line)
    if not m: continue
    n += 1
    steps = [(float(v), k) for k, v in re.findall(r"([a-z ]+?) ([0-9.]+)(?:, |$)", m.group(2))]
    v, k = max(steps)
    by[k.strip()] += 1; worst[k.strip()] = max(worst[k.strip()], v)
if n:
    print("  %s slow pulls logged: %d; longest step: %s" % (sys.argv[1], n,
          ", ".join("%s %d (up to %.0f ms)" % (k, c, worst[k]) for k, c in by.most_common())))
' "$1" || true
}
checkpoints() {  # label, pg log line count before the run: PostgreSQL checkpoints during it (a stall candidate)
  [ "$db" = postgres ] || return 0
  tail -n +"$(( $2 + 1 ))" pg/log | grep -o '^[0-9-]* [0-9:.]* UTC.*checkpoint \(starting\|complete\).*' \
    | sed "s/^/  $1 during the run, PostgreSQL: /" || true
}
lines() { wc -l < "$1"; }
with_cpu() {  # server pid, then run's arguments: the run's line with server_cpu_us appended (see the header), and
  # with the disk probe, disk_stalls: the probe's flushes of 50 ms or more within the run's measured part (its
  # from_ms/to_ms)
  local before after out stalls=""
  before=$(cpu_ms "$1"); out=$(run "${@:2}"); after=$(cpu_ms "$1")
  if [ -n "$pid_probe" ]; then
    if kill -0 "$pid_probe" 2>/dev/null; then stalls=disk-stalls.txt
    else echo "the disk probe has stopped, so this line has no disk_stalls: $(cat probe.log)" >&2; fi
  fi
  echo "$out" | awk -v ms=$(( after - before )) -v s="$secs" -v f="$stalls" '{ from = -1; to = -1; n = 0
    for (i = 1; i <= NF; i++) {
      if ($i ~ /^rps=/) n = substr($i, 5) * (s + 5)
      if ($i ~ /^from_ms=/) from = substr($i, 9) + 0
      if ($i ~ /^to_ms=/) to = substr($i, 7) + 0 }
    line = sprintf("%s server_cpu_us=%.0f", $0, (n > 0 ? 1000 * ms / n : 0))
    if (f == "" || from < 0) { print line; next }
    k = 0; max = 0
    while ((getline l < f) > 0) { split(l, a, " "); if (a[1] + 0 >= from && a[1] + 0 <= to && a[2] + 0 >= 50) { k++; if (a[2] + 0 > max) max = a[2] + 0 } }
    close(f)
    printf "%s disk_stalls=%d%s\n", line, k, (k ? sprintf(" disk_max_ms=%.0f", max) : "") }'
}
targets() {  # load arguments
  run direct "$1" --url "http://$provider/market-entities/$subject" | tee -a results.txt
  run nginx "$1" --url "http://127.0.0.1:18690/market-entities/$subject" | tee -a results.txt
  local since from pgfrom=0; since=$(date -u +%FT%T.%NZ); from=$(lines server.log)
  [ "$db" = postgres ] && pgfrom=$(lines pg/log)
  pull_args $port; with_cpu "$pid" tongban "$1" "${args[@]}" | tee -a results.txt
  failures tongban tongban "$since" server.log "$from"; checkpoints tongban "$pgfrom"
  [ -z "$ab" ] || { since=$(date -u +%FT%T.%NZ); from=$(lines server-b.log); [ "$db" = postgres ] && pgfrom=$(lines pg/log)
                    pull_args $port_b; with_cpu "$pid_b" tongban-b "$1" "${args[@]}" | tee -a results.txt
                    failures tongban-b tongban_b "$since" server-b.log "$from"; checkpoints tongban-b "$pgfrom"; }
}
# Warm the server up until its JIT has settled (scripts/bench-lib.sh warm; JIT, connection pools, caches) before
# anything is measured: a cold first round once opened the circuit breaker (slow answers count as failures) and
# failed a whole round, and a server still compiling spends twice its settled CPU per request.
pull_args $port; warm "$pid" tongban --concurrency 4 "${args[@]}"
[ -z "$ab" ] || { pull_args $port_b; warm "$pid_b" tongban-b --concurrency 4 "${args[@]}"; }
echo "--- DB=$db CACHE_TTL=$ttl DEPARTMENTS=$departments, $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$rounds"); do
  [ "$mode" = closed ] || for rate in $rates; do targets "--rate $rate"; done
  [ "$mode" = rate ] || targets "--concurrency $conc"
done
echo "--- medians of $rounds rounds, ${secs}s each after 5 s warm-up, DB=$db CACHE_TTL=$ttl DEPARTMENTS=$departments," \
  "$(nproc) cores," \
  "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - results.txt <<'PY'
import sys, re, statistics
rows = {}
for line in open(sys.argv[1]):
    label, rest = line.split(' ', 1)
    kv = dict(re.findall(r'(\w+)=([\d.]+|NaN)', rest))
    rows.setdefault((kv.get('rate', 'closed'), label), []).append(kv)
for rate in sorted({k[0] for k in rows}, key=lambda r: (r == 'closed', float(r) if r != 'closed' else 0)):
    med = {}
    for label in ['direct', 'nginx', 'tongban', 'tongban-b']:
        rs = rows.get((rate, label), [])
        if not rs: continue
        med[label] = {k: statistics.median(float(r[k]) for r in rs) for k in ('rps', 'p50_ms', 'p99_ms')}
        if all('server_cpu_us' in r for r in rs):
            med[label]['cpu'] = statistics.median(float(r['server_cpu_us']) for r in rs)
        med[label]['errors'] = sum(int(r['errors']) for r in rs)
        ng = rows.get((rate, 'nginx'), [])
        if all('disk_stalls' in r for r in rs) and len(ng) == len(rs):
            clean = [i for i, r in enumerate(rs) if float(r['disk_stalls']) == 0]
            med[label]['clean'] = (len(clean), len(rs),
                                   statistics.median(float(rs[i]['p99_ms']) for i in clean) if clean else None,
                                   statistics.median(float(ng[i]['p99_ms']) for i in clean) if clean else None)
    for label, m in med.items():
        extra = ''
        if label.startswith('tongban') and 'nginx' in med:
            ngx = med['nginx']
            extra = f"  rps/nginx={m['rps']/ngx['rps']:.2f}  added_p99={m['p99_ms']-ngx['p99_ms']:+.2f} ms"
        if 'cpu' in m:
            extra += f"  server CPU/pull={m['cpu']:.0f} µs"
        if 'clean' in m:
            k, of, p99, nginx_p99 = m['clean']
            extra += f"\n{'':16s}rounds without a disk stall: {k} of {of}" + (
                f", their p99={p99:.2f} ms, added_p99={p99 - nginx_p99:+.2f} ms (against nginx in the same rounds)"
                if k else "")
        print(f"rate={rate:6s} {label:8s} rps={m['rps']:7.0f}  p50={m['p50_ms']:7.2f} ms  p99={m['p99_ms']:7.2f} ms"
              f"  errors={m['errors']}{extra}")
PY
