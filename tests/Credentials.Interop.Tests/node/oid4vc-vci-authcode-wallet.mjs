// Wallet side of the OpenID4VCI authorization code flow played by @openid4vc/openid4vci and @openid4vc/oauth2,
// against our issuer on loopback. Two phases, so the test can authenticate the person at our authorization endpoint
// in between (our issuer's completion hook) and hand the redirect back:
//
//  start  stdin: {"phase":"start","issuer":"http://127.0.0.1:<port>/<path>","offer":"openid-credential-offer://…"|null,
//                 "clientId":"…","redirectUri":"…","scope":"…"|null,"authorizationDetails":[…]|null,
//                 "dpop":true|false,"attestation":{"providerJwk":{private JWK},"providerKid":"…"|null,
//                 "providerX5c":["…"]|null,"issuer":"…","expiresInSeconds":300}|null}
//         Resolves our metadata (credential issuer and authorization server), pushes the authorization request (PAR,
//         PKCE S256, DPoP header, client attestation headers) and prints the authorization URL with a `session` the
//         caller passes back unchanged.
//  finish stdin: {"phase":"finish","session":{…},"redirect":"<the URL our authorization endpoint redirected to>",
//                 "tamper":null|"code_verifier"|"dpop_key"}
//         Parses and checks the authorization response (RFC 9207 `iss`), redeems the code at our token endpoint (PKCE
//         code_verifier, DPoP proof, client attestation), fetches a c_nonce, builds a jwt key proof and requests the
//         credential with a DPoP-bound access token. `tamper` breaks one step on purpose (another code_verifier, or a
//         DPoP key other than the one the authorization was bound to).
//
// Output: JSON with what was sent and received. A refusal by our server is reported as {"refused": {...}} with the
// OAuth error, so the caller can assert its code; anything else unexpected exits non-zero.
// The library only accepts https URLs unless allowInsecureUrls is set; Node's own fetch is used unchanged.
import { readFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import * as jose from 'jose';
import { setGlobalConfig } from '@openid4vc/utils';
import {
  Oauth2Client,
  Oauth2ClientErrorResponseError,
  calculateJwkThumbprint,
  clientAuthenticationClientAttestationJwt,
  clientAuthenticationNone,
  createClientAttestationJwt,
  getAuthorizationServerMetadataFromList,
} from '@openid4vc/oauth2';
import { Openid4vciClient, Openid4vciRetrieveCredentialsError } from '@openid4vc/openid4vci';

setGlobalConfig({ allowInsecureUrls: true });
const input = JSON.parse(readFileSync(0, 'utf8'));

// Private keys by RFC 7638 thumbprint: the signJwt callback receives the public JWK of the signer it must use.
const privateKeys = new Map();
const hash = (data, alg) => new Uint8Array(createHash(alg.replace('-', '').toLowerCase()).update(data).digest());
const thumbprintOf = (jwk) => jose.calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y });

async function rememberKey(privateJwk) {
  const { d, ...publicJwk } = privateJwk;
  privateKeys.set(await thumbprintOf(publicJwk), await jose.importJWK(privateJwk, 'ES256'));
  return { kty: publicJwk.kty, crv: publicJwk.crv, x: publicJwk.x, y: publicJwk.y };
}

async function newKey() {
  const { privateKey } = await jose.generateKeyPair('ES256', { extractable: true });
  const privateJwk = await jose.exportJWK(privateKey);
  return { privateJwk, publicJwk: await rememberKey(privateJwk) };
}

// Everything the wallet signed, decoded, so the test can check what reached our server.
const signed = [];
let attestationKid = null;
let attestationSignerJwk = null;
const signJwt = async (signer, { header, payload }) => {
  let key;
  let publicJwk = signer.publicJwk;
  if (signer.method === 'jwk') {
    key = privateKeys.get(await thumbprintOf(signer.publicJwk));
  } else if (signer.method === 'x5c' || signer.method === 'custom') {
    key = privateKeys.get(await thumbprintOf(attestationSignerJwk));
    publicJwk = attestationSignerJwk;
  }
  if (!key) throw new Error('no private key for signer method ' + signer.method);
  const protectedHeader = header.typ === 'oauth-client-attestation+jwt' && attestationKid ? { ...header, kid: attestationKid } : header;
  if (header.typ === 'oauth-client-attestation+jwt' && signer.method === 'jwk' && attestationKid) delete protectedHeader.jwk;
  const jwt = await new jose.SignJWT(payload).setProtectedHeader(protectedHeader).sign(key);
  signed.push({ header: protectedHeader, payload });
  return { jwt, signerJwk: publicJwk };
};

async function clientAuthentication(session) {
  if (!session.attestation) return clientAuthenticationNone({ clientId: session.clientId });
  await rememberKey(session.attestation.instancePrivateJwk);
  return clientAuthenticationClientAttestationJwt({
    clientAttestationJwt: session.attestation.jwt,
    callbacks: { signJwt, generateRandom: (n) => new Uint8Array(randomBytes(n)) },
  });
}

function callbacksFor(clientAuth) {
  return {
    fetch: globalThis.fetch,
    hash,
    generateRandom: (n) => new Uint8Array(randomBytes(n)),
    clientAuthentication: clientAuth,
    signJwt,
  };
}

function refusal(step, error) {
  if (error instanceof Oauth2ClientErrorResponseError) {
    return { refused: { step, status: error.response?.status ?? null, error: error.errorResponse.error, description: error.errorResponse.error_description ?? null } };
  }
  if (error instanceof Openid4vciRetrieveCredentialsError) {
    const response = error.response;
    return {
      refused: {
        step,
        status: response.response?.status ?? null,
        error: response.credentialErrorResponseResult?.data?.error ?? null,
        wwwAuthenticate: response.response?.headers?.get('WWW-Authenticate') ?? null,
        body: error.responseText ?? null,
      },
    };
  }
  throw error;
}

async function start() {
  const session = {
    clientId: input.clientId,
    redirectUri: input.redirectUri,
    issuer: input.issuer,
    offer: null,
    state: jose.base64url.encode(randomBytes(16)),
  };

  if (input.attestation) {
    // The wallet provider's side: their createClientAttestationJwt with the provider key the test configured as trusted.
    const providerPublic = await rememberKey(input.attestation.providerJwk);
    attestationSignerJwk = providerPublic;
    attestationKid = input.attestation.providerKid ?? null;
    const instance = await newKey();
    const now = new Date();
    const signer = input.attestation.providerX5c
      ? { method: 'x5c', alg: 'ES256', x5c: input.attestation.providerX5c }
      : { method: 'jwk', alg: 'ES256', publicJwk: providerPublic };
    const jwt = await createClientAttestationJwt({
      issuer: input.attestation.issuer,
      clientId: input.clientId,
      issuedAt: now,
      expiresAt: new Date(now.getTime() + (input.attestation.expiresInSeconds ?? 300) * 1000),
      confirmation: { jwk: instance.publicJwk },
      callbacks: { signJwt },
      signer,
    });
    session.attestation = { jwt, instancePrivateJwk: instance.privateJwk };
  }

  const callbacks = callbacksFor(await clientAuthentication(session));
  const client = new Openid4vciClient({ callbacks });
  let offer = null;
  if (input.offer) {
    offer = await client.resolveCredentialOffer(input.offer);
    session.offer = offer;
  }
  const metadata = await client.resolveIssuerMetadata(offer?.credential_issuer ?? input.issuer);
  const authorizationServer = metadata.authorizationServers.length === 1
    ? metadata.authorizationServers[0]
    : getAuthorizationServerMetadataFromList(metadata.authorizationServers, metadata.credentialIssuer.authorization_servers[0]);
  const oauth2 = new Oauth2Client({ callbacks });

  let dpop;
  if (input.dpop) {
    const dpopKey = await newKey();
    session.dpopPrivateJwk = dpopKey.privateJwk;
    dpop = { signer: { method: 'jwk', alg: 'ES256', publicJwk: dpopKey.publicJwk } };
  }

  // Openid4vciClient.initiateAuthorization (0.4.6) takes no `state` (its additional payload's `state` is overwritten
  // with undefined), so both cases go through Oauth2Client.initiateAuthorization, adding the offer's issuer_state the
  // way Openid4vciClient does.
  const additionalRequestPayload = {
    ...(input.authorizationDetails ? { authorization_details: input.authorizationDetails } : {}),
    ...(offer?.grants?.authorization_code?.issuer_state ? { issuer_state: offer.grants.authorization_code.issuer_state } : {}),
  };
  let started;
  try {
    started = await oauth2.initiateAuthorization({
      authorizationServerMetadata: authorizationServer,
      clientId: input.clientId,
      redirectUri: input.redirectUri,
      scope: input.scope ?? undefined,
      resource: metadata.credentialIssuer.credential_issuer,
      state: session.state,
      additionalRequestPayload,
      dpop,
    });
  } catch (error) {
    return { ...refusal('par', error), signed };
  }

  session.pkce = started.pkce ?? null;
  session.dpopNonce = started.dpop?.nonce ?? null;
  return {
    session,
    authorizationRequestUrl: started.authorizationRequestUrl,
    credentialIssuer: metadata.credentialIssuer.credential_issuer,
    authorizationServer: authorizationServer,
    dpopSupported: oauth2.isDpopSupported({ authorizationServerMetadata: authorizationServer }).supported,
    clientAttestationSupported: oauth2.isClientAttestationSupported({ authorizationServerMetadata: authorizationServer }).supported,
    dpopJkt: dpop ? await calculateJwkThumbprint({ jwk: dpop.signer.publicJwk, hashAlgorithm: 'sha-256', hashCallback: hash }) : null,
    signed,
  };
}

async function finish() {
  const session = input.session;
  const callbacks = callbacksFor(await clientAuthentication(session));
  const client = new Openid4vciClient({ callbacks });
  const metadata = await client.resolveIssuerMetadata(session.offer?.credential_issuer ?? session.issuer);
  const authorizationServer = metadata.authorizationServers.length === 1
    ? metadata.authorizationServers[0]
    : getAuthorizationServerMetadataFromList(metadata.authorizationServers, metadata.credentialIssuer.authorization_servers[0]);

  // RFC 9207: the library checks `iss` against the authorization server metadata.
  const authorizationResponse = client.parseAndVerifyAuthorizationResponseRedirectUrl({
    url: input.redirect,
    authorizationServerMetadata: authorizationServer,
  });
  if (authorizationResponse.error) return { refused: { step: 'authorize', error: authorizationResponse.error }, authorizationResponse };
  // The library leaves `state` to the caller (RFC 6749 section 10.12).
  if (authorizationResponse.state !== session.state) return { refused: { step: 'authorize', error: 'state_mismatch' }, authorizationResponse };

  let dpop;
  if (session.dpopPrivateJwk) {
    const privateJwk = input.tamper === 'dpop_key' ? (await newKey()).privateJwk : session.dpopPrivateJwk;
    const publicJwk = await rememberKey(privateJwk);
    dpop = { signer: { method: 'jwk', alg: 'ES256', publicJwk }, nonce: session.dpopNonce ?? undefined };
  }
  const pkceCodeVerifier = input.tamper === 'code_verifier'
    ? jose.base64url.encode(randomBytes(32))
    : session.pkce?.codeVerifier;

  const tokenRequest = {
    issuerMetadata: metadata,
    authorizationCode: authorizationResponse.code,
    pkceCodeVerifier,
    redirectUri: session.redirectUri,
    dpop,
  };
  let token;
  try {
    token = session.offer
      ? await client.retrieveAuthorizationCodeAccessTokenFromOffer({ ...tokenRequest, credentialOffer: session.offer })
      : await new Oauth2Client({ callbacks }).retrieveAuthorizationCodeAccessToken({
        authorizationServerMetadata: authorizationServer,
        authorizationCode: authorizationResponse.code,
        pkceCodeVerifier,
        redirectUri: session.redirectUri,
        resource: metadata.credentialIssuer.credential_issuer,
        dpop,
      });
  } catch (error) {
    return { ...refusal('token', error), authorizationResponse, signed };
  }
  const { accessTokenResponse } = token;

  const configurationId = accessTokenResponse.authorization_details?.[0]?.credential_configuration_id
    ?? session.offer?.credential_configuration_ids?.[0]
    ?? Object.keys(metadata.credentialIssuer.credential_configurations_supported)[0];
  const { c_nonce } = await client.requestNonce({ issuerMetadata: metadata });
  const holder = await newKey();
  const { jwt: proofJwt } = await client.createCredentialRequestJwtProof({
    issuerMetadata: metadata,
    credentialConfigurationId: configurationId,
    nonce: c_nonce,
    clientId: session.clientId,
    signer: { method: 'jwk', alg: 'ES256', publicJwk: holder.publicJwk },
  });
  // OpenID4VCI 1.0 section 8.2: with credential_identifiers in the token response the request names one of them and
  // MUST NOT carry credential_configuration_id. Their Openid4vciClient.retrieveCredentials (0.4.6) always writes
  // credential_configuration_id for 1.0 metadata (and its schema refuses both together), so that case goes through
  // their Oauth2Client.resourceRequest, which adds the same DPoP proof (with `ath`) and retries on use_dpop_nonce.
  const credentialIdentifier = accessTokenResponse.authorization_details?.[0]?.credential_identifiers?.[0];
  const credentialDpop = token.dpop ?? dpop;
  let credentialResponse;
  let credentialRequestVia;
  try {
    if (credentialIdentifier) {
      credentialRequestVia = 'Oauth2Client.resourceRequest';
      const response = await new Oauth2Client({ callbacks }).resourceRequest({
        callbacks,
        accessToken: accessTokenResponse.access_token,
        url: metadata.credentialIssuer.credential_endpoint,
        dpop: credentialDpop,
        requestOptions: {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ credential_identifier: credentialIdentifier, proofs: { jwt: [proofJwt] } }),
        },
      });
      const body = await response.response.clone().text();
      if (!response.ok) {
        let error = null;
        try { error = JSON.parse(body).error ?? null; } catch { /* not JSON */ }
        return {
          refused: { step: 'credential', status: response.response.status, error, wwwAuthenticate: response.response.headers.get('WWW-Authenticate'), body },
          authorizationResponse, accessTokenResponse, signed,
        };
      }
      credentialResponse = JSON.parse(body);
    } else {
      credentialRequestVia = 'Openid4vciClient.retrieveCredentials';
      const result = await client.retrieveCredentials({
        issuerMetadata: metadata,
        accessToken: accessTokenResponse.access_token,
        credentialConfigurationId: configurationId,
        proofs: { jwt: [proofJwt] },
        dpop: credentialDpop,
      });
      credentialResponse = result.credentialResponse;
    }
  } catch (error) {
    return { ...refusal('credential', error), authorizationResponse, accessTokenResponse, signed };
  }

  return {
    authorizationResponse,
    accessTokenResponse,
    tokenDpopNonce: token.dpop?.nonce ?? null,
    configurationId,
    credentialIdentifier: credentialIdentifier ?? null,
    proofPayload: jose.decodeJwt(proofJwt),
    holderJwk: holder.publicJwk,
    credentialRequestVia,
    credentialResponse,
    signed,
  };
}

const output = input.phase === 'start' ? await start() : await finish();
process.stdout.write(JSON.stringify(output));
