// Shared helpers for the ob-*.mjs scripts (Open Badges 3.0 proofs): Data Integrity verification methods that are HTTPS
// URLs of the issuer (https://example.edu/issuers/565049#z6Mk..., as in the Open Badges examples) rather than DID URLs.
// The methods are given on stdin and served from memory by the document loader; contexts come from the pinned files
// (vc-di-io.mjs); nothing is fetched from the network.
import { documentLoaderFor } from './vc-di-io.mjs';

export { cryptosuites, readStdinJson, writeJson } from './vc-di-io.mjs';

// A Multikey verification method document, as its controller would publish it.
export function multikeyMethod({ id, controller, publicKeyMultibase }) {
  return { '@context': 'https://w3id.org/security/multikey/v1', id, type: 'Multikey', controller, publicKeyMultibase };
}

// The pinned contexts plus the given methods, each served at its own URL (fragment included).
export function documentLoaderWithMethods(contextsDir, methods) {
  const pinned = documentLoaderFor(contextsDir);
  const byId = new Map(methods.map(method => [method.id, multikeyMethod(method)]));
  return async (url) => {
    if (byId.has(url)) return { contextUrl: null, documentUrl: url, document: byId.get(url) };
    return pinned(url);
  };
}

// The controller document of an issuer (Controlled Identifiers 1.0): its id, and the methods it lists under
// assertionMethod. Handed to @digitalbazaar/vc as `controller`, so that it is not dereferenced (and framed with a
// security context that is not pinned).
export function controllerDocument(issuerId, methods) {
  return { id: issuerId, assertionMethod: methods.filter(m => m.controller === issuerId).map(m => m.id) };
}
