// OpenID4VP with @openid4vc/openid4vp on both sides of our messages:
//  1. wallet side: parses our authorization request link (by value, or by reference fetched from our loopback
//     verifier) and resolves/validates it, verifying a signed Request Object (did:key client) with a jose-based
//     verifyJwt callback (did:key resolved with @digitalbazaar/did-method-key);
//  2. verifier side: validates our wallet's DCQL vp_token against the resolved request payload.
// stdin: {"link": "openid4vp://?...", "vpToken": {...} | null, "state": "..." | null,
//         "wallet": {"expectedNonce": "...", "metadata": {...}} | null (their WalletVerificationOptions, for
//         request_uri_method=post), "reportRefusal": true|false}.
// With reportRefusal, a request their library refuses is printed as {"refused": {"error", "description"}} (exit 0).
// Our verifier runs on http://127.0.0.1:<port>; the library only accepts https URLs unless allowInsecureUrls is set.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import * as jose from 'jose';
import * as DidKey from '@digitalbazaar/did-method-key';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import { setGlobalConfig } from '@openid4vc/utils';
import { Oauth2ServerErrorResponseError } from '@openid4vc/oauth2';
import { Openid4vpClient, Openid4vpVerifier } from '@openid4vc/openid4vp';

setGlobalConfig({ allowInsecureUrls: true });
const input = JSON.parse(readFileSync(0, 'utf8'));

const didDriver = DidKey.driver();
didDriver.use({ multibaseMultikeyHeader: 'zDna', fromMultibase: EcdsaMultikey.from });

async function resolveDidJwk(didUrl) {
  const method = await didDriver.get({ url: didUrl });
  const keyPair = await EcdsaMultikey.from(method);
  const jwk = await EcdsaMultikey.toJwk({ keyPair });
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
}

const verified = [];
const callbacks = {
  fetch: globalThis.fetch,
  hash: (data, alg) => new Uint8Array(createHash(alg.replace('-', '').toLowerCase()).update(data).digest()),
  verifyJwt: async (signer, { compact }) => {
    const publicJwk = signer.method === 'did' ? await resolveDidJwk(signer.didUrl) : signer.publicJwk;
    if (!publicJwk) throw new Error('cannot verify signer method ' + signer.method);
    try {
      await jose.compactVerify(compact, await jose.importJWK(publicJwk, signer.alg));
      verified.push({ method: signer.method, didUrl: signer.didUrl ?? null });
      return { verified: true, signerJwk: publicJwk };
    } catch {
      return { verified: false, signerJwk: publicJwk };
    }
  },
  decryptJwe: () => { throw new Error('not used'); },
};

const client = new Openid4vpClient({ callbacks });
const parsed = client.parseOpenid4vpAuthorizationRequest({ authorizationRequest: input.link });
let resolved;
try {
  resolved = await client.resolveOpenId4vpAuthorizationRequest({ authorizationRequestPayload: parsed.params, wallet: input.wallet ?? undefined });
} catch (error) {
  if (!input.reportRefusal || !(error instanceof Oauth2ServerErrorResponseError)) throw error;
  process.stdout.write(JSON.stringify({ refused: { error: error.errorResponse.error, description: error.errorResponse.error_description ?? null } }));
  process.exit(0);
}
const request = resolved.authorizationRequestPayload;

const output = {
  parsedType: parsed.type,
  signedBy: verified,
  jarSendBy: resolved.jar?.sendBy ?? null,
  version: resolved.version,
  client: { prefix: resolved.client.prefix, identifier: resolved.client.identifier, effective: resolved.client.effective ?? null },
  request: {
    client_id: request.client_id,
    response_type: request.response_type,
    response_mode: request.response_mode,
    response_uri: request.response_uri,
    nonce: request.nonce,
    state: request.state ?? null,
    wallet_nonce: request.wallet_nonce ?? null,
  },
  dcqlQuery: resolved.dcql?.query ?? null,
};

if (input.vpToken) {
  const verifier = new Openid4vpVerifier({ callbacks });
  const responsePayload = { vp_token: input.vpToken, ...(input.state ? { state: input.state } : {}) };
  const validated = verifier.validateOpenid4vpAuthorizationResponsePayload({
    authorizationRequestPayload: request,
    authorizationResponsePayload: responsePayload,
  });
  const queryIds = (validated.dcql.query?.credentials ?? []).map((c) => c.id);
  output.response = {
    type: validated.type,
    queryIds,
    presentationIds: Object.keys(validated.dcql.presentations),
    // The key binding JWT of each SD-JWT presentation, decoded with jose, so the caller can compare nonce and aud.
    keyBinding: Object.fromEntries(Object.entries(validated.dcql.presentations).map(([id, entries]) => {
      const sdJwt = entries[0];
      const kb = typeof sdJwt === 'string' ? sdJwt.split('~').at(-1) : null;
      return [id, kb ? { header: jose.decodeProtectedHeader(kb), payload: jose.decodeJwt(kb) } : null];
    })),
  };
}

process.stdout.write(JSON.stringify(output));
