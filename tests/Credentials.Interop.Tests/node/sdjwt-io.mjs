// Shared helpers for the sdjwt-*.mjs scripts: stdin/stdout JSON, and the crypto functions @sd-jwt/core expects to be
// given (hasher, salt generator, signer, verifier, key-binding verifier), built on node:crypto from JWKs.
import { createPrivateKey, createPublicKey, randomBytes, sign, verify } from 'node:crypto';
import { digest } from '@sd-jwt/crypto-nodejs';
import { FlattenJSON, GeneralJSON } from '@sd-jwt/core';

export async function readStdinJson() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export function writeJson(value) {
  process.stdout.write(JSON.stringify(value));
}

// The digest function of @sd-jwt/crypto-nodejs ("sha-256" -> sha256 over the UTF-8 string).
export const hasher = (data, alg) => digest(data, alg);

// 128 random bits, base64url (RFC 9901 section 4.2.1 recommends 128 bits). We do not use generateSalt from
// @sd-jwt/crypto-nodejs: generateSalt(16) returns 16 hex characters, that is 64 bits.
export const saltGenerator = () => randomBytes(16).toString('base64url');

const hashes = { ES256: 'sha256', ES384: 'sha384', ES512: 'sha512' };

function nodeAlgorithm(alg) {
  if (alg === 'EdDSA' || alg === 'Ed25519') return null;
  const hash = hashes[alg];
  if (!hash) throw new Error(`unsupported alg ${alg}`);
  return hash;
}

function keyInput(key, alg) {
  return nodeAlgorithm(alg) === null ? key : { key, dsaEncoding: 'ieee-p1363' };
}

function jwkOnly(jwk) {
  const { kty, crv, x, y, d } = jwk;
  return d === undefined ? { kty, crv, x, y } : { kty, crv, x, y, d };
}

// Signer: (signing input) -> base64url signature, JWS style (raw r||s for ECDSA).
export function signerFor(privateJwk, alg) {
  const key = createPrivateKey({ key: jwkOnly(privateJwk), format: 'jwk' });
  return (data) => sign(nodeAlgorithm(alg), Buffer.from(data, 'utf8'), keyInput(key, alg)).toString('base64url');
}

function headerOf(signingInput) {
  return JSON.parse(Buffer.from(signingInput.split('.')[0], 'base64url').toString('utf8'));
}

// Verifier for one public JWK; the JWS header's alg must be the expected one (the token does not choose).
export function verifierFor(publicJwk, alg) {
  const key = createPublicKey({ key: jwkOnly(publicJwk), format: 'jwk' });
  return (data, signature) => headerOf(data).alg === alg
    && verify(nodeAlgorithm(alg), Buffer.from(data, 'utf8'), keyInput(key, alg), Buffer.from(signature, 'base64url'));
}

// Key-binding verifier: the holder key is the cnf.jwk of the processed payload; the KB-JWT alg must fit that key.
export const kbVerifier = (data, signature, payload) => {
  const jwk = payload?.cnf?.jwk;
  if (!jwk) return false;
  const alg = headerOf(data).alg;
  const fits = jwk.kty === 'OKP' ? (alg === 'EdDSA' || alg === 'Ed25519') && jwk.crv === 'Ed25519'
    : jwk.kty === 'EC' && ({ 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' })[jwk.crv] === alg;
  return fits && verifierFor(jwk, alg)(data, signature);
};

// Serializations: "compact" (a string), "flattened" or "general" (JWS JSON objects, RFC 9901 section 8).
export function toCompact(sdJwt, serialization) {
  switch (serialization ?? 'compact') {
    case 'compact': return sdJwt;
    case 'flattened': return FlattenJSON.fromSerialized(sdJwt).toEncoded();
    case 'general': return GeneralJSON.fromSerialized(sdJwt).toEncoded(0);
    default: throw new Error(`unknown serialization ${serialization}`);
  }
}

export function fromCompact(compact, serialization) {
  switch (serialization ?? 'compact') {
    case 'compact': return compact;
    case 'flattened': return FlattenJSON.fromEncode(compact).toJson();
    case 'general': return GeneralJSON.fromEncode(compact).toJson();
    default: throw new Error(`unknown serialization ${serialization}`);
  }
}
