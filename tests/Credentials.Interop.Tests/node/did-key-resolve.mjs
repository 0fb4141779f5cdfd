// Resolves a did:key with @digitalbazaar/did-method-key (pinned in package.json) and prints what it found as JSON:
// the assertionMethod verification method's id, its publicKeyMultibase and its public key as a JWK.
// Usage: node did-key-resolve.mjs <did>
import * as DidKey from '@digitalbazaar/did-method-key';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';

const did = process.argv[2];
if (!did) {
  process.stderr.write('usage: node did-key-resolve.mjs <did>\n');
  process.exit(2);
}

const driver = DidKey.driver();
driver.use({multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from});
driver.use({multibaseMultikeyHeader: 'zDna', fromMultibase: EcdsaMultikey.from});
driver.use({multibaseMultikeyHeader: 'z82L', fromMultibase: EcdsaMultikey.from});

const document = await driver.get({did});
const methodId = document.assertionMethod[0];
const method = document.verificationMethod.find(m => m.id === methodId) ??
  (await driver.get({url: methodId}));
const keyPair = did.startsWith('did:key:z6Mk') ?
  await Ed25519Multikey.from(method) : await EcdsaMultikey.from(method);
const jwk = did.startsWith('did:key:z6Mk') ?
  await Ed25519Multikey.toJwk({keyPair}) : await EcdsaMultikey.toJwk({keyPair});

process.stdout.write(JSON.stringify({
  id: document.id,
  methodId,
  publicKeyMultibase: method.publicKeyMultibase,
  jwk: {kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y}
}));
