// Secures a W3C Verifiable Credential as application/vc+jwt (VC-JOSE-COSE section 3.1.1: the JWS payload is the
// credential itself) with jose's CompactSign (pinned in package.json): header {alg, typ: "vc+jwt", kid?}. Without a
// JWK, jose generates the key.
// Usage:  node vc-jwt-sign.mjs <EdDSA|ES256>
// stdin:  {"credential": {...}, "jwk": {<private JWK>}?, "kid": "..."?}
// stdout: {"jwt": "<compact JWS>", "publicJwk": {...}}
import { CompactSign, exportJWK, generateKeyPair, importJWK } from 'jose';
import { readStdinJson, writeJson } from './jose-io.mjs';

const [alg] = process.argv.slice(2);
if (alg !== 'EdDSA' && alg !== 'ES256') {
  process.stderr.write('usage: node vc-jwt-sign.mjs <EdDSA|ES256>\n');
  process.exit(2);
}

const input = await readStdinJson();
let jwk = input.jwk;
if (!jwk) {
  const pair = await generateKeyPair(alg, { crv: alg === 'EdDSA' ? 'Ed25519' : undefined, extractable: true });
  jwk = await exportJWK(pair.privateKey);
}

const header = { alg, typ: 'vc+jwt' };
if (input.kid) header.kid = input.kid;
const jwt = await new CompactSign(new TextEncoder().encode(JSON.stringify(input.credential)))
  .setProtectedHeader(header)
  .sign(await importJWK(jwk, alg));
const { d, ...publicJwk } = jwk;
writeJson({ jwt, publicJwk });
