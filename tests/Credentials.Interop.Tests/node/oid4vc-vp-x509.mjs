// OpenID4VP x509 client identifiers (x509_san_dns, x509_hash) with @openid4vc/openid4vp.
//
// mode "wallet" (their wallet-side parser, our verifier's request):
//   stdin: {"mode":"wallet","link":"openid4vp://?client_id=x509_san_dns:…&request_uri=…[&request_uri_method=post]",
//           "trustAnchors":["<base64 DER>", …],"walletNonce":"…"|null,"walletMetadata":{…}|null}
//   parseOpenid4vpAuthorizationRequest + resolveOpenId4vpAuthorizationRequest fetch our request object (GET, or POST
//   when the link says request_uri_method=post), verify its signature in the verifyJwt callback after validating the
//   x5c chain up to one of the trust anchors (node:crypto X509Certificate: signatures, validity, CA flag), and check the
//   prefix rule with getX509CertificateMetadata (the leaf's dNSName SANs) or the x509_hash of the leaf.
//   Output: what they resolved, or {"refused": {"error", "description"}} when their library refuses the request.
//
// mode "verifier" (their verifier creates an x509_san_dns request that our wallet reads):
//   stdin: {"mode":"verifier","signerJwk":{private JWK},"x5c":["<base64 DER leaf>", …],"clientId":"x509_san_dns:…",
//           "responseUri":"https://…","nonce":"…","state":"…","dcqlQuery":{…},"requestUri":"…"|null}
//   createOpenid4vpAuthorizationRequest with a jar signer of method x5c; prints the link, the request object and the
//   payload.
import { readFileSync } from 'node:fs';
import { X509Certificate, createHash } from 'node:crypto';
import * as jose from 'jose';
import { setGlobalConfig } from '@openid4vc/utils';
import { Oauth2Error, Oauth2ServerErrorResponseError } from '@openid4vc/oauth2';
import { Openid4vpClient, createOpenid4vpAuthorizationRequest } from '@openid4vc/openid4vp';

setGlobalConfig({ allowInsecureUrls: true });
const input = JSON.parse(readFileSync(0, 'utf8'));
const hash = (data, alg) => new Uint8Array(createHash(alg.replace('-', '').toLowerCase()).update(data).digest());
const der = (b64) => new X509Certificate(Buffer.from(b64, 'base64'));

// Chain validation done here, not by the library: it hands the x5c to the verifyJwt callback.
function validateChain(x5c, anchors, now) {
  const chain = x5c.map(der);
  for (const certificate of chain) {
    if (now < new Date(certificate.validFrom) || now > new Date(certificate.validTo)) return 'certificate outside its validity period';
  }
  for (let i = 0; i + 1 < chain.length; i++) {
    if (!chain[i + 1].ca || !chain[i].checkIssued(chain[i + 1]) || !chain[i].verify(chain[i + 1].publicKey)) return 'broken chain at position ' + i;
  }
  const last = chain.at(-1);
  const anchor = anchors.find((a) => a.raw.equals(last.raw) || (last.checkIssued(a) && a.ca && last.verify(a.publicKey)));
  if (!anchor) return 'no trust anchor for the chain';
  if (now < new Date(anchor.validFrom) || now > new Date(anchor.validTo)) return 'trust anchor outside its validity period';
  return null;
}

function sanDnsNames(certificate) {
  return (certificate.subjectAltName ?? '').split(', ').filter((n) => n.startsWith('DNS:')).map((n) => n.slice(4));
}

function sanUriNames(certificate) {
  return (certificate.subjectAltName ?? '').split(', ').filter((n) => n.startsWith('URI:')).map((n) => n.slice(4));
}

async function wallet() {
  const anchors = (input.trustAnchors ?? []).map(der);
  const verifications = [];
  const callbacks = {
    fetch: globalThis.fetch,
    hash,
    verifyJwt: async (signer, { compact, header }) => {
      if (signer.method !== 'x5c') {
        verifications.push({ method: signer.method, verified: false, reason: 'not x5c' });
        return { verified: false };
      }
      const chainError = validateChain(signer.x5c, anchors, new Date());
      const leaf = der(signer.x5c[0]);
      const publicJwk = leaf.publicKey.export({ format: 'jwk' });
      if (chainError) {
        verifications.push({ method: 'x5c', verified: false, reason: chainError });
        return { verified: false, signerJwk: publicJwk };
      }
      try {
        await jose.compactVerify(compact, await jose.importJWK(publicJwk, signer.alg ?? header.alg));
        verifications.push({ method: 'x5c', verified: true, x5cLength: signer.x5c.length });
        return { verified: true, signerJwk: publicJwk };
      } catch {
        verifications.push({ method: 'x5c', verified: false, reason: 'signature' });
        return { verified: false, signerJwk: publicJwk };
      }
    },
    getX509CertificateMetadata: (certificate) => {
      const leaf = der(certificate);
      return { sanDnsNames: sanDnsNames(leaf), sanUriNames: sanUriNames(leaf) };
    },
    decryptJwe: () => { throw new Error('not used'); },
  };

  const client = new Openid4vpClient({ callbacks });
  const parsed = client.parseOpenid4vpAuthorizationRequest({ authorizationRequest: input.link });
  const walletOptions = input.walletMetadata || input.walletNonce
    ? { metadata: input.walletMetadata ?? undefined, nonce: input.walletNonce ?? undefined }
    : undefined;
  let resolved;
  try {
    resolved = await client.resolveOpenId4vpAuthorizationRequest({ authorizationRequestPayload: parsed.params, wallet: walletOptions });
  } catch (error) {
    // Their refusals: an OAuth error response (invalid_request, invalid_request_uri …), or a signature the verifyJwt
    // callback did not accept (Oauth2JwtVerificationError).
    if (error instanceof Oauth2ServerErrorResponseError) {
      return { parsedType: parsed.type, verifications, refused: { error: error.errorResponse.error, description: error.errorResponse.error_description ?? null } };
    }
    if (error instanceof Oauth2Error) {
      return { parsedType: parsed.type, verifications, refused: { error: error.constructor.name, description: error.message } };
    }
    throw error;
  }
  const request = resolved.authorizationRequestPayload;
  const jwt = resolved.jar?.jwt;
  return {
    parsedType: parsed.type,
    verifications,
    jarSendBy: resolved.jar?.sendBy ?? null,
    jarHeader: jwt?.header ? { typ: jwt.header.typ, alg: jwt.header.alg, x5cLength: jwt.header.x5c?.length ?? 0 } : null,
    version: resolved.version,
    client: {
      prefix: resolved.client.prefix,
      identifier: resolved.client.identifier,
      effective: resolved.client.effective ?? null,
      x5cLength: resolved.client.x5c?.length ?? 0,
    },
    request: {
      client_id: request.client_id,
      response_type: request.response_type,
      response_mode: request.response_mode,
      response_uri: request.response_uri ?? null,
      nonce: request.nonce,
      state: request.state ?? null,
      wallet_nonce: request.wallet_nonce ?? null,
      aud: request.aud ?? null,
      verifier_info: request.verifier_info ?? null,
    },
    dcqlQuery: resolved.dcql?.query ?? null,
  };
}

async function verifier() {
  const key = await jose.importJWK(input.signerJwk, 'ES256');
  const { d, ...publicJwk } = input.signerJwk;
  const callbacks = {
    hash,
    signJwt: async (signer, { header, payload }) => {
      if (signer.method !== 'x5c') throw new Error('unexpected signer ' + signer.method);
      const jwt = await new jose.SignJWT(payload).setProtectedHeader(header).sign(key);
      return { jwt, signerJwk: publicJwk };
    },
  };
  const created = await createOpenid4vpAuthorizationRequest({
    authorizationRequestPayload: {
      response_type: 'vp_token',
      client_id: input.clientId,
      response_mode: 'direct_post',
      response_uri: input.responseUri,
      nonce: input.nonce,
      state: input.state ?? undefined,
      dcql_query: input.dcqlQuery,
    },
    jar: {
      jwtSigner: { method: 'x5c', alg: 'ES256', x5c: input.x5c },
      requestUri: input.requestUri ?? undefined,
      expiresInSeconds: 300,
      additionalJwtPayload: input.requestUri ? undefined : { aud: 'https://self-issued.me/v2' },
    },
    callbacks,
  });
  return {
    link: created.authorizationRequest,
    requestObject: created.jar.authorizationRequestJwt,
    header: jose.decodeProtectedHeader(created.jar.authorizationRequestJwt),
    payload: created.authorizationRequestPayload,
  };
}

const output = input.mode === 'verifier' ? await verifier() : await wallet();
process.stdout.write(JSON.stringify(output));
