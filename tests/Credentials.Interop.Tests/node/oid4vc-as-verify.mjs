// The server side of @openid4vc/oauth2 checking requests OUR wallet client sent (recorded by the test's Kestrel host):
// Oauth2AuthorizationServer.parsePushedAuthorizationRequest + verifyPushedAuthorizationRequest (PAR body, DPoP header,
// client attestation headers), parseAccessTokenRequest + verifyAuthorizationCodeAccessTokenRequest (grant, PKCE against
// the pushed code_challenge, DPoP bound to the key the PAR used, client attestation), and verifyDpopJwt on the
// credential request (htm/htu, `ath` of the access token, same key).
//
// stdin: {"authorizationServer": {AS metadata}, "allowedSigningAlgs": ["ES256"],
//         "requests": [{"kind": "par"|"token"|"credential"|"dpop", "method": "POST", "url": "http://…",
//                       "headers": {"name": "value"}, "form": {…}|null, "accessToken": "…"|null, "nonce": "…"|null}]}
// Each request is checked in order; a PAR's code_challenge and DPoP thumbprint carry over to the token request, the
// token request's DPoP thumbprint to the credential request. Output: {"results": [{"kind", "ok": true, …} |
// {"kind", "ok": false, "error", "description"}]}; their refusals are results, not failures of the script.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import * as jose from 'jose';
import { setGlobalConfig } from '@openid4vc/utils';
import { Oauth2AuthorizationServer, Oauth2ServerErrorResponseError } from '@openid4vc/oauth2';

setGlobalConfig({ allowInsecureUrls: true });
const input = JSON.parse(readFileSync(0, 'utf8'));
const hash = (data, alg) => new Uint8Array(createHash(alg.replace('-', '').toLowerCase()).update(data).digest());

const callbacks = {
  hash,
  generateRandom: () => { throw new Error('not used'); },
  signJwt: () => { throw new Error('not used'); },
  clientAuthentication: () => { throw new Error('not used'); },
  fetch: globalThis.fetch,
  // Signatures are checked with jose; the library checks everything else (claims, binding, thumbprints).
  verifyJwt: async (signer, { compact, header }) => {
    const publicJwk = signer.publicJwk;
    if (signer.method !== 'jwk' || !publicJwk) return { verified: false };
    try {
      await jose.compactVerify(compact, await jose.importJWK(publicJwk, signer.alg ?? header.alg));
      return { verified: true, signerJwk: publicJwk };
    } catch {
      return { verified: false, signerJwk: publicJwk };
    }
  },
};

const server = new Oauth2AuthorizationServer({ callbacks });
const metadata = input.authorizationServer;
const allowedSigningAlgs = input.allowedSigningAlgs ?? undefined;
const requestLike = (r) => ({ method: r.method, url: r.url, headers: new Headers(r.headers) });

let pushed = null;
let tokenJkt = null;
const results = [];

async function check(r) {
  const request = requestLike(r);
  if (r.kind === 'par') {
    const parsed = await server.parsePushedAuthorizationRequest({ request, authorizationRequest: r.form });
    const verified = await server.verifyPushedAuthorizationRequest({
      authorizationServerMetadata: metadata,
      authorizationRequest: parsed.authorizationRequest,
      request,
      dpop: parsed.dpop ? { jwt: parsed.dpop.jwt, jwkThumbprint: parsed.dpop.jwkThumbprint, required: true, allowedSigningAlgs } : { required: true },
      clientAttestation: parsed.clientAttestation ? { ...parsed.clientAttestation, required: true } : undefined,
    });
    pushed = { request: parsed.authorizationRequest, jkt: verified.dpop?.jwkThumbprint ?? null };
    return {
      ok: true,
      clientId: parsed.authorizationRequest.client_id,
      codeChallengeMethod: parsed.authorizationRequest.code_challenge_method ?? null,
      dpopJkt: verified.dpop?.jwkThumbprint ?? null,
      dpopHeader: Boolean(parsed.dpop?.jwt),
      clientAttestationSub: verified.clientAttestation?.clientAttestation.payload.sub ?? null,
      clientAttestationPopAud: verified.clientAttestation?.clientAttestationPop.payload.aud ?? null,
    };
  }
  if (r.kind === 'token') {
    const parsed = server.parseAccessTokenRequest({ request, accessTokenRequest: r.form });
    if (parsed.grant.grantType !== 'authorization_code') throw new Error('unexpected grant ' + parsed.grant.grantType);
    const verified = await server.verifyAuthorizationCodeAccessTokenRequest({
      authorizationServerMetadata: metadata,
      grant: parsed.grant,
      accessTokenRequest: parsed.accessTokenRequest,
      request,
      expectedCode: r.expectedCode ?? parsed.grant.code,
      pkce: pushed?.request.code_challenge
        ? { codeVerifier: parsed.pkceCodeVerifier, codeChallenge: pushed.request.code_challenge, codeChallengeMethod: pushed.request.code_challenge_method }
        : undefined,
      dpop: { jwt: parsed.dpop?.jwt, required: true, expectedJwkThumbprint: pushed?.jkt ?? undefined, allowedSigningAlgs },
      clientAttestation: parsed.clientAttestation ? { ...parsed.clientAttestation, required: true, expectedClientId: pushed?.request.client_id } : undefined,
    });
    tokenJkt = verified.dpop?.jwkThumbprint ?? null;
    return {
      ok: true,
      pkceChecked: Boolean(pushed?.request.code_challenge),
      dpopJkt: tokenJkt,
      clientAttestationSub: verified.clientAttestation?.clientAttestation.payload.sub ?? null,
    };
  }
  if (r.kind === 'credential' || r.kind === 'dpop') {
    const dpopJwt = request.headers.get('DPoP');
    if (!dpopJwt) return { ok: false, error: 'invalid_dpop_proof', description: 'no DPoP header' };
    const authorization = request.headers.get('Authorization');
    const accessToken = r.accessToken ?? (authorization?.startsWith('DPoP ') ? authorization.slice(5) : undefined);
    const verified = await server.verifyDpopJwt({
      dpopJwt,
      request,
      accessToken,
      expectedNonce: r.nonce ?? undefined,
      expectedJwkThumbprint: r.expectedJkt ?? tokenJkt ?? undefined,
      allowedSigningAlgs,
    });
    return {
      ok: true,
      authorizationScheme: authorization?.split(' ')[0] ?? null,
      dpopJkt: verified.jwkThumbprint,
      htm: verified.payload.htm,
      htu: verified.payload.htu,
      ath: verified.payload.ath ?? null,
    };
  }
  throw new Error('unknown request kind ' + r.kind);
}

for (const r of input.requests) {
  try {
    results.push({ kind: r.kind, ...(await check(r)) });
  } catch (error) {
    if (!(error instanceof Oauth2ServerErrorResponseError)) throw error;
    results.push({ kind: r.kind, ok: false, error: error.errorResponse.error, description: error.errorResponse.error_description ?? null });
  }
}

process.stdout.write(JSON.stringify({ results }));
