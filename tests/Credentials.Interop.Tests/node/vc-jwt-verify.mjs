// Verifies an application/vc+jwt credential with jose's compactVerify (pinned in package.json) and a public JWK, then
// checks what VC-JOSE-COSE adds (section 3.1.1): typ vc+jwt, and a payload that is a VCDM 2.0 credential. A token they
// refuse is a result, not a failure of the script: {"valid": false, "code": "<jose error code or ours>"}.
// stdin:  {"jwt": "<compact JWS>", "jwk": {<public JWK>}, "alg": "EdDSA"|"ES256"}
// stdout: {"valid": true, "credential": {...}, "header": {...}} or {"valid": false, "code": "...", "error": "..."}
import { compactVerify, importJWK } from 'jose';
import { readStdinJson, writeJson } from './jose-io.mjs';

const input = await readStdinJson();
const key = await importJWK(input.jwk, input.alg);
try {
  const { payload, protectedHeader } = await compactVerify(input.jwt, key, { algorithms: [input.alg] });
  if (protectedHeader.typ !== 'vc+jwt') {
    writeJson({ valid: false, code: 'TYP', error: `typ is ${protectedHeader.typ}` });
  } else {
    const credential = JSON.parse(new TextDecoder().decode(payload));
    const contexts = credential['@context'];
    if (!Array.isArray(contexts) || contexts[0] !== 'https://www.w3.org/ns/credentials/v2') {
      writeJson({ valid: false, code: 'NOT_VCDM2', error: 'the payload is not a VCDM 2.0 credential' });
    } else {
      writeJson({ valid: true, credential, header: protectedHeader });
    }
  }
} catch (error) {
  if (typeof error?.code !== 'string' || !error.code.startsWith('ERR_J')) throw error;
  writeJson({ valid: false, code: error.code, error: error.message });
}
