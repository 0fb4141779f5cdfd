// Times Digital Bazaar's @digitalbazaar/vc verifyCredential (with @digitalbazaar/data-integrity and the
// eddsa-rdfc-2022 cryptosuite, pinned in package.json) on the credential the .NET `peers-di` run signed and wrote:
// an Open Badges 3.0 credential, 41 quads, did:key issuer. Contexts come only from the pinned files that
// <contexts-dir>/README.md's table names, did:key from @digitalbazaar/did-method-key; nothing is fetched. The status
// entry is not resolved (checkStatus answers "verified"), as the .NET side skips it. Before timing, the credential
// must verify and a copy with one changed claim must not.
// Usage: node vc-di.mjs <iterations> <signed.json> <contexts-dir>   Prints one JSON object: microseconds per operation.
import { randomBytes, sign, verify, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as DidKey from '@digitalbazaar/did-method-key';

const [iterationsText, signedPath, contextsDir] = process.argv.slice(2);
if (!signedPath || !contextsDir) {
  process.stderr.write('usage: node vc-di.mjs <iterations> <signed.json> <contexts-dir>\n');
  process.exit(2);
}
const iterations = Number(iterationsText);

const contexts = new Map();
for (const line of readFileSync(join(contextsDir, 'README.md'), 'utf8').split('\n')) {
  const row = /^\| (https:\/\/\S+)[^|]*\| `([^`]+)` \|/.exec(line);
  if (row) contexts.set(row[1], JSON.parse(readFileSync(join(contextsDir, row[2]), 'utf8')));
}
const didKey = DidKey.driver();
didKey.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });
const documentLoader = async (url) => {
  if (contexts.has(url)) return { contextUrl: null, documentUrl: url, document: contexts.get(url) };
  if (url.startsWith('did:key:')) return { contextUrl: null, documentUrl: url, document: await didKey.get({ url }) };
  throw new Error(`refusing to load ${url}`);
};

const credential = JSON.parse(readFileSync(signedPath, 'utf8'));
const now = '2026-04-01T09:00:00Z';
const checkStatus = async () => ({ verified: true });
const verifyIt = (document) => vc.verifyCredential({
  credential: document, suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), documentLoader, checkStatus, now,
});

const check = await verifyIt(credential);
if (!check.verified) throw new Error(`their verifier refused the .NET credential: ${JSON.stringify(check.error ?? check)}`);
const tampered = structuredClone(credential);
tampered.credentialSubject.result[0].value = 'B';
if ((await verifyIt(tampered)).verified) throw new Error('their verifier accepted a tampered credential');

async function time(operation) {
  // Warm up for three seconds, so V8 has optimised the code before timing (as the .NET side lets its JIT do).
  for (const end = Date.now() + 3000; Date.now() < end;) await operation();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await operation();
  return Number(process.hrtime.bigint() - start) / 1000 / iterations;
}

// The same run's floor in Node.js: one Ed25519 verification of 64 bytes (what eddsa-rdfc-2022 signs).
const keys = generateKeyPairSync('ed25519');
const message = randomBytes(64);
const signature = sign(null, message, keys.privateKey);
const result = {
  implementation: '@digitalbazaar/vc 7.3.0 (data-integrity 2.5.0, eddsa-rdfc-2022-cryptosuite 1.3.0, jsonld 9.0.0, rdf-canonize 5.0.0), Node.js ' + process.version,
  rawVerifyMicroseconds: await time(() => verify(null, message, keys.publicKey, signature)),
  verifyMicroseconds: await time(() => verifyIt(credential)),
};
process.stdout.write(JSON.stringify(result) + '\n');
