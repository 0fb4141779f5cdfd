// DPoP proofs (RFC 9449), client attestations and their PoPs (OAuth 2.0 Attestation-Based Client Authentication) and
// PKCE (RFC 7636) across @openid4vc/oauth2 and our code, one message at a time. Their client functions are driven with
// a fetch callback that records the request and answers it locally, so what they put on the wire is captured without a
// server; their server functions check what we made.
//
// stdin {"mode": …}:
//  "verify-dpop"        {"proof","method","url","accessToken"|null,"nonce"|null,"expectedJkt"|null}
//                       → Oauth2AuthorizationServer.verifyDpopJwt: {"ok":true,"jkt","payload"} | {"ok":false,"error","description"}
//  "create-dpop"        {"method","url","accessToken"|null,"nonce"|null}
//                       → Oauth2Client.resourceRequest with a DPoP signer: {"proof","authorization","publicJwk"}
//  "verify-attestation" {"attestation","pop","authorizationServer","providerJwk"|null,"clientId"|null}
//                       → Oauth2AuthorizationServer.verifyClientAttestation (attestation signature with the given
//                         provider key, or the x5c leaf when no key is given; PoP with cnf.jwk, aud):
//                         {"ok":true,"attestationOk","sub","popPayload"} | {"ok":false,"attestationOk","error","description","cause"}
//                         (attestationOk: verifyClientAttestationJwt alone accepted the attestation)
//  "create-attestation" {"providerJwk":{private},"providerKid"|null,"issuer","clientId","authorizationServer","tokenEndpoint"}
//                       → createClientAttestationJwt, then the OAuth-Client-Attestation(-PoP) headers that
//                         clientAuthenticationClientAttestationJwt puts on a token request:
//                         {"attestation","pop","instanceJwk","body"}
//  "create-pkce"        {"authorizationEndpoint","tokenEndpoint","issuer"}
//                       → the code_challenge their client pushes and the code_verifier it redeems: {"challenge","method","verifier"}
//  "verify-pkce"        {"verifier","challenge"} → their verifyAuthorizationCodeAccessTokenRequest's PKCE check:
//                       {"ok":true} | {"ok":false,"error","description"}
import { readFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import * as jose from 'jose';
import { setGlobalConfig } from '@openid4vc/utils';
import {
  Oauth2AuthorizationServer,
  Oauth2Client,
  Oauth2ServerErrorResponseError,
  clientAuthenticationClientAttestationJwt,
  clientAuthenticationNone,
  createClientAttestationJwt,
  verifyClientAttestationJwt,
} from '@openid4vc/oauth2';

setGlobalConfig({ allowInsecureUrls: true });
const input = JSON.parse(readFileSync(0, 'utf8'));
const hash = (data, alg) => new Uint8Array(createHash(alg.replace('-', '').toLowerCase()).update(data).digest());
const generateRandom = (n) => new Uint8Array(randomBytes(n));
const publicOf = ({ kty, crv, x, y }) => ({ kty, crv, x, y });

const privateKeys = new Map();
async function remember(privateJwk) {
  const publicJwk = publicOf(privateJwk);
  privateKeys.set(await jose.calculateJwkThumbprint(publicJwk), await jose.importJWK(privateJwk, 'ES256'));
  return publicJwk;
}
async function newKey() {
  const { privateKey } = await jose.generateKeyPair('ES256', { extractable: true });
  const privateJwk = await jose.exportJWK(privateKey);
  return { privateJwk, publicJwk: await remember(privateJwk) };
}

let providerJwk = null;
let providerKid = null;
const signJwt = async (signer, { header, payload }) => {
  const publicJwk = signer.method === 'jwk' ? signer.publicJwk : providerJwk;
  const key = privateKeys.get(await jose.calculateJwkThumbprint(publicOf(publicJwk)));
  if (!key) throw new Error('no private key for the signer');
  let protectedHeader = header;
  if (header.typ === 'oauth-client-attestation+jwt' && providerKid) {
    // Our validator picks the provider key by kid; the header's own jwk is no trust statement, so it is left out.
    const { jwk, ...rest } = header;
    protectedHeader = { ...rest, kid: providerKid };
  }
  return { jwt: await new jose.SignJWT(payload).setProtectedHeader(protectedHeader).sign(key), signerJwk: publicJwk };
};

// Verifies with the key their library names (jwk header, cnf.jwk), or with the configured provider key / x5c leaf.
const verifyJwt = async (signer, { compact, header }) => {
  let publicJwk = signer.publicJwk;
  if (!publicJwk && input.providerJwk) publicJwk = publicOf(input.providerJwk);
  if (!publicJwk && signer.method === 'x5c') publicJwk = await jose.exportJWK(await jose.importX509(`-----BEGIN CERTIFICATE-----\n${signer.x5c[0]}\n-----END CERTIFICATE-----`, header.alg));
  if (signer.method === 'jwk' && header.typ === 'oauth-client-attestation+jwt' && input.providerJwk) publicJwk = publicOf(input.providerJwk);
  if (!publicJwk) return { verified: false };
  try {
    await jose.compactVerify(compact, await jose.importJWK(publicJwk, header.alg));
    return { verified: true, signerJwk: publicJwk };
  } catch {
    return { verified: false, signerJwk: publicJwk };
  }
};

const server = new Oauth2AuthorizationServer({
  callbacks: { hash, verifyJwt, generateRandom, signJwt, clientAuthentication: () => {}, fetch: globalThis.fetch },
});

const recorded = [];
function recordingFetch(respond) {
  return async (url, init) => {
    recorded.push({ url: String(url), method: init?.method ?? 'GET', headers: new Headers(init?.headers), body: init?.body ?? null });
    return respond(String(url), init);
  };
}
const json = (status, body, headers = {}) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

function refusal(error) {
  if (error instanceof Oauth2ServerErrorResponseError) {
    return { ok: false, error: error.errorResponse.error, description: error.errorResponse.error_description ?? null, cause: error.cause?.message ?? null };
  }
  throw error;
}

async function run() {
  switch (input.mode) {
    case 'verify-dpop': {
      try {
        const verified = await server.verifyDpopJwt({
          dpopJwt: input.proof,
          request: { method: input.method, url: input.url, headers: new Headers({ DPoP: input.proof }) },
          accessToken: input.accessToken ?? undefined,
          expectedNonce: input.nonce ?? undefined,
          expectedJwkThumbprint: input.expectedJkt ?? undefined,
          allowedSigningAlgs: ['ES256', 'ES384', 'EdDSA'],
        });
        return { ok: true, jkt: verified.jwkThumbprint, header: verified.header, payload: verified.payload };
      } catch (error) {
        return refusal(error);
      }
    }
    case 'create-dpop': {
      const key = await newKey();
      const client = new Oauth2Client({
        callbacks: { hash, generateRandom, signJwt, clientAuthentication: clientAuthenticationNone({ clientId: 'unused' }), fetch: recordingFetch(() => json(200, {})) },
      });
      await client.resourceRequest({
        callbacks: { hash, generateRandom, signJwt, fetch: recordingFetch(() => json(200, {})) },
        accessToken: input.accessToken,
        url: input.url,
        dpop: { signer: { method: 'jwk', alg: 'ES256', publicJwk: key.publicJwk }, nonce: input.nonce ?? undefined },
        requestOptions: { method: input.method, headers: { 'Content-Type': 'application/json' }, body: input.method === 'GET' ? undefined : '{}' },
      });
      const sent = recorded.at(-1);
      return { proof: sent.headers.get('DPoP'), authorization: sent.headers.get('Authorization'), publicJwk: key.publicJwk };
    }
    case 'verify-attestation': {
      // The attestation alone first (their exported verifyClientAttestationJwt), then attestation and PoP together.
      let attestationOk;
      try {
        await verifyClientAttestationJwt({ clientAttestationJwt: input.attestation, callbacks: { verifyJwt } });
        attestationOk = true;
      } catch {
        attestationOk = false;
      }
      try {
        const verified = await server.verifyClientAttestation({
          authorizationServer: input.authorizationServer,
          clientAttestationJwt: input.attestation,
          clientAttestationPopJwt: input.pop,
        });
        if (input.clientId && verified.clientAttestation.payload.sub !== input.clientId) return { ok: false, attestationOk, error: 'invalid_client', description: 'sub is not the client_id' };
        return { ok: true, attestationOk, sub: verified.clientAttestation.payload.sub, attestationPayload: verified.clientAttestation.payload, popPayload: verified.clientAttestationPop.payload };
      } catch (error) {
        return { ...refusal(error), attestationOk };
      }
    }
    case 'create-attestation': {
      providerJwk = await remember(input.providerJwk);
      providerKid = input.providerKid ?? null;
      const instance = await newKey();
      const now = new Date();
      const attestation = await createClientAttestationJwt({
        issuer: input.issuer,
        clientId: input.clientId,
        issuedAt: now,
        expiresAt: new Date(now.getTime() + 300_000),
        confirmation: { jwk: instance.publicJwk },
        callbacks: { signJwt },
        signer: { method: 'jwk', alg: 'ES256', publicJwk: providerJwk },
      });
      const authorizationServerMetadata = { issuer: input.authorizationServer, token_endpoint: input.tokenEndpoint, token_endpoint_auth_methods_supported: ['attest_jwt_client_auth'] };
      const callbacks = {
        hash, generateRandom, signJwt,
        clientAuthentication: clientAuthenticationClientAttestationJwt({ clientAttestationJwt: attestation, callbacks: { signJwt, generateRandom } }),
        fetch: recordingFetch(() => json(200, { access_token: 'unused', token_type: 'Bearer' })),
      };
      await new Oauth2Client({ callbacks }).retrieveAuthorizationCodeAccessToken({ authorizationServerMetadata, authorizationCode: 'code-1', pkceCodeVerifier: undefined });
      const sent = recorded.at(-1);
      return {
        attestation: sent.headers.get('OAuth-Client-Attestation'),
        pop: sent.headers.get('OAuth-Client-Attestation-PoP'),
        instanceJwk: instance.publicJwk,
        body: Object.fromEntries(new URLSearchParams(sent.body)),
      };
    }
    case 'create-pkce': {
      const metadata = {
        issuer: input.issuer, token_endpoint: input.tokenEndpoint, authorization_endpoint: input.authorizationEndpoint,
        code_challenge_methods_supported: ['S256'],
      };
      const client = new Oauth2Client({ callbacks: { hash, generateRandom, signJwt, clientAuthentication: clientAuthenticationNone({ clientId: 'c' }), fetch: recordingFetch(() => json(200, {})) } });
      const created = await client.createAuthorizationRequestUrl({ authorizationServerMetadata: metadata, clientId: 'c', redirectUri: 'https://wallet.example.jp/cb' });
      const url = new URL(created.authorizationRequestUrl);
      return { challenge: url.searchParams.get('code_challenge'), method: url.searchParams.get('code_challenge_method'), verifier: created.pkce.codeVerifier };
    }
    case 'verify-pkce': {
      const metadata = { issuer: 'https://as.example.jp', token_endpoint: 'https://as.example.jp/token' };
      const request = { method: 'POST', url: metadata.token_endpoint, headers: new Headers() };
      const form = { grant_type: 'authorization_code', code: 'c1', code_verifier: input.verifier };
      try {
        const parsed = server.parseAccessTokenRequest({ request, accessTokenRequest: form });
        await server.verifyAuthorizationCodeAccessTokenRequest({
          authorizationServerMetadata: metadata, grant: parsed.grant, accessTokenRequest: parsed.accessTokenRequest, request,
          expectedCode: 'c1', pkce: { codeVerifier: parsed.pkceCodeVerifier, codeChallenge: input.challenge, codeChallengeMethod: 'S256' },
        });
        return { ok: true };
      } catch (error) {
        return refusal(error);
      }
    }
    default:
      throw new Error('unknown mode ' + input.mode);
  }
}

process.stdout.write(JSON.stringify(await run()));
