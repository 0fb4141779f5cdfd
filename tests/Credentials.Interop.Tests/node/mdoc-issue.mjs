// Issues an mdoc and presents it with @animo-id/mdoc (their issuer and their holder), with their own keys: a fresh
// IACA root and document-signer certificate (made in mdoc-io.mjs), a fresh P-256 device key, ES256 throughout.
// stdin:  {"docType": "...", "nameSpaces": {"<ns>": {"<element>": <typed JSON value>}}, "disclose": {"<ns>": ["<element>", ...]},
//          "country": "JP", "signed"/"validFrom"/"validUntil": ISO date-times (optional),
//          "clientId", "nonce", "responseUri", "jwkThumbprintHex" (optional) — the OpenID4VP redirect SessionTranscript —
//          or "sessionTranscriptHex" (a SessionTranscript array, CBOR hex) instead,
//          "withoutDocumentSignerEku": true (optional: a document-signer certificate without its extended key usage)}
// args:   [--out DIR] also writes iaca.pem, ds.pem, device-private.jwk, issuer-signed.hex, device-response.hex,
//         device-response.b64u and session-transcript.hex there.
// stdout: {"iacaPem", "dsPem", "devicePrivateJwk", "devicePublicJwk", "issuerSignedHex", "deviceResponseHex",
//          "deviceResponseBase64Url", "sessionTranscriptHex"}
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeviceRequest, DeviceResponse, Document, MDoc, cborEncode } from '@animo-id/mdoc';
import {
  context, createCertificates, createDeviceKey, fromTypedJson, readStdinJson, toHex, transcriptFrom, writeJson,
} from './mdoc-io.mjs';

const input = await readStdinJson();
const now = new Date();
const signed = input.signed ? new Date(input.signed) : now;
const validFrom = input.validFrom ? new Date(input.validFrom) : signed;
const validUntil = input.validUntil ? new Date(input.validUntil) : new Date(signed.getTime() + 365 * 86400000);
const certificates = await createCertificates({
  country: input.country ?? 'JP',
  notBefore: new Date(Math.min(signed.getTime(), now.getTime()) - 86400000),
  notAfter: new Date(Math.max(validUntil.getTime(), now.getTime()) + 86400000),
  withoutDocumentSignerEku: input.withoutDocumentSignerEku === true,
});
const device = await createDeviceKey();

let document = new Document(input.docType, context);
for (const [nameSpace, elements] of Object.entries(input.nameSpaces)) {
  document = document.addIssuerNameSpace(nameSpace, fromTypedJson(elements));
}
const issued = await document
  .useDigestAlgorithm('SHA-256')
  .addValidityInfo({ signed, validFrom, validUntil })
  .addDeviceKeyInfo({ deviceKey: device.publicJwk })
  .sign({ issuerPrivateKey: certificates.dsPrivateJwk, issuerCertificate: certificates.dsDer, alg: 'ES256' }, context);
const issuerSigned = cborEncode(issued.prepare().get('issuerSigned'));

const request = DeviceRequest.from('1.0', [{
  itemsRequestData: {
    docType: input.docType,
    nameSpaces: new Map(Object.entries(input.disclose).map(([ns, ids]) => [ns, new Map(ids.map((id) => [id, false]))])),
  },
}]);
const transcript = transcriptFrom(input);
const presented = await DeviceResponse.from(new MDoc([issued]))
  .usingDeviceRequest(request)
  .usingSessionTranscriptBytes(transcript.sessionTranscriptBytes)
  .authenticateWithSignature(device.privateJwk, 'ES256')
  .sign(context);
const deviceResponse = presented.encode();

const output = {
  iacaPem: certificates.iacaPem,
  dsPem: certificates.dsPem,
  devicePrivateJwk: device.privateJwk,
  devicePublicJwk: device.publicJwk,
  issuerSignedHex: toHex(issuerSigned),
  deviceResponseHex: toHex(deviceResponse),
  deviceResponseBase64Url: Buffer.from(deviceResponse).toString('base64url'),
  sessionTranscriptHex: toHex(transcript.sessionTranscript),
};

const outIndex = process.argv.indexOf('--out');
if (outIndex > 0) {
  const dir = process.argv[outIndex + 1];
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'iaca.pem'), output.iacaPem);
  writeFileSync(join(dir, 'ds.pem'), output.dsPem);
  writeFileSync(join(dir, 'device-private.jwk'), JSON.stringify(output.devicePrivateJwk));
  writeFileSync(join(dir, 'issuer-signed.hex'), output.issuerSignedHex);
  writeFileSync(join(dir, 'device-response.hex'), output.deviceResponseHex);
  writeFileSync(join(dir, 'device-response.b64u'), output.deviceResponseBase64Url);
  writeFileSync(join(dir, 'session-transcript.hex'), output.sessionTranscriptHex);
}

writeJson(output);
