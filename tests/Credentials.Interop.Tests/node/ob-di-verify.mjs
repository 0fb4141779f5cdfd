// Verifies an Open Badges 3.0 credential's Data Integrity proof (eddsa-rdfc-2022) with @digitalbazaar/vc's
// verifyCredential(), its verification method an HTTPS URL of the issuer given on stdin (see ob-io.mjs). A credential
// they refuse is a result, not a failure of the script: {"valid": false, "errors": [...their messages]}.
// Usage:  node ob-di-verify.mjs <contexts-dir>
// stdin:  {"credential": {...}, "methods": [{"id": "https://...#z6Mk...", "controller": "https://...", "publicKeyMultibase": "z6Mk..."}]}
// stdout: {"valid": true, "errors": []} or {"valid": false, "errors": ["..."]}
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { controllerDocument, cryptosuites, documentLoaderWithMethods, readStdinJson, writeJson } from './ob-io.mjs';

const [contextsDir] = process.argv.slice(2);
if (!contextsDir) {
  process.stderr.write('usage: node ob-di-verify.mjs <contexts-dir>\n');
  process.exit(2);
}

const { credential, methods } = await readStdinJson();
const issuerId = typeof credential.issuer === 'object' ? credential.issuer.id : credential.issuer;
const suite = new DataIntegrityProof({ cryptosuite: cryptosuites['eddsa-rdfc-2022'] });
const result = await vc.verifyCredential({
  credential,
  suite,
  controller: controllerDocument(issuerId, methods),
  documentLoader: documentLoaderWithMethods(contextsDir, methods),
});
const errors = [];
const collect = (error) => { if (error) errors.push(String(error.message ?? error)); };
collect(result.error);
for (const proof of result.results ?? []) collect(proof.error);
writeJson({ valid: result.verified === true, errors });
