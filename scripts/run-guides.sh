#!/usr/bin/env bash
# Runs every example in the README and the guides (docs/guide/*.md) against a freshly started demo, exactly as a
# reader would paste them: each file's ```bash blocks, in order, in one bash with `set -euo pipefail`, from a
# directory that looks like the repository root (docs/ and server/ are links) and where the demo runs (so pki/
# and data/ are there). A block that fails stops that file and fails the run; the other files still run.
# Blocks fenced as anything but ```bash (sh, console, properties, yaml, java, ...) are shown, never run.
#
#   scripts/run-guides.sh [jar] [file.md ...]     (default: server/target/tongban.jar, README.md docs/guide/*.md)
#
# A failing file's output is shown; VERBOSE=1 shows every file's.
#
# The demo listens on PORT (default 8443), its simulated departments on DEPT_PORT and up (default 18081), so that
# two runs on one machine can use ports of their own; both are exported to the examples.
set -euo pipefail
repo=$(realpath "$(dirname "$0")/..")
jar=$(realpath "${1:-$repo/server/target/tongban.jar}")
shift || true
if [ $# -gt 0 ]; then files=("$@"); else files=("$repo/README.md" "$repo"/docs/guide/*.md); fi
for i in "${!files[@]}"; do files[$i]=$(realpath "${files[$i]}"); done
export PORT=${PORT:-8443} DEPT_PORT=${DEPT_PORT:-18081}
command -v jq >/dev/null || { echo "run-guides: the guides use jq; install it (apt-get install jq)"; exit 2; }

work=$(mktemp -d)
ln -s "$repo/docs" "$work/docs"
mkdir -p "$work/server/target"
ln -s "$jar" "$work/server/target/tongban.jar"
cd "$work"
java -XX:+ExitOnOutOfMemoryError -jar server/target/tongban.jar --demo --server.port="$PORT" --tongban.demo.first-port="$DEPT_PORT" > server.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do   # a busy machine starts slowly
  if curl -sf --cacert pki/ca.crt "https://localhost:$PORT/actuator/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 $pid 2>/dev/null; then echo "run-guides: the demo exited:"; tail -50 server.log; exit 1; fi
  sleep 1
done

# Writes one script per markdown file: its ```bash blocks, each announced with the file and line it starts at.
extract() {
  awk -v name="$2" '
    /^```bash[[:space:]]*$/ && !inblock { inblock = 1; n++; printf "echo \"--- %s, example %d (line %d)\"\n", name, n, NR; next }
    /^```/ && inblock { inblock = 0; next }
    inblock { print }
  ' "$1"
}

passed=0; failed=0; failures=()
for f in "${files[@]}"; do
  rel=${f#"$repo"/}
  script="$work/.example-$(basename "$f" .md).sh"
  extract "$f" "$rel" > "$script"
  count=$(grep -c '^echo "--- ' "$script" || true)
  [ "$count" -gt 0 ] || continue
  if (cd "$work" && bash -euo pipefail "$script") > "$script.out" 2>&1; then
    passed=$((passed + 1)); echo "ok    $rel ($count examples)"
    [ -z "${VERBOSE:-}" ] || sed 's/^/      /' "$script.out"
  else
    failed=$((failed + 1)); failures+=("$rel")
    echo "FAIL  $rel"; sed 's/^/      /' "$script.out" | tail -40
  fi
done
echo "guides: $passed passed, $failed failed${failures[*]:+ (${failures[*]})}"
if [ "$failed" -gt 0 ]; then echo "--- server log (tail)"; tail -15 server.log; exit 1; fi
