#!/usr/bin/env bash
# One command: times the OpenWallet Foundation's sd-jwt-js and this library on the same SD-JWT VC workload (EdDSA,
# 10 disclosable claims, cnf; present 3 with a KB-JWT; verify with the KB-JWT required) on this machine, and prints
# the ratios against the issue 8 targets (at least 5x on issue, 4x on verify).
# Usage: bash tests/Credentials.Benchmarks/Peers/compare.sh [iterations]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
iterations="${1:-3000}"

command -v node >/dev/null || { echo "Node.js is required." >&2; exit 1; }
if [ ! -d "$here/node_modules/@sd-jwt/sd-jwt-vc" ]; then
  (cd "$here" && npm install --no-audit --no-fund --no-package-lock --loglevel=error >/dev/null)
fi

echo "Building the .NET side (Release)..." >&2
dotnet build -c Release "$root/tests/Credentials.Benchmarks" -v quiet -nologo >/dev/null
echo "Timing sd-jwt-js ($iterations iterations per operation)..." >&2
peer="$(node "$here/sd-jwt-js.mjs" "$iterations")"
echo "Timing Credentials ($iterations iterations per operation)..." >&2
ours="$(dotnet run -c Release --no-build --project "$root/tests/Credentials.Benchmarks" -- peers "$iterations")"

node --input-type=module -e '
const [peer, ours] = [JSON.parse(process.argv[1]), JSON.parse(process.argv[2])];
const rows = [
  ["raw Ed25519 signature", "rawSignMicroseconds", null],
  ["raw Ed25519 verification", "rawVerifyMicroseconds", null],
  ["issue (10 disclosable, cnf)", "issueMicroseconds", 5],
  ["present 3 with KB-JWT (from stored text)", "presentMicroseconds", null],
  ["verify with KB-JWT", "verifyMicroseconds", 4],
];
console.log(`machine: ${process.arch}, ${(await import("node:os")).cpus()[0].model}, ${(await import("node:os")).cpus().length} cores`);
console.log(`peer: ${peer.implementation}`);
console.log(`ours: ${ours.implementation}`);
console.log("");
console.log("| operation | Credentials (µs) | sd-jwt-js (µs) | ratio | target | met |");
console.log("|---|---:|---:|---:|---:|---|");
for (const [name, key, target] of rows) {
  const ratio = peer[key] / ours[key];
  const met = target === null ? "" : ratio >= target ? "yes" : "no";
  console.log(`| ${name} | ${ours[key].toFixed(1)} | ${peer[key].toFixed(1)} | ${ratio.toFixed(2)}x | ${target === null ? "" : target + "x"} | ${met} |`);
}
' "$peer" "$ours"
