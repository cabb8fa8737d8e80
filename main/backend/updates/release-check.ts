// Whether a release may be installed: its manifest signed by a pinned release key with an
// algorithm the terminal's crypto suite accepts (no Ed25519 on an `sm` terminal), not older than
// what runs (unless the release key signed it as a rollback), and the downloaded artifact exactly
// the bytes the manifest names. Each refusal has its own reason code for the technician screen,
// the heartbeat and the fleet page.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { releaseSignedBytes, type SignedRelease, type UpdateRefusal } from '../../../common/fleet-updates';
import type { Result } from '../../../common/result';
import { compareVersions } from './semver';
import { checkPinnedSignature, wrongSuiteMessage, type SignatureTrust } from './signature-verifier';

export interface Refusal {
  reason: UpdateRefusal;
  message: string;
}

/** Checks of the manifest alone, before anything is downloaded. */
export function checkManifest(release: SignedRelease, currentVersion: string, trust: SignatureTrust): Result<SignedRelease, Refusal> {
  if (release.signature.length === 0) return { ok: false, error: { reason: 'unsigned', message: '版本未签名 / release is not signed' } };
  const signature = checkPinnedSignature(trust, release.algorithm, releaseSignedBytes(release), release.signature);
  if (!signature.ok)
    return signature.error === 'wrong-suite'
      ? { ok: false, error: { reason: 'wrong-suite', message: wrongSuiteMessage('release', release.algorithm, trust.suite) } }
      : { ok: false, error: { reason: 'wrong-key', message: '版本签名无法用本机信任的发布公钥验证 / release signature does not verify with the pinned release key' } };
  if (compareVersions(release.version, currentVersion) <= 0 && !release.rollback)
    return {
      ok: false,
      error: {
        reason: 'downgrade',
        message: `版本 ${release.version} 不高于当前的 ${currentVersion}，且未签署为回退版本 / ${release.version} is not above ${currentVersion} and not signed as a rollback`,
      },
    };
  return { ok: true, value: release };
}

/** Checks the downloaded file against the signed size and SHA-512. */
export async function checkArtifact(release: SignedRelease, file: string): Promise<Result<void, Refusal>> {
  const size = fs.statSync(file).size;
  if (size < release.size) return { ok: false, error: { reason: 'truncated', message: `制品不完整（${size} / ${release.size} 字节）/ artifact truncated (${size} of ${release.size} bytes)` } };
  const hash = crypto.createHash('sha512');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  if (size !== release.size || hash.digest('hex') !== release.sha512)
    return { ok: false, error: { reason: 'tampered', message: '制品内容与签名清单不符（SHA-512 不匹配）/ artifact does not match the signed SHA-512' } };
  return { ok: true, value: undefined };
}
