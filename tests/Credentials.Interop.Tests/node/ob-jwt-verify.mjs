// Verifies an Open Badges 3.0 JWT (section 8.2) with jose's jwtVerify: the key from the token's own `jwk` header
// (EmbeddedJWK), `typ` JWT, the caller's algorithm allow-list, then the registered claims against the credential in
// the payload: iss = issuer.id, jti = id, sub = credentialSubject.id, nbf = validFrom, exp = validUntil (to the second).
// A token they refuse is a result, not a failure of the script: {"valid": false, "code": "<jose error code>"}.
// stdin:  {"jwt": "<compact JWS>", "algorithms": ["EdDSA", ...]}
// stdout: {"valid": true, "header": {...}, "payload": {...}, "claimsMatch": true} or {"valid": false, "code": "..."}
import { EmbeddedJWK, jwtVerify } from 'jose';
import { readStdinJson, writeJson } from './jose-io.mjs';

const { jwt, algorithms } = await readStdinJson();
let verified;
try {
  verified = await jwtVerify(jwt, EmbeddedJWK, { algorithms, typ: 'JWT' });
} catch (error) {
  if (typeof error?.code !== 'string' || !error.code.startsWith('ERR_J')) throw error;
  writeJson({ valid: false, code: error.code });
  process.exit(0);
}

const { payload, protectedHeader } = verified;
const seconds = (date) => Math.floor(Date.parse(date) / 1000);
const issuerId = typeof payload.issuer === 'object' ? payload.issuer.id : payload.issuer;
const subject = Array.isArray(payload.credentialSubject) ? payload.credentialSubject[0] : payload.credentialSubject;
const claimsMatch = payload.iss === issuerId
  && payload.jti === payload.id
  && payload.sub === subject?.id
  && payload.nbf === seconds(payload.validFrom)
  && (payload.validUntil === undefined ? payload.exp === undefined : payload.exp === seconds(payload.validUntil));
writeJson({ valid: true, header: protectedHeader, payload, claimsMatch });
