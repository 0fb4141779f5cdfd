// Shared helpers for the mdoc-*.mjs scripts.
// @animo-id/mdoc takes all cryptography and X.509 handling from its caller (an MdocContext); this file builds that
// context on node:crypto (digests, ECDSA/EdDSA, HMAC, ECDH, HKDF, X509Certificate), and makes the IACA and
// document-signer certificates with @peculiar/x509 (node:crypto cannot create certificates). It also holds the
// OpenID4VP 1.0 redirect SessionTranscript (their library implements only the ISO 18013-7 2024 draft and the
// OpenID4VP draft 24 DC API handovers) and a typed JSON form of element values for comparing both sides.
// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata polyfill loaded first.
import 'reflect-metadata';
import {
  X509Certificate as NodeX509, createECDH, createHash, createHmac, createPrivateKey, createPublicKey, hkdfSync,
  randomBytes, sign as nodeSign, timingSafeEqual, verify as nodeVerify, webcrypto,
} from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { DataItem, DateOnly, cborDecode, cborEncode } from '@animo-id/mdoc';

x509.cryptoProvider.set(webcrypto);

export async function readStdinJson() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export function writeJson(value) {
  process.stdout.write(JSON.stringify(value));
}

export const toHex = (bytes) => Buffer.from(bytes).toString('hex');
export const fromHex = (hex) => new Uint8Array(Buffer.from(hex, 'hex'));

// ---------------------------------------------------------------------------------------------------------------
// The MdocContext their Document, DeviceResponse and Verifier need.

const digestNames = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
const signatureHashes = { ES256: 'sha256', ES384: 'sha384', ES512: 'sha512', EdDSA: null };
const macHashes = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

function jwkOnly(jwk) {
  const { kty, crv, x, y, d } = jwk;
  return d === undefined ? { kty, crv, x, y } : { kty, crv, x, y, d };
}

function signatureHash(alg) {
  if (!(alg in signatureHashes)) throw new Error(`unsupported COSE signature algorithm ${alg}`);
  return signatureHashes[alg];
}

function keyInput(key, alg) {
  return signatureHash(alg) === null ? key : { key, dsaEncoding: 'ieee-p1363' };
}

const nodeNames = { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1' };

export const context = {
  crypto: {
    random: (length) => new Uint8Array(randomBytes(length)),
    digest: ({ digestAlgorithm, bytes }) => {
      const name = digestNames[digestAlgorithm];
      if (!name) throw new Error(`unsupported digest ${digestAlgorithm}`);
      return new Uint8Array(createHash(name).update(bytes).digest());
    },
    // ISO 18013-5 9.1.3.5: EMacKey = HKDF-SHA-256(ECDH(priv, pub), salt = SHA-256(SessionTranscriptBytes), "EMacKey").
    calculateEphemeralMacKeyJwk: ({ privateKey, publicKey, sessionTranscriptBytes }) => {
      const ecdh = createECDH('prime256v1');
      ecdh.setPrivateKey(Buffer.from(privateKey));
      const shared = ecdh.computeSecret(Buffer.from(publicKey));
      const salt = createHash('sha256').update(sessionTranscriptBytes).digest();
      const key = Buffer.from(hkdfSync('sha256', shared, salt, Buffer.from('EMacKey'), 32));
      return { kty: 'oct', k: key.toString('base64url') };
    },
  },
  cose: {
    sign1: {
      sign: ({ sign1, jwk }) => {
        const { data, alg } = sign1.getRawSigningData();
        const key = createPrivateKey({ key: jwkOnly(jwk), format: 'jwk' });
        return new Uint8Array(nodeSign(signatureHash(alg), data, keyInput(key, alg)));
      },
      verify: ({ sign1, jwk, options }) => {
        const { data, alg, signature } = sign1.getRawVerificationData(options);
        const key = createPublicKey({ key: jwkOnly(jwk), format: 'jwk' });
        return nodeVerify(signatureHash(alg), data, keyInput(key, alg), signature);
      },
    },
    mac0: {
      sign: ({ mac0, jwk }) => {
        const { data, alg } = mac0.getRawSigningData();
        return new Uint8Array(createHmac(macHashes[alg], Buffer.from(jwk.k, 'base64url')).update(data).digest());
      },
      verify: ({ mac0, jwk, options }) => {
        const { data, alg, signature } = mac0.getRawVerificationData(options);
        const expected = createHmac(macHashes[alg], Buffer.from(jwk.k, 'base64url')).update(data).digest();
        return expected.length === signature.length && timingSafeEqual(expected, Buffer.from(signature));
      },
    },
  },
  x509: {
    getIssuerNameField: ({ certificate, field }) => new x509.X509Certificate(certificate).issuerName.getField(field),
    getPublicKey: ({ certificate }) => new NodeX509(Buffer.from(certificate)).publicKey.export({ format: 'jwk' }),
    validateCertificateChain: ({ trustedCertificates, x5chain }) => validateChain(trustedCertificates, x5chain, new Date()),
    getCertificateData: ({ certificate }) => {
      const cert = new NodeX509(Buffer.from(certificate));
      return {
        issuerName: cert.issuer,
        subjectName: cert.subject,
        serialNumber: cert.serialNumber,
        thumbprint: cert.fingerprint256.replaceAll(':', '').toLowerCase(),
        notBefore: new Date(cert.validFrom),
        notAfter: new Date(cert.validTo),
        pem: cert.toString(),
      };
    },
  },
};

// Their Verifier leaves chain validation to this callback. It walks from the leaf of x5chain through the chain's own
// certificates to one of the trusted certificates: each link's issuer name and signature must match, every
// certificate must be within its validity period at `now`, and every issuer must be a CA certificate.
function validateChain(trustedCertificates, x5chain, now) {
  const trusted = trustedCertificates.map((der) => new NodeX509(Buffer.from(der)));
  const chain = x5chain.map((der) => new NodeX509(Buffer.from(der)));
  const within = (cert) => now >= new Date(cert.validFrom) && now <= new Date(cert.validTo);
  const issued = (child, parent) => parent.ca && child.checkIssued(parent) && child.verify(parent.publicKey);
  let current = chain[0];
  for (let depth = 0; depth <= chain.length; depth++) {
    if (!within(current)) throw new Error(`certificate ${current.subject} is outside its validity period`);
    const anchor = trusted.find((t) => issued(current, t) || t.fingerprint256 === current.fingerprint256);
    if (anchor) {
      if (!within(anchor)) throw new Error('the trusted certificate is outside its validity period');
      return;
    }
    const next = chain.slice(1).find((c) => issued(current, c));
    if (!next) break;
    current = next;
  }
  throw new Error('the x5chain does not lead to a trusted certificate');
}

// ---------------------------------------------------------------------------------------------------------------
// Certificates: an IACA root and a document signer after ISO 18013-5 Annex B (P-256, ecdsa-with-SHA256).

const ecdsa = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const DOCUMENT_SIGNER_EKU = '1.0.18013.5.1.2';

async function generateKeys() {
  return webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
}

async function exportJwk(key) {
  return webcrypto.subtle.exportKey('jwk', key);
}

function serial() {
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f; // positive
  bytes[0] |= 0x01; // no leading zero byte
  return bytes.toString('hex');
}

/**
 * Creates an IACA root and a document-signer certificate with fresh P-256 keys. `withoutDocumentSignerEku` leaves the
 * document-signer extended key usage (1.0.18013.5.1.2) out, for the test of who checks the Annex B profile.
 * @param {{country: string, notBefore: Date, notAfter: Date, withoutDocumentSignerEku?: boolean}} options
 */
export async function createCertificates({ country, notBefore, notAfter, withoutDocumentSignerEku = false }) {
  const iacaKeys = await generateKeys();
  const iaca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `C=${country}, CN=Interop Peer IACA`,
    notBefore,
    notAfter,
    keys: iacaKeys,
    signingAlgorithm: ecdsa,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(iacaKeys.publicKey),
      new x509.IssuerAlternativeNameExtension([{ type: 'url', value: 'https://iaca.peer.example' }]),
      new x509.CRLDistributionPointsExtension(['https://iaca.peer.example/crl']),
    ],
  });
  const dsKeys = await generateKeys();
  const ds = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `C=${country}, CN=Interop Peer Document Signer`,
    issuer: iaca.subject,
    notBefore,
    notAfter,
    publicKey: dsKeys.publicKey,
    signingKey: iacaKeys.privateKey,
    signingAlgorithm: ecdsa,
    extensions: [
      await x509.AuthorityKeyIdentifierExtension.create(iacaKeys.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(dsKeys.publicKey),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      ...(withoutDocumentSignerEku ? [] : [new x509.ExtendedKeyUsageExtension([DOCUMENT_SIGNER_EKU], true)]),
      new x509.IssuerAlternativeNameExtension([{ type: 'url', value: 'https://iaca.peer.example' }]),
      new x509.CRLDistributionPointsExtension(['https://iaca.peer.example/crl']),
    ],
  });
  return {
    iacaPem: iaca.toString('pem'),
    dsPem: ds.toString('pem'),
    dsDer: new Uint8Array(ds.rawData),
    dsPrivateJwk: await exportJwk(dsKeys.privateKey),
  };
}

export async function createDeviceKey() {
  const keys = await generateKeys();
  const privateJwk = await exportJwk(keys.privateKey);
  const { kty, crv, x, y } = privateJwk;
  return { privateJwk: { kty, crv, x, y, d: privateJwk.d }, publicJwk: { kty, crv, x, y } };
}

export function pemToDer(pem) {
  return new Uint8Array(new NodeX509(pem).raw);
}

// ---------------------------------------------------------------------------------------------------------------
// Session transcripts.

/**
 * OpenID4VP 1.0 Appendix B.2.6.1 (redirect flows): SessionTranscript = [null, null, ["OpenID4VPHandover",
 * SHA-256(cbor([client_id, nonce, jwkThumbprint or null, response_uri]))]]. Returns the tag-24 wrapped
 * SessionTranscriptBytes their DeviceResponse builder and Verifier take, and the plain SessionTranscript CBOR.
 */
export function openId4VpSessionTranscript({ clientId, nonce, jwkThumbprintHex, responseUri }) {
  const thumbprint = jwkThumbprintHex ? fromHex(jwkThumbprintHex) : null;
  const info = cborEncode([clientId, nonce, thumbprint, responseUri]);
  const handover = ['OpenID4VPHandover', new Uint8Array(createHash('sha256').update(info).digest())];
  const transcript = cborEncode([null, null, handover]);
  return { sessionTranscript: transcript, sessionTranscriptBytes: wrapTag24(transcript), handoverInfo: info };
}

/** #6.24(bstr .cbor X) around already encoded bytes, without re-encoding them. */
export function wrapTag24(encoded) {
  return cborEncode(new DataItem({ buffer: encoded }));
}

/** The transcript a script is given: explicit SessionTranscript hex (plain array CBOR) wins over the inputs. */
export function transcriptFrom(input) {
  if (input.sessionTranscriptHex) {
    const plain = fromHex(input.sessionTranscriptHex);
    return { sessionTranscript: plain, sessionTranscriptBytes: wrapTag24(plain) };
  }
  return openId4VpSessionTranscript(input);
}

// ---------------------------------------------------------------------------------------------------------------
// Element values as typed JSON: strings, numbers, booleans and null as themselves; {"$full-date": "YYYY-MM-DD"}
// (tag 1004), {"$tdate": "YYYY-MM-DDThh:mm:ssZ"} (tag 0), {"$bstr": "<hex>"}, arrays, and maps as objects.

export function fromTypedJson(value) {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(fromTypedJson);
  if ('$full-date' in value) return new DateOnly(value['$full-date']);
  if ('$tdate' in value) return new Date(value.$tdate);
  if ('$bstr' in value) return fromHex(value.$bstr);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromTypedJson(v)]));
}

export function toTypedJson(value) {
  if (value === null || value === undefined) return null;
  if (value instanceof DateOnly) return { '$full-date': value.toISOString() };
  if (value instanceof Date) return { $tdate: `${value.toISOString().split('.')[0]}Z` };
  if (value instanceof Uint8Array) return { $bstr: toHex(value) };
  if (value instanceof Map) return Object.fromEntries([...value.entries()].map(([k, v]) => [String(k), toTypedJson(v)]));
  if (Array.isArray(value)) return value.map(toTypedJson);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toTypedJson(v)]));
  if (typeof value === 'bigint') return Number(value);
  return value;
}

export { cborDecode, cborEncode };
