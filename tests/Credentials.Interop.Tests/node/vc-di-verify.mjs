// Verifies a W3C Verifiable Credential's Data Integrity proof with @digitalbazaar/vc's verifyCredential()
// (eddsa-rdfc-2022 and ecdsa-rdfc-2019 accepted; pinned in package.json). A credential they refuse is a result, not a
// failure of the script: {"valid": false, "errors": [...their messages]}.
// Usage:  node vc-di-verify.mjs <contexts-dir>
// stdin:  the secured credential
// stdout: {"valid": true, "errors": []} or {"valid": false, "errors": ["..."]}
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuites, documentLoaderFor, readStdinJson, writeJson } from './vc-di-io.mjs';

const [contextsDir] = process.argv.slice(2);
if (!contextsDir) {
  process.stderr.write('usage: node vc-di-verify.mjs <contexts-dir>\n');
  process.exit(2);
}

const credential = await readStdinJson();
const suite = Object.values(cryptosuites).map(cryptosuite => new DataIntegrityProof({ cryptosuite }));
const result = await vc.verifyCredential({ credential, suite, documentLoader: documentLoaderFor(contextsDir) });
const errors = [];
const collect = (error) => { if (error) errors.push(String(error.message ?? error)); };
collect(result.error);
for (const proof of result.results ?? []) collect(proof.error);
writeJson({ valid: result.verified === true, errors });
