// Verifies a DeviceResponse with @animo-id/mdoc's Verifier.verifyDeviceResponse (their verifier): the issuer
// certificate chain to the given IACA certificates, the MSO signature and validity, every disclosed item's digest,
// and the device signature over the given SessionTranscript. A response they reject is a result, not a script
// failure: {"ok": false, "failed": [...], "error": "..."}; the script exits non-zero only for its own bugs.
// stdin:  {"deviceResponseHex" or "deviceResponseBase64Url", "trustedPems": ["-----BEGIN CERTIFICATE-----..."],
//          "clientId", "nonce", "responseUri", "jwkThumbprintHex" (optional) or "sessionTranscriptHex",
//          "now": ISO date-time (optional)}
// stdout: {"ok": bool, "failed": [{"category", "check", "reason"}], "passed": <count>, "error": string | null,
//          "documents": [{"docType", "elements": {"<ns>": {"<element>": <typed JSON value>}}}]}
import { Verifier } from '@animo-id/mdoc';
import { context, fromHex, pemToDer, readStdinJson, toTypedJson, transcriptFrom, writeJson } from './mdoc-io.mjs';

const input = await readStdinJson();
const encodedDeviceResponse = input.deviceResponseHex
  ? fromHex(input.deviceResponseHex)
  : new Uint8Array(Buffer.from(input.deviceResponseBase64Url, 'base64url'));
const trustedCertificates = input.trustedPems.map(pemToDer);
const transcript = transcriptFrom(input);

const checks = [];
let response = null;
let error = null;
try {
  response = await new Verifier().verifyDeviceResponse({
    encodedDeviceResponse,
    encodedSessionTranscript: transcript.sessionTranscriptBytes,
    trustedCertificates,
    now: input.now ? new Date(input.now) : undefined,
    onCheck: (check) => checks.push(check),
  }, context);
} catch (e) {
  error = `${e?.name ?? 'Error'}: ${e?.message ?? e}`;
}

const failed = checks.filter((c) => c.status === 'FAILED')
  .map(({ category, check, reason }) => ({ category, check, reason: reason ?? null }));
const documents = (response?.documents ?? []).map((doc) => ({
  docType: doc.docType,
  elements: Object.fromEntries(doc.issuerSignedNameSpaces.map((ns) => [
    ns, Object.fromEntries([...doc.getIssuerNameSpace(ns).entries()].map(([id, v]) => [id, toTypedJson(v)])),
  ])),
}));

writeJson({
  ok: error === null && failed.length === 0 && documents.length > 0,
  failed,
  passed: checks.filter((c) => c.status === 'PASSED').length,
  error,
  documents,
});
