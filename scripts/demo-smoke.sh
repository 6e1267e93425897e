#!/usr/bin/env bash
# Starts `java -jar tongban.jar --demo` in a scratch directory, as the README says, and checks the first-minute
# flows: health is UP, a request without a client certificate is a 401 problem, a demo system reads a
# catalogue entry with its certificate, a window asks for a proof on the retained list (data pull), for an
# e-licence confirmed with its issuer's register and for one that is not, verifies a sealed OFD, and the licensing system stamps
# an OFD with the demo seal that then verifies. Stops the server however it ends.
set -euo pipefail
jar=$(realpath "${1:-server/target/tongban.jar}")
vectors=$(realpath "$(dirname "$0")/../test-fixtures/src/main/resources/vectors/gbt38540")
samples=$(realpath "$(dirname "$0")/../docs/samples")
work=$(mktemp -d)
port=${SMOKE_PORT:-18443}
cd "$work"
java -XX:+ExitOnOutOfMemoryError -jar "$jar" --demo --server.port="$port" --tongban.demo.first-port=0 --tongban.cluster.port=5751 \
  > server.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT

base="https://localhost:$port"
for _ in $(seq 1 120); do
  if curl -sf --cacert pki/ca.crt "$base/actuator/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 $pid 2>/dev/null; then echo "server exited:"; tail -50 server.log; exit 1; fi
  sleep 1
done

fail() { echo "SMOKE FAILED: $*"; tail -30 server.log; exit 1; }
health=$(curl -s --cacert pki/ca.crt "$base/actuator/health")
echo "$health" | grep -q '"status":"UP"' || fail "health: $health"
anon=$(curl -s -o /dev/null -w '%{http_code} %{content_type}' --cacert pki/ca.crt "$base/api/v1/exchange/me")
[[ "$anon" == "401 application/problem+json"* ]] || fail "anonymous: $anon"
entry=$(curl -s --cacert pki/ca.crt --cert pki/clients/smr-licensing.crt --key pki/clients/smr-licensing.key \
  "$base/api/v1/catalogue/resources/310000-102001-00001")
echo "$entry" | grep -q '"code":"310000-102001-00001"' || fail "catalogue read: $entry"
page=$(curl -s --cacert pki/ca.crt "$base/api-docs/init.js")
[ "$(echo "$page" | grep -c 'url: "/openapi/')" -eq 7 ] || fail "API page does not list seven APIs"
win=(--cacert pki/ca.crt --cert pki/clients/city-service-window.crt --key pki/clients/city-service-window.key)
applicant='"applicant":{"idType":"RESIDENT_ID_NUMBER","id":"310115199212302849","name":"赵婧"},"operator":"smoke"'
proof=$(curl -s "${win[@]}" -H 'Content-Type: application/json' "$base/api/v1/proofs/requests" \
  -d '{"serviceItem":"310000-QR-0001","proof":"310000-QR-0001-03",'"$applicant"'}')
echo "$proof" | grep -q '"outcome":"SATISFIED"' || fail "proof by data pull: $proof"
birth=$(curl -s "${win[@]}" -H 'Content-Type: application/json' "$base/api/v1/proofs/requests" \
  -d '{"serviceItem":"310000-QR-0002","proof":"出生医学证明",'"$applicant"'}')
echo "$birth" | grep -q '"outcome":"SATISFIED"' && echo "$birth" | grep -q '"confirmed":true' \
  || fail "e-licence confirmed with its issuer's register: ${birth:0:400}"
refused=$(curl -s "${win[@]}" -H 'Content-Type: application/json' "$base/api/v1/proofs/requests" \
  -d '{"serviceItem":"310000-QR-0001","proof":"婚姻状况证明",'"$applicant"'}')
echo "$refused" | grep -q '"code":"PROOF_NOT_ON_RETAINED_LIST"' || fail "proof not on the list: $refused"
report=$(curl -s "${win[@]}" -H 'Content-Type: application/ofd' --data-binary @"$vectors/allprotected.ofd" \
  "$base/api/v1/verifications")
echo "$report" | grep -q '"subIndication":"NO_CERTIFICATE_CHAIN_FOUND"' || fail "verification: ${report:0:300}"
lic=(--cacert pki/ca.crt --cert pki/clients/smr-licensing.crt --key pki/clients/smr-licensing.key)
code=$(curl -s -o stamped.ofd -w '%{http_code}' "${lic[@]}" -H 'Content-Type: application/ofd' \
  --data-binary @"$samples/notice.ofd" \
  "$base/api/v1/seals/demo-smr-approval-seal/stamps?page=1&x=120&y=200")
[ "$code" = 200 ] || fail "stamp: HTTP $code $(head -c 300 stamped.ofd)"
stamped=$(curl -s "${win[@]}" -H 'Content-Type: application/ofd' --data-binary @stamped.ofd \
  "$base/api/v1/verifications?revocation=false")
echo "$stamped" | grep -q '"indication":"TOTAL_PASSED"' || fail "stamped OFD: ${stamped:0:300}"
echo "demo smoke: 10 passed, 0 failed"
