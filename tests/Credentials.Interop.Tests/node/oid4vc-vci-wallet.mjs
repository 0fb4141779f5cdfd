// Wallet side of OpenID4VCI played by @openid4vc/openid4vci: resolves our credential offer link and our issuer
// metadata, redeems the pre-authorized code at our token endpoint, fetches a c_nonce, creates a jwt proof with a
// jose-based signer callback and requests the credential. stdin: {"offer": "<openid-credential-offer://...>", "txCode": "…"|null}.
// Our issuer runs on http://127.0.0.1:<port>; the library only accepts https URLs unless allowInsecureUrls is set.
import { readFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import * as jose from 'jose';
import { setGlobalConfig } from '@openid4vc/utils';
import { clientAuthenticationNone } from '@openid4vc/oauth2';
import { Openid4vciClient } from '@openid4vc/openid4vci';

setGlobalConfig({ allowInsecureUrls: true });
const input = JSON.parse(readFileSync(0, 'utf8'));

const { publicKey, privateKey } = await jose.generateKeyPair('ES256', { extractable: true });
const holderJwk = await jose.exportJWK(publicKey);

const callbacks = {
  fetch: globalThis.fetch,
  hash: (data, alg) => new Uint8Array(createHash(alg.replace('-', '').toLowerCase()).update(data).digest()),
  generateRandom: (n) => new Uint8Array(randomBytes(n)),
  clientAuthentication: clientAuthenticationNone({ clientId: 'interop-wallet' }),
  signJwt: async (signer, { header, payload }) => {
    if (signer.method !== 'jwk') throw new Error('unexpected signer method ' + signer.method);
    const jwt = await new jose.SignJWT(payload).setProtectedHeader(header).sign(privateKey);
    return { jwt, signerJwk: signer.publicJwk };
  },
};

const client = new Openid4vciClient({ callbacks });
const offer = await client.resolveCredentialOffer(input.offer);
const metadata = await client.resolveIssuerMetadata(offer.credential_issuer);
const configurationId = offer.credential_configuration_ids[0];
const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({
  credentialOffer: offer,
  issuerMetadata: metadata,
  txCode: input.txCode ?? undefined,
});
const { c_nonce } = await client.requestNonce({ issuerMetadata: metadata });
const { jwt: proofJwt } = await client.createCredentialRequestJwtProof({
  issuerMetadata: metadata,
  credentialConfigurationId: configurationId,
  nonce: c_nonce,
  signer: { method: 'jwk', alg: 'ES256', publicJwk: holderJwk },
});
const result = await client.retrieveCredentials({
  issuerMetadata: metadata,
  accessToken: accessTokenResponse.access_token,
  credentialConfigurationId: configurationId,
  proofs: { jwt: [proofJwt] },
});
if (!result.credentialResponse) throw new Error('no credential response: ' + JSON.stringify(result));

process.stdout.write(JSON.stringify({
  offer,
  credentialIssuer: metadata.credentialIssuer.credential_issuer,
  credentialEndpoint: metadata.credentialIssuer.credential_endpoint,
  configurationIds: Object.keys(metadata.credentialIssuer.credential_configurations_supported),
  configurationFormat: metadata.credentialIssuer.credential_configurations_supported[configurationId].format,
  authorizationServers: metadata.authorizationServers.map((s) => s.issuer),
  tokenType: accessTokenResponse.token_type,
  proofHeader: jose.decodeProtectedHeader(proofJwt),
  proofPayload: jose.decodeJwt(proofJwt),
  holderJwk,
  credentialResponse: result.credentialResponse,
}));
