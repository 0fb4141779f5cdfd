// Signs a payload with a key pair that jose generates, and prints the compact JWS with the public JWK jose exports.
// stdin:  {"alg": "EdDSA" | "Ed25519" | "ES256" | "ES384", "payload": "<text>", "typ"?: "<typ>", "kid"?: "<kid>"}
// stdout: {"jws": "<compact JWS>", "jwk": {<public JWK>}}
import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import { readStdinJson, writeJson } from './jose-io.mjs';

const input = await readStdinJson();
const { publicKey, privateKey } = await generateKeyPair(input.alg, { extractable: true });
const header = { alg: input.alg };
if (input.typ !== undefined) header.typ = input.typ;
if (input.kid !== undefined) header.kid = input.kid;
const jws = await new CompactSign(new TextEncoder().encode(input.payload))
  .setProtectedHeader(header)
  .sign(privateKey);
writeJson({ jws, jwk: await exportJWK(publicKey) });
