// Verifies an SD-JWT VC (optionally with a KB-JWT) with @sd-jwt/sd-jwt-vc's SDJwtVcInstance and a given issuer public
// JWK (no key resolution, no status fetch: the credential carries no status claim). A credential they reject is a
// result, not a script failure: {"ok": false, "error": "<their message>"}; the script exits non-zero only for its own bugs.
// stdin:  {"sdJwt": "<compact SD-JWT[+KB]>", "issuerJwk": {<public JWK>}, "alg": "EdDSA"|"ES256"|"ES384", "nonce": "..." | null}
//         A non-null nonce makes their verifier require and check the KB-JWT (their keyBindingNonce option).
// stdout: {"ok": true, "claims": {...}, "header": {...}, "kb": {"header": {...}, "payload": {...}} | null}
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { hasher, kbVerifier, readStdinJson, verifierFor, writeJson } from './sdjwt-io.mjs';

const input = await readStdinJson();
const instance = new SDJwtVcInstance({ hasher, verifier: verifierFor(input.issuerJwk, input.alg), kbVerifier });

let result;
try {
  result = await instance.verify(input.sdJwt, { keyBindingNonce: input.nonce ?? undefined });
} catch (error) {
  writeJson({ ok: false, error: `${error?.name ?? 'Error'}: ${error?.message ?? error}` });
  process.exit(0);
}

writeJson({
  ok: true,
  claims: result.payload,
  header: result.header ?? null,
  kb: result.kb ? { header: result.kb.header, payload: result.kb.payload } : null,
});
