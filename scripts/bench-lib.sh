# Shared by the loopback load scripts (source it; needs $bench = the benchmarks jar).

# CPU time a process has used so far, in ms (/proc/<pid>/stat utime + stime, 10 ms ticks).
cpu_ms() { awk '{print ($14 + $15) * 10}' "/proc/$1/stat"; }

# CPU time of a JVM's JIT compiler threads so far, in ms.
jit_ms() {
  local sum=0 t
  for t in /proc/"$1"/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in
      C1\ Compiler*|C2\ Compiler*) sum=$((sum + $(awk '{print $14 + $15}' "$t/stat") * 10)) ;;
    esac
  done
  echo "$sum"
}

# warm PID LABEL LoadRun-arguments...: closed-loop load in 10 s rounds until the JVM PID's JIT has settled, i.e.
# its compiler threads used under 5% of its CPU in a round (at least 3 rounds, at most WARM_MAX seconds, default
# 600). A Spring Boot server on two cores keeps compiling for minutes under load: with the 13 s warm-up used before
# 2026-11-23 Tongban was measured at 6-7 ms of CPU per verification, 3 ms once its JIT had settled. Each round's
# CPU per request and JIT share go to stderr.
warm() {
  local pid=$1 label=$2 start=$SECONDS rounds=0 c0 j0 c1 j1 line n
  shift 2
  while :; do
    c0=$(cpu_ms "$pid"); j0=$(jit_ms "$pid")
    line=$(java -cp "$bench" cn.tongban.bench.load.LoadRun --label "warm-$label" --seconds 10 --warmup 0 "$@")
    c1=$(cpu_ms "$pid"); j1=$(jit_ms "$pid"); rounds=$((rounds + 1))
    n=$(echo "$line" | sed -E 's/.*requests=([0-9]+).*/\1/')
    python3 -c "import sys; c=$c1-$c0; j=$j1-$j0; print(f'  warm-up $label round $rounds: {c/max(1,$n):.2f} ms CPU per request, JIT {100*j/max(1,c):.0f}% of CPU', file=sys.stderr)"
    if [ "$rounds" -ge 3 ] && [ $(( (j1 - j0) * 20 )) -lt $((c1 - c0)) ]; then break; fi
    if [ $((SECONDS - start)) -ge "${WARM_MAX:-600}" ]; then echo "  warm-up $label: JIT still busy after ${WARM_MAX:-600} s" >&2; break; fi
  done
}
