// Presents an SD-JWT with @sd-jwt/core (their holder): selects disclosures with a presentation frame and adds a
// Key Binding JWT signed with the holder's key.
// stdin:  {"sdJwt": <compact string or JWS JSON object>, "serialization": "compact"|"flattened"|"general",
//          "presentationFrame": {...}, "holderJwk": {<private JWK>}, "alg": "EdDSA"|"ES256",
//          "aud": "...", "nonce": "...", "iat": <seconds>}
// stdout: {"ok": true, "presentation": <same serialization>, "claims": {<their getClaims of the presentation>}}
import { GeneralJSON, SDJwtGeneralJSONInstance, SDJwtInstance } from '@sd-jwt/core';
import { fromCompact, hasher, readStdinJson, saltGenerator, signerFor, toCompact, writeJson } from './sdjwt-io.mjs';

const input = await readStdinJson();
const config = { hasher, saltGenerator, kbSigner: signerFor(input.holderJwk, input.alg), kbSignAlg: input.alg };
const kb = { payload: { iat: input.iat, aud: input.aud, nonce: input.nonce } };

let presentation;
if (input.serialization === 'general') {
  const general = await new SDJwtGeneralJSONInstance(config).present(
    GeneralJSON.fromSerialized(input.sdJwt), input.presentationFrame, { kb });
  presentation = general.toJson();
} else {
  const compact = await new SDJwtInstance(config).present(toCompact(input.sdJwt, input.serialization), input.presentationFrame, { kb });
  presentation = fromCompact(compact, input.serialization);
}

const claims = await new SDJwtInstance(config).getClaims(toCompact(presentation, input.serialization));
writeJson({ ok: true, presentation, claims });
