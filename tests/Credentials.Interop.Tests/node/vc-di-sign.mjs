// Signs a W3C Verifiable Credential with a Data Integrity proof: @digitalbazaar/vc's issue() with
// @digitalbazaar/data-integrity and the eddsa-rdfc-2022 (Ed25519) or ecdsa-rdfc-2019 (P-256) cryptosuite, all pinned
// in package.json. The key is new; the issuer becomes its did:key (their verifier requires the issuer to control the
// verification method): a string issuer is replaced, an object issuer gets it as its id.
// Usage:  node vc-di-sign.mjs <contexts-dir> <eddsa-rdfc-2022|ecdsa-rdfc-2019>
// stdin:  {"credential": {...}}
// stdout: {"credential": {... with proof}, "issuer": "did:key:...", "verificationMethod": "did:key:...#..."}
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuites, documentLoaderFor, generateDidKeyPair, readStdinJson, writeJson } from './vc-di-io.mjs';

const [contextsDir, suiteName] = process.argv.slice(2);
if (!contextsDir || !cryptosuites[suiteName]) {
  process.stderr.write('usage: node vc-di-sign.mjs <contexts-dir> <eddsa-rdfc-2022|ecdsa-rdfc-2019>\n');
  process.exit(2);
}

const input = await readStdinJson();
const { keyPair, did } = await generateDidKeyPair(suiteName);
const issuer = typeof input.credential.issuer === 'object' ? { ...input.credential.issuer, id: did } : did;
const credential = { ...input.credential, issuer };
const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: cryptosuites[suiteName] });
const signed = await vc.issue({ credential, suite, documentLoader: documentLoaderFor(contextsDir) });
writeJson({ credential: signed, issuer: did, verificationMethod: keyPair.id });
