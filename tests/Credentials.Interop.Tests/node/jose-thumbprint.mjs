// Computes jose's RFC 7638 JWK thumbprint and RFC 9278 thumbprint URI (SHA-256) of a JWK.
// stdin:  {"jwk": {...}}
// stdout: {"thumbprint": "<base64url>", "uri": "urn:ietf:params:oauth:jwk-thumbprint:sha-256:<base64url>"}
import { calculateJwkThumbprint, calculateJwkThumbprintUri } from 'jose';
import { readStdinJson, writeJson } from './jose-io.mjs';

const input = await readStdinJson();
writeJson({
  thumbprint: await calculateJwkThumbprint(input.jwk, 'sha256'),
  uri: await calculateJwkThumbprintUri(input.jwk, 'sha256'),
});
