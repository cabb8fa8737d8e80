// A throw-away release key for central's tests: signs manifests and configuration documents the
// way `npm run release-key` does offline, with Ed25519 or (for 国密 deployments) SM2. Central never
// verifies these; the kiosk's tests do.
import crypto from 'node:crypto';
import { createCryptoSuite } from '../../common/crypto-suite/create-suite';
import { rawSignatureFor } from '../../common/crypto-suite/signature-envelope';
import { releaseSignedBytes, type SignatureAlgorithm, type SignedRelease } from '../../common/fleet-updates';

function signer(algorithm: SignatureAlgorithm): (bytes: Uint8Array) => string {
  if (algorithm === 'sm2') {
    const sm = createCryptoSuite('sm');
    const pair = sm.generateSigningKeyPair();
    return (bytes) => Buffer.from(rawSignatureFor('sm', sm.sign(pair, bytes))!).toString('base64');
  }
  const { privateKey } = crypto.generateKeyPairSync('ed25519');
  return (bytes) => crypto.sign(null, bytes, privateKey).toString('base64');
}

export function testReleaseKey(algorithm: SignatureAlgorithm = 'ed25519') {
  const sign = signer(algorithm);
  return {
    release(artifact: Uint8Array, version: string, o: { rollback?: boolean; channel?: SignedRelease['channel'] } = {}): SignedRelease & { artifactBase64: string } {
      const m = { version, channel: o.channel ?? ('stable' as const), size: artifact.length, sha512: crypto.createHash('sha512').update(artifact).digest('hex'), rollback: o.rollback ?? false };
      return { ...m, algorithm, signature: sign(releaseSignedBytes(m)), artifactBase64: Buffer.from(artifact).toString('base64') };
    },
    config(scope: 'group' | 'terminal', target: string, version: number, settings: Record<string, unknown>) {
      const document = JSON.stringify({ version, scope, target, settings });
      return { document, algorithm, signature: sign(Buffer.from(document)) };
    },
  };
}
