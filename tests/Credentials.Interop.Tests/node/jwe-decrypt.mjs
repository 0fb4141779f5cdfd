// Decrypts a compact JWE with jose's compactDecrypt and a private JWK. A JWE that does not decrypt is a result, not a
// failure of the script: {"valid": false, "code": "<jose error code>"}.
// stdin:  {"jwe": "<compact JWE>", "jwk": {<private JWK>}, "enc": ["A128GCM", ...]}
// stdout: {"valid": true, "plaintext": "<base64url>", "header": {...}} or {"valid": false, "code": "..."}
import { compactDecrypt, importJWK, base64url } from 'jose';
import { readStdinJson, writeJson } from './jose-io.mjs';

const input = await readStdinJson();
const key = await importJWK(input.jwk, 'ECDH-ES');
try {
  const { plaintext, protectedHeader } = await compactDecrypt(input.jwe, key, {
    keyManagementAlgorithms: ['ECDH-ES'],
    contentEncryptionAlgorithms: input.enc,
  });
  writeJson({ valid: true, plaintext: base64url.encode(plaintext), header: protectedHeader });
} catch (error) {
  if (typeof error?.code !== 'string' || !error.code.startsWith('ERR_J')) throw error;
  writeJson({ valid: false, code: error.code });
}
