// Which release a terminal should run. A release reaches a terminal when its rollout names the
// terminal's group and the terminal's bucket (0–99, from a hash of its id) is below the stage's
// percentage: deterministic, so raising 10 % to 50 % keeps the first 10 % and adds to them, and
// the same terminals go first in every release (the canaries a technician watches).
import crypto from 'node:crypto';
import { channelTakes, type Channel, type UpdateAssignment } from '../../common/fleet-updates';
import type { ReleaseRow } from '../tables/release-tables';

export function rolloutBucket(terminalId: string): number {
  return crypto.createHash('sha256').update(terminalId).digest().readUInt32BE(0) % 100;
}

/**
 * The newest release of the terminal's channel (a stable terminal never sees a beta release; a
 * beta one takes beta and stable) whose rollout takes this terminal. A paused rollout holds back
 * the terminals it would take (they keep what they run) instead of falling back to an older
 * release. A terminal outside every group a rollout names gets nothing from it.
 */
export function assignRelease(releases: readonly ReleaseRow[], terminalId: string, group: string | null, channel: Channel): UpdateAssignment {
  const offered = releases.filter((r) => channelTakes(channel, r.release.channel));
  if (offered.length === 0) return { release: null, reason: 'no-release' };
  if (group === null) return { release: null, reason: 'not-in-rollout' };
  const bucket = rolloutBucket(terminalId);
  for (const r of offered) {
    const stage = r.rollout?.stages.find((s) => s.group === group);
    if (!stage || bucket >= stage.percent) continue;
    if (r.rollout!.paused) return { release: null, reason: 'paused' };
    return { release: r.release, reason: 'assigned' };
  }
  return { release: null, reason: 'not-in-rollout' };
}
