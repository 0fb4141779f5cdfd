// Issues an SD-JWT with @sd-jwt/core (their issuer).
// stdin:  {"issuerJwk": {<private JWK>}, "alg": "EdDSA"|"ES256", "claims": {...}, "disclosureFrame": {...},
//          "typ": "example+sd-jwt"?, "serialization": "compact"|"flattened"|"general"}
//         (the holder's cnf belongs in "claims"; their issuer does not add it)
// stdout: {"ok": true, "sdJwt": <compact string or JWS JSON object>, "claims": {<their getClaims of the issuance>}}
import { SDJwtGeneralJSONInstance, SDJwtInstance } from '@sd-jwt/core';
import { fromCompact, hasher, readStdinJson, saltGenerator, signerFor, toCompact, writeJson } from './sdjwt-io.mjs';

const input = await readStdinJson();
const signer = signerFor(input.issuerJwk, input.alg);
const config = { hasher, hashAlg: 'sha-256', saltGenerator, signer, signAlg: input.alg };
const header = input.typ ? { typ: input.typ } : {};
const sdjwt = new SDJwtInstance(config);

let sdJwt;
if (input.serialization === 'general') {
  const general = await new SDJwtGeneralJSONInstance(config).issue(input.claims, input.disclosureFrame, {
    sigs: [{ signer, alg: input.alg, kid: 'issuer-key', header }],
  });
  sdJwt = general.toJson();
} else {
  const compact = await sdjwt.issue(input.claims, input.disclosureFrame, { header });
  sdJwt = fromCompact(compact, input.serialization);
}

const claims = await sdjwt.getClaims(toCompact(sdJwt, input.serialization));
writeJson({ ok: true, sdJwt, claims });
