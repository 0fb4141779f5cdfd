// Verifies an SD-JWT(+KB) with @sd-jwt/core (their verifier). A presentation they reject is a result, not a script
// failure: {"ok": false, "error": "<their message>"}; the script exits non-zero only for its own bugs.
// stdin:  {"sdJwt": <compact string or JWS JSON object>, "serialization": "compact"|"flattened"|"general",
//          "issuerJwk": {<public JWK>}, "alg": "EdDSA"|"ES256", "nonce": "..." | null, "requiredClaimKeys": [...]?}
//         A non-null nonce makes their verifier require and check the KB-JWT (their keyBindingNonce option).
// stdout: {"ok": true, "claims": {...}, "header": {...}, "kb": {"header": {...}, "payload": {...}} | null}
import { GeneralJSON, SDJwtGeneralJSONInstance, SDJwtInstance } from '@sd-jwt/core';
import { hasher, kbVerifier, readStdinJson, toCompact, verifierFor, writeJson } from './sdjwt-io.mjs';

const input = await readStdinJson();
const config = { hasher, verifier: verifierFor(input.issuerJwk, input.alg), kbVerifier };
const options = {
  keyBindingNonce: input.nonce ?? undefined,
  requiredClaimKeys: input.requiredClaimKeys ?? undefined,
};

// Parsing into their model is outside the try: input the script cannot even read is a harness bug.
const general = input.serialization === 'general' ? GeneralJSON.fromSerialized(input.sdJwt) : null;
const compact = general ? null : toCompact(input.sdJwt, input.serialization);

let result;
try {
  result = general
    ? await new SDJwtGeneralJSONInstance(config).verify(general, options)
    : await new SDJwtInstance(config).verify(compact, options);
} catch (error) {
  writeJson({ ok: false, error: `${error?.name ?? 'Error'}: ${error?.message ?? error}` });
  process.exit(0);
}

writeJson({
  ok: true,
  claims: result.payload,
  header: result.header ?? result.headers?.[0] ?? null,
  kb: result.kb ? { header: result.kb.header, payload: result.kb.payload } : null,
});
