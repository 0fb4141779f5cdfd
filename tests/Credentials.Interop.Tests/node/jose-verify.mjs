// Verifies a compact JWS with jose's compactVerify and a public JWK. A signature that does not verify is a result,
// not a failure of the script: {"valid": false, "code": "<jose error code>"}.
// stdin:  {"jws": "<compact JWS>", "jwk": {<public JWK>}, "algorithms": ["EdDSA", ...]}
// stdout: {"valid": true, "payload": "<text>", "header": {...}} or {"valid": false, "code": "..."}
import { compactVerify, importJWK } from 'jose';
import { readStdinJson, writeJson } from './jose-io.mjs';

const input = await readStdinJson();
const key = await importJWK(input.jwk, input.algorithms[0]);
try {
  const { payload, protectedHeader } = await compactVerify(input.jws, key, { algorithms: input.algorithms });
  writeJson({ valid: true, payload: new TextDecoder().decode(payload), header: protectedHeader });
} catch (error) {
  if (typeof error?.code !== 'string' || !error.code.startsWith('ERR_J')) throw error;
  writeJson({ valid: false, code: error.code });
}
