// Shared helpers for the vc-di-*.mjs scripts: @digitalbazaar/vc's document loader and cryptosuites. Contexts come only
// from the pinned files that <contexts-dir>/README.md's table names (the repository's specs/vectors/jsonld-contexts,
// copied to the test output); DIDs are did:key only, resolved by @digitalbazaar/did-method-key. Any other URL is
// refused: nothing is fetched from the network.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as DidKey from '@digitalbazaar/did-method-key';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';

export { readStdinJson, writeJson } from './jose-io.mjs';

export const cryptosuites = { 'eddsa-rdfc-2022': eddsaRdfc2022, 'ecdsa-rdfc-2019': ecdsaRdfc2019 };

// URL -> parsed context, from the README table rows "| https://... | `file` | ...".
function readPinnedContexts(contextsDir) {
  const contexts = new Map();
  for (const line of readFileSync(join(contextsDir, 'README.md'), 'utf8').split('\n')) {
    const row = /^\| (https:\/\/\S+)[^|]*\| `([^`]+)` \|/.exec(line);
    if (row) contexts.set(row[1], JSON.parse(readFileSync(join(contextsDir, row[2]), 'utf8')));
  }
  if (contexts.size === 0) throw new Error(`no pinned contexts found in ${contextsDir}/README.md`);
  return contexts;
}

const didKey = DidKey.driver();
didKey.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });
didKey.use({ multibaseMultikeyHeader: 'zDna', fromMultibase: EcdsaMultikey.from });
didKey.use({ multibaseMultikeyHeader: 'z82L', fromMultibase: EcdsaMultikey.from });

export function documentLoaderFor(contextsDir) {
  const contexts = readPinnedContexts(contextsDir);
  return async (url) => {
    if (contexts.has(url)) return { contextUrl: null, documentUrl: url, document: contexts.get(url) };
    if (url.startsWith('did:key:')) return { contextUrl: null, documentUrl: url, document: await didKey.get({ url }) };
    throw new Error(`refusing to load ${url}`);
  };
}

// A new key pair for the suite, as a did:key whose verification method is the key's own fragment.
export async function generateDidKeyPair(suiteName) {
  let keyPair;
  if (suiteName === 'eddsa-rdfc-2022') keyPair = await Ed25519Multikey.generate();
  else if (suiteName === 'ecdsa-rdfc-2019') keyPair = await EcdsaMultikey.generate({ curve: 'P-256' });
  else throw new Error(`unknown cryptosuite ${suiteName}`);
  const did = `did:key:${keyPair.publicKeyMultibase}`;
  keyPair.controller = did;
  keyPair.id = `${did}#${keyPair.publicKeyMultibase}`;
  return { keyPair, did };
}
