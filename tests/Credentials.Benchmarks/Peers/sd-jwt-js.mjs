// Times the OpenWallet Foundation's sd-jwt-js (@sd-jwt/sd-jwt-vc) on the workload of the .NET `peers` run: issue an
// SD-JWT VC with 10 disclosable claims and the holder's cnf.jwk (EdDSA), present 3 of them with a KB-JWT, and verify
// that presentation with the KB-JWT required. Crypto is node:crypto (OpenSSL), as their crypto-nodejs package uses.
// Usage: node sd-jwt-js.mjs <iterations>   Prints one JSON object: microseconds per operation.
import { generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { digest } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';

const iterations = Number(process.argv[2] ?? 2000);
const issuerKeys = generateKeyPairSync('ed25519');
const holderKeys = generateKeyPairSync('ed25519');
const holderJwk = holderKeys.publicKey.export({ format: 'jwk' });
const audience = 'https://verifier.example.jp';
const nonce = 'n-0S6_WzA2Mj';

const signerFor = (privateKey) => (data) => sign(null, Buffer.from(data, 'utf8'), privateKey).toString('base64url');
const verifierFor = (publicKey) => (data, signature) => verify(null, Buffer.from(data, 'utf8'), publicKey, Buffer.from(signature, 'base64url'));

const sdjwt = new SDJwtVcInstance({
  hasher: digest,
  hashAlg: 'sha-256',
  // 128 bits, as RFC 9901 section 4.2.1 recommends (and as the .NET issuer does).
  saltGenerator: () => randomBytes(16).toString('base64url'),
  signer: signerFor(issuerKeys.privateKey),
  signAlg: 'EdDSA',
  verifier: verifierFor(issuerKeys.publicKey),
  kbSigner: signerFor(holderKeys.privateKey),
  kbSignAlg: 'EdDSA',
  kbVerifier: verifierFor(holderKeys.publicKey),
});

const names = ['given_name', 'family_name', 'birthdate', 'age_over_18', 'age_over_20', 'pass_date',
  'certificate_number', 'exam_category', 'exam_session', 'issuing_country'];
const now = Math.floor(Date.now() / 1000);
const claims = () => ({
  iss: 'https://issuer.credentials.example.jp',
  iat: now,
  exp: now + 365 * 24 * 3600,
  vct: 'https://credentials.example.jp/vct/ipa/exam-pass/v1',
  cnf: { jwk: holderJwk },
  given_name: '結衣', family_name: '高橋', birthdate: '2003-11-08', age_over_18: true, age_over_20: true,
  pass_date: '2026-06-15', certificate_number: '2026-05-01234', exam_category: 'FE', exam_session: '2026-05',
  issuing_country: 'JP',
});
const frame = { _sd: names };
const presentationFrame = { given_name: true, age_over_20: true, pass_date: true };
const issue = () => sdjwt.issue(claims(), frame, { header: { typ: 'dc+sd-jwt' } });
const present = (credential) => sdjwt.present(credential, presentationFrame, {
  kb: { payload: { aud: audience, nonce, iat: Math.floor(Date.now() / 1000) } },
});
const verifyIt = (presentation) => sdjwt.verify(presentation, { keyBindingNonce: nonce, requiredClaimKeys: ['given_name'] });

async function time(operation) {
  // Warm up for three seconds, so V8 has optimised the code before timing (as the .NET side lets its JIT do).
  for (const end = Date.now() + 3000; Date.now() < end;) await operation();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await operation();
  return Number(process.hrtime.bigint() - start) / 1000 / iterations;
}

const credential = await issue();
const presentation = await present(credential);
const check = await verifyIt(presentation);
if (!check.kb || check.payload.given_name !== '結衣' || check.payload.family_name !== undefined) {
  throw new Error('the sd-jwt-js presentation did not verify as expected');
}

// The same run's raw floor in Node.js: one Ed25519 signature and one verification of a JWT-sized message.
const message = Buffer.from(credential.split('~')[0].split('.').slice(0, 2).join('.'), 'utf8');
const signature = sign(null, message, issuerKeys.privateKey);
const result = {
  implementation: 'sd-jwt-js (@sd-jwt/sd-jwt-vc 0.19.0), Node.js ' + process.version,
  rawSignMicroseconds: await time(() => sign(null, message, issuerKeys.privateKey)),
  rawVerifyMicroseconds: await time(() => verify(null, message, issuerKeys.publicKey, signature)),
  issueMicroseconds: await time(issue),
  presentMicroseconds: await time(() => present(credential)),
  verifyMicroseconds: await time(() => verifyIt(presentation)),
};
process.stdout.write(JSON.stringify(result) + '\n');
