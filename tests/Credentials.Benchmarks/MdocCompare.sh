#!/usr/bin/env bash
# One command: verifies the same mdoc DeviceResponse (one mDL, 4 elements, ES256, IACA -> document signer, OpenID4VP
# redirect session transcript) with this library and with @animo-id/mdoc on Node.js, and prints the per-operation times.
# The .NET side writes the DeviceResponse; the Node side (tests/Credentials.Interop.Tests/node/mdoc-bench-verify.mjs,
# the interop tests' pinned peer and context) times only its verifyDeviceResponse calls with performance.now. Both
# sides run 10 equal rounds and report the mean and the fastest round's mean (the .NET operations interleaved), so a
# change in the machine's load distorts the ratios less; read the best-round column on a busy machine.
# Usage: bash tests/Credentials.Benchmarks/MdocCompare.sh [iterations]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
node_dir="$root/tests/Credentials.Interop.Tests/node"
iterations="${1:-2000}"

command -v node >/dev/null || { echo "Node.js is required." >&2; exit 1; }
# Install the interop tests' pinned packages into the source folder once per version of package.json.
stamp="$node_dir/node_modules/.credentials-install-stamp"
wanted="$(sha256sum "$node_dir/package.json" | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  (cd "$node_dir" && npm install --no-audit --no-fund --no-package-lock --loglevel=error >/dev/null)
  echo "$wanted" > "$stamp"
fi

echo "Building the .NET side (Release)..." >&2
dotnet build -c Release "$root/tests/Credentials.Benchmarks" -v quiet -nologo >/dev/null

input="$(mktemp --suffix=.json)"
trap 'rm -f "$input"' EXIT
echo "Timing Credentials ($iterations iterations per operation)..." >&2
ours="$(dotnet run -c Release --no-build --project "$root/tests/Credentials.Benchmarks" -- mdoc-peers "$iterations" "$input")"
echo "Timing @animo-id/mdoc on the same DeviceResponse ($iterations iterations)..." >&2
peer="$(cd "$node_dir" && node mdoc-bench-verify.mjs < "$input")"

node --input-type=module -e '
const os = await import("node:os");
const [ours, peer] = [JSON.parse(process.argv[1]), JSON.parse(process.argv[2])];
console.log("## mdoc DeviceResponse verification against @animo-id/mdoc");
console.log(`machine: ${process.arch}, ${os.cpus()[0].model}, ${os.cpus().length} cores, load average ${os.loadavg().map(l => l.toFixed(1)).join(" / ")}`);
console.log(`ours: ${ours.implementation}; peer: @animo-id/mdoc 0.5.2 on Node.js ${peer.node}; DeviceResponse ${ours.deviceResponseBytes} bytes`);
console.log("");
console.log("| operation | mean µs/op | best-round µs/op | vs floor (best) | peer ÷ this (best) |");
console.log("|---|---:|---:|---:|---:|");
const floorBest = ours.floor.best;
const peerBest = peer.bestRoundMicros;
const row = (label, mean, best) => console.log(`| ${label} | ${mean.toFixed(1)} | ${best.toFixed(1)} | ${(best / floorBest).toFixed(2)}x | ${(peerBest / best).toFixed(2)}x |`);
row("floor: 2 ECDSA P-256 verifications + X509Chain (.NET)", ours.floor.mean, ours.floor.best);
row("Credentials MdocVerifier.Verify (chain cache on, default)", ours.verify.mean, ours.verify.best);
row("Credentials MdocVerifier.Verify (chain cache off)", ours.verifyNoChainCache.mean, ours.verifyNoChainCache.best);
row("@animo-id/mdoc verifyDeviceResponse", peer.meanMicros, peer.bestRoundMicros);
console.log("");
console.log(`@animo-id/mdoc: median ${peer.medianMicros} µs, min ${peer.minMicros} µs, p90 ${peer.p90Micros} µs over ${peer.iterations} calls`);
' "$ours" "$peer"
