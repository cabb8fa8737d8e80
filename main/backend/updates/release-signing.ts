// Signing, done OFFLINE on the release manager's machine (scripts/sign-release CLI and tests):
// manifests of release artifacts and remote configuration documents, with an Ed25519 key. The
// kiosk holds only public keys (pinned-keys.ts); central stores what this signs and never a key.
import crypto from 'node:crypto';
import { releaseSignedBytes, type ReleaseManifest, type RemoteConfig, type SignedRelease, type SignedRemoteConfig } from '../../../common/fleet-updates';

export interface ReleaseKeyPair {
  /** PEM PKCS#8 */
  privateKey: string;
  /** PEM SubjectPublicKeyInfo, what a terminal pins */
  publicKey: string;
}

export function generateReleaseKey(): ReleaseKeyPair {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  return { privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

export function manifestFor(artifact: Uint8Array, version: string, o: { channel?: ReleaseManifest['channel']; rollback?: boolean } = {}): ReleaseManifest {
  return { version, channel: o.channel ?? 'stable', size: artifact.length, sha512: crypto.createHash('sha512').update(artifact).digest('hex'), rollback: o.rollback ?? false };
}

export function signRelease(manifest: ReleaseManifest, privateKeyPem: string): SignedRelease {
  const signature = crypto.sign(null, releaseSignedBytes(manifest), crypto.createPrivateKey(privateKeyPem)).toString('base64');
  return { ...manifest, algorithm: 'ed25519', signature };
}

export function signRemoteConfig(doc: RemoteConfig, privateKeyPem: string): SignedRemoteConfig {
  const document = JSON.stringify(doc);
  return { document, algorithm: 'ed25519', signature: crypto.sign(null, Buffer.from(document), crypto.createPrivateKey(privateKeyPem)).toString('base64') };
}
