// Signing, done OFFLINE on the release manager's machine (`npm run release-key`, see
// release-key-cli.ts; and tests): manifests of release artifacts and remote configuration documents, with an Ed25519 key or an
// SM2 key (国密 deployments: their terminals accept SM2 only). The kiosk holds only public keys
// (pinned-keys.ts); central stores what this signs and never a key.
//
// SM2 signs through the `sm` crypto suite (SM3, signer ID 1234567812345678, r ‖ s), the same
// code that verifies on the terminal; the keys are PEM in OpenSSL's layouts (sm2-key-pem.ts).
// Which algorithm signs follows from the key file, so a signed artifact cannot carry a tag that
// does not match its key.
import crypto from 'node:crypto';
import { createCryptoSuite } from '../../../common/crypto-suite/create-suite';
import { rawSignatureFor } from '../../../common/crypto-suite/signature-envelope';
import { releaseSignedBytes, type ReleaseManifest, type RemoteConfig, type SignatureAlgorithm, type SignedRelease, type SignedRemoteConfig } from '../../../common/fleet-updates';
import { sm2KeyPairFromPem, sm2PrivateKeyPem, sm2PublicKeyPem } from './sm2-key-pem';

export interface ReleaseKeyPair {
  algorithm: SignatureAlgorithm;
  /** PEM PKCS#8 */
  privateKey: string;
  /** PEM SubjectPublicKeyInfo, what a terminal pins */
  publicKey: string;
}

const smSuite = createCryptoSuite('sm', { nodeCrypto: crypto });

export function generateReleaseKey(algorithm: SignatureAlgorithm = 'ed25519'): ReleaseKeyPair {
  if (algorithm === 'sm2') {
    const pair = smSuite.generateSigningKeyPair();
    return { algorithm, privateKey: sm2PrivateKeyPem(pair.privateKey, pair.publicKey), publicKey: sm2PublicKeyPem(pair.publicKey) };
  }
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  return { algorithm, privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

export function manifestFor(artifact: Uint8Array, version: string, o: { channel?: ReleaseManifest['channel']; rollback?: boolean } = {}): ReleaseManifest {
  return { version, channel: o.channel ?? 'stable', size: artifact.length, sha512: crypto.createHash('sha512').update(artifact).digest('hex'), rollback: o.rollback ?? false };
}

/** The algorithm tag and base64 signature of `bytes` by the key in `privateKeyPem` (SM2 or Ed25519; throws on any other key). */
function signBytes(bytes: Uint8Array, privateKeyPem: string): { algorithm: SignatureAlgorithm; signature: string } {
  const sm2 = sm2KeyPairFromPem(privateKeyPem);
  if (sm2) {
    // Z hashes the public key: a file whose point is not its scalar's would sign unverifiably
    if (Buffer.compare(smSuite.publicKeyOf(sm2.privateKey), sm2.publicKey) !== 0) throw new Error('SM2 key file: its public key is not its private key’s');
    const raw = rawSignatureFor('sm', smSuite.sign({ suite: 'sm', ...sm2 }, bytes));
    if (!raw) throw new Error('SM2 signing gave no signature');
    return { algorithm: 'sm2', signature: Buffer.from(raw).toString('base64') };
  }
  const key = crypto.createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`not a release key: ${key.asymmetricKeyType ?? 'unknown'} (Ed25519 or SM2 expected)`);
  return { algorithm: 'ed25519', signature: crypto.sign(null, bytes, key).toString('base64') };
}

export function signRelease(manifest: ReleaseManifest, privateKeyPem: string): SignedRelease {
  return { ...manifest, ...signBytes(releaseSignedBytes(manifest), privateKeyPem) };
}

export function signRemoteConfig(doc: RemoteConfig, privateKeyPem: string): SignedRemoteConfig {
  const document = JSON.stringify(doc);
  return { document, ...signBytes(new TextEncoder().encode(document), privateKeyPem) };
}
