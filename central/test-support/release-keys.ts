// A throw-away release key for central's tests: signs manifests and configuration documents the
// way scripts/sign-release does offline. Central never verifies these; the kiosk's tests do.
import crypto from 'node:crypto';
import { releaseSignedBytes, type SignedRelease } from '../../common/fleet-updates';

export function testReleaseKey() {
  const { privateKey } = crypto.generateKeyPairSync('ed25519');
  const sign = (bytes: Uint8Array) => crypto.sign(null, bytes, privateKey).toString('base64');
  return {
    release(artifact: Uint8Array, version: string, o: { rollback?: boolean; channel?: SignedRelease['channel'] } = {}): SignedRelease & { artifactBase64: string } {
      const m = { version, channel: o.channel ?? ('stable' as const), size: artifact.length, sha512: crypto.createHash('sha512').update(artifact).digest('hex'), rollback: o.rollback ?? false };
      return { ...m, algorithm: 'ed25519', signature: sign(releaseSignedBytes(m)), artifactBase64: Buffer.from(artifact).toString('base64') };
    },
    config(scope: 'group' | 'terminal', target: string, version: number, settings: Record<string, unknown>) {
      const document = JSON.stringify({ version, scope, target, settings });
      return { document, algorithm: 'ed25519' as const, signature: sign(Buffer.from(document)) };
    },
  };
}
