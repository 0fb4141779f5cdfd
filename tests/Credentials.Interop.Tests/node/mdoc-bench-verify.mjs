// Times @animo-id/mdoc's Verifier.verifyDeviceResponse on one DeviceResponse: the same input as mdoc-verify.mjs plus
// "iterations", "warmup" and "rounds". Only the verify calls are timed (performance.now around each call, after a
// warm-up), so process start and module loading are excluded. Every call must pass, or the script fails.
// stdout: {"iterations", "meanMicros", "bestRoundMicros" (the mean of the fastest of `rounds` equal rounds, as the .NET
//          side reports it), "medianMicros", "minMicros", "p90Micros", "node": "<version>"}
import { performance } from 'node:perf_hooks';
import { Verifier } from '@animo-id/mdoc';
import { context, fromHex, pemToDer, readStdinJson, transcriptFrom, writeJson } from './mdoc-io.mjs';

const input = await readStdinJson();
const encodedDeviceResponse = input.deviceResponseHex
  ? fromHex(input.deviceResponseHex)
  : new Uint8Array(Buffer.from(input.deviceResponseBase64Url, 'base64url'));
const trustedCertificates = input.trustedPems.map(pemToDer);
const { sessionTranscriptBytes } = transcriptFrom(input);
const iterations = input.iterations ?? 1000;
const warmup = input.warmup ?? 200;
const verifier = new Verifier();

async function verifyOnce() {
  let failed = null;
  await verifier.verifyDeviceResponse({
    encodedDeviceResponse,
    encodedSessionTranscript: sessionTranscriptBytes,
    trustedCertificates,
    onCheck: (check) => { if (check.status === 'FAILED') failed ??= check.check; },
  }, context);
  if (failed) throw new Error(`their verifier refused the benchmark input: ${failed}`);
}

for (let i = 0; i < warmup; i++) await verifyOnce();
const samples = new Float64Array(iterations);
for (let i = 0; i < iterations; i++) {
  const start = performance.now();
  await verifyOnce();
  samples[i] = (performance.now() - start) * 1000;
}
const sorted = [...samples].sort((a, b) => a - b);
const round = (x) => Math.round(x * 10) / 10;
const rounds = input.rounds ?? 10;
const perRound = Math.max(1, Math.floor(iterations / rounds));
let bestRound = Infinity;
for (let r = 0; r + perRound <= iterations; r += perRound) {
  bestRound = Math.min(bestRound, samples.subarray(r, r + perRound).reduce((a, b) => a + b, 0) / perRound);
}
writeJson({
  iterations,
  meanMicros: round(samples.reduce((a, b) => a + b, 0) / iterations),
  bestRoundMicros: round(bestRound),
  medianMicros: round(sorted[Math.floor(iterations / 2)]),
  minMicros: round(sorted[0]),
  p90Micros: round(sorted[Math.floor(iterations * 0.9)]),
  node: process.version,
});
