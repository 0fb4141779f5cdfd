#!/usr/bin/env bash
# One command: times peers in Node.js and this library on the same workloads on this machine, and prints the ratios
# against the targets.
#   sd-jwt:          the OpenWallet Foundation's sd-jwt-js on an SD-JWT VC (EdDSA, 10 disclosable claims, cnf; present
#                    3 with a KB-JWT; verify with the KB-JWT required); targets at least 5x on issue, 4x on verify.
#   data-integrity:  Digital Bazaar's @digitalbazaar/vc verifying an eddsa-rdfc-2022 Open Badges 3.0 credential
#                    (41 quads) that the .NET side signed, the same bytes on both sides; target at least 10x.
# Usage: bash tests/Credentials.Benchmarks/Peers/compare.sh [iterations] [sd-jwt|data-integrity|all]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
iterations="${1:-3000}"
workload="${2:-all}"
case "$workload" in sd-jwt|data-integrity|all) ;; *) echo "workload must be sd-jwt, data-integrity or all" >&2; exit 2 ;; esac

command -v node >/dev/null || { echo "Node.js is required." >&2; exit 1; }
# Install the pinned packages once per version of package.json.
stamp="$here/node_modules/.credentials-install-stamp"
wanted="$(sha256sum "$here/package.json" | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  (cd "$here" && npm install --no-audit --no-fund --no-package-lock --loglevel=error >/dev/null)
  echo "$wanted" > "$stamp"
fi

echo "Building the .NET side (Release)..." >&2
dotnet build -c Release "$root/tests/Credentials.Benchmarks" -v quiet -nologo >/dev/null

machine() {
  node --input-type=module -e '
const os = await import("node:os");
console.log(`machine: ${process.arch}, ${os.cpus()[0].model}, ${os.cpus().length} cores, load average ${os.loadavg().map(l => l.toFixed(1)).join(" / ")}`);'
}

# table <peer json> <ours json> <peer name> then rows "label|key|ours key|target" on stdin.
table() {
  node --input-type=module -e '
const [peer, ours, name] = [JSON.parse(process.argv[1]), JSON.parse(process.argv[2]), process.argv[3]];
const rows = (await new Promise(r => { let t = ""; process.stdin.on("data", d => t += d).on("end", () => r(t)); }))
  .trim().split("\n").map(line => line.split("|"));
console.log(`peer: ${peer.implementation}`);
console.log(`ours: ${ours.implementation}`);
console.log("");
console.log(`| operation | Credentials (µs) | ${name} (µs) | ratio | target | met |`);
console.log("|---|---:|---:|---:|---:|---|");
for (const [label, key, oursKey, target] of rows) {
  const ratio = peer[key] / ours[oursKey || key];
  const met = target === "" ? "" : ratio >= Number(target) ? "yes" : "no";
  console.log(`| ${label} | ${ours[oursKey || key].toFixed(1)} | ${peer[key].toFixed(1)} | ${ratio.toFixed(2)}x | ${target === "" ? "" : target + "x"} | ${met} |`);
}
' "$1" "$2" "$3"
}

if [ "$workload" != "data-integrity" ]; then
  echo "Timing sd-jwt-js ($iterations iterations per operation)..." >&2
  peer="$(node "$here/sd-jwt-js.mjs" "$iterations")"
  echo "Timing Credentials ($iterations iterations per operation)..." >&2
  ours="$(dotnet run -c Release --no-build --project "$root/tests/Credentials.Benchmarks" -- peers "$iterations")"
  echo "## SD-JWT VC against sd-jwt-js"
  machine
  table "$peer" "$ours" "sd-jwt-js" <<'ROWS'
raw Ed25519 signature|rawSignMicroseconds||
raw Ed25519 verification|rawVerifyMicroseconds||
issue (10 disclosable, cnf)|issueMicroseconds||5
present 3 with KB-JWT (from stored text)|presentMicroseconds||
verify with KB-JWT|verifyMicroseconds||4
ROWS
  echo ""
fi

if [ "$workload" != "sd-jwt" ]; then
  signed="$(mktemp --suffix=.json)"
  trap 'rm -f "$signed"' EXIT
  echo "Timing Credentials, Data Integrity ($iterations iterations per operation)..." >&2
  ours="$(dotnet run -c Release --no-build --project "$root/tests/Credentials.Benchmarks" -- peers-di "$iterations" "$signed")"
  echo "Timing @digitalbazaar/vc on the same credential ($iterations iterations per operation)..." >&2
  peer="$(node "$here/vc-di.mjs" "$iterations" "$signed" "$root/specs/vectors/jsonld-contexts")"
  echo "## W3C Data Integrity (eddsa-rdfc-2022, Open Badges 3.0, 41 quads) against @digitalbazaar/vc"
  machine
  table "$peer" "$ours" "@digitalbazaar/vc" <<'ROWS'
raw Ed25519 verification (64 bytes)|rawVerifyMicroseconds||
verify the credential (proof, issuer, validity; status not resolved)|verifyMicroseconds||10
their credential verification against our proof alone (DataIntegrityVerifier)|verifyMicroseconds|proofVerifyMicroseconds|
ROWS
fi
