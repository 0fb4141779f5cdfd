// Encrypts with jose's CompactEncrypt (alg ECDH-ES) to a public JWK, or, without one, to a P-256 key pair it generates
// and returns (private JWK included, for the other side to import).
// stdin:  {"jwk": {<public JWK>} | null, "enc": "A128GCM", "plaintext": "<base64url>", "kid": "..."?, "apu": "<base64url>"?, "apv": "<base64url>"?}
// stdout: {"jwe": "<compact JWE>", "privateJwk": {...}?}
import { CompactEncrypt, importJWK, generateKeyPair, exportJWK, base64url } from 'jose';
import { readStdinJson, writeJson } from './jose-io.mjs';

const input = await readStdinJson();
let key;
let privateJwk;
if (input.jwk) {
  key = await importJWK(input.jwk, 'ECDH-ES');
} else {
  const pair = await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true });
  key = pair.publicKey;
  privateJwk = await exportJWK(pair.privateKey);
}

const header = { alg: 'ECDH-ES', enc: input.enc };
if (input.kid) header.kid = input.kid;
const encrypter = new CompactEncrypt(base64url.decode(input.plaintext)).setProtectedHeader(header);
const parameters = {};
if (input.apu) parameters.apu = base64url.decode(input.apu);
if (input.apv) parameters.apv = base64url.decode(input.apv);
if (Object.keys(parameters).length > 0) encrypter.setKeyManagementParameters(parameters);
const jwe = await encrypter.encrypt(key);
writeJson(privateJwk ? { jwe, privateJwk } : { jwe });
