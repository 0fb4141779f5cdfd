// Signs an Open Badges 3.0 credential with an eddsa-rdfc-2022 Data Integrity proof: @digitalbazaar/vc's issue() with a
// new Ed25519 Multikey whose verification method is an HTTPS URL of the issuer, <issuer>#<publicKeyMultibase>, the
// form of the Open Badges examples. The issuer's id is set to the given URL.
// Usage:  node ob-di-sign.mjs <contexts-dir> <issuer-url>
// stdin:  {"credential": {...}}
// stdout: {"credential": {... with proof}, "verificationMethod": "https://...#z6Mk...", "publicKeyMultibase": "z6Mk..."}
import * as vc from '@digitalbazaar/vc';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuites, documentLoaderWithMethods, readStdinJson, writeJson } from './ob-io.mjs';

const [contextsDir, issuerId] = process.argv.slice(2);
if (!contextsDir || !issuerId) {
  process.stderr.write('usage: node ob-di-sign.mjs <contexts-dir> <issuer-url>\n');
  process.exit(2);
}

const input = await readStdinJson();
const keyPair = await Ed25519Multikey.generate();
keyPair.controller = issuerId;
keyPair.id = `${issuerId}#${keyPair.publicKeyMultibase}`;
const issuer = typeof input.credential.issuer === 'object' ? { ...input.credential.issuer, id: issuerId } : issuerId;
const credential = { ...input.credential, issuer };
const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: cryptosuites['eddsa-rdfc-2022'] });
const methods = [{ id: keyPair.id, controller: issuerId, publicKeyMultibase: keyPair.publicKeyMultibase }];
const signed = await vc.issue({ credential, suite, documentLoader: documentLoaderWithMethods(contextsDir, methods) });
writeJson({ credential: signed, verificationMethod: keyPair.id, publicKeyMultibase: keyPair.publicKeyMultibase });
