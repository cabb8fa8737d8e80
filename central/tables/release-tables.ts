// Fleet updates and remote configuration: releases (artifact, SHA-512, signature made offline),
// their rollouts, terminal groups, signed configuration documents, and configuration drift.
import type { SignedRelease, SignedRemoteConfig } from '../../common/fleet-updates';
import type { Db } from './database';

export interface RolloutStage {
  group: string;
  percent: number;
}

export interface ReleaseRow {
  releaseId: number;
  release: SignedRelease;
  publishedAt: string;
  rollout: { stages: RolloutStage[]; paused: boolean } | null;
}

type RawRelease = {
  release_id: number;
  version: string;
  channel: string;
  rollback: number;
  size: number;
  sha512: string;
  algorithm: string;
  signature: string;
  published_at: string;
  stages: string | null;
  paused: number | null;
};

function toRow(r: RawRelease): ReleaseRow {
  return {
    releaseId: r.release_id,
    release: {
      version: r.version,
      channel: r.channel as SignedRelease['channel'],
      size: r.size,
      sha512: r.sha512,
      rollback: r.rollback === 1,
      algorithm: r.algorithm as SignedRelease['algorithm'],
      signature: r.signature,
    },
    publishedAt: r.published_at,
    rollout: r.stages === null ? null : { stages: JSON.parse(r.stages) as RolloutStage[], paused: r.paused === 1 },
  };
}

const RELEASE_COLUMNS = `r.release_id, r.version, r.channel, r.rollback, r.size, r.sha512, r.algorithm, r.signature, r.published_at, o.stages, o.paused`;

export class ReleaseTables {
  /** Each terminal's last recorded drift (JSON of its sorted fields), see recordDrift. */
  private readonly lastDrift = new Map<string, string>();

  constructor(private readonly db: Db) {}

  /** Stores a release; the same artifact (by SHA-512) published twice is the same release. */
  publishRelease(release: SignedRelease, artifact: Uint8Array): { releaseId: number; duplicate: boolean } {
    const existing = this.db.prepare('SELECT release_id FROM releases WHERE sha512 = ?').get(release.sha512) as { release_id: number } | undefined;
    if (existing) return { releaseId: existing.release_id, duplicate: true };
    const r = this.db
      .prepare(
        `INSERT INTO releases (version, channel, rollback, size, sha512, algorithm, signature, artifact, published_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(release.version, release.channel, release.rollback ? 1 : 0, release.size, release.sha512, release.algorithm, release.signature, Buffer.from(artifact), new Date().toISOString());
    return { releaseId: Number(r.lastInsertRowid), duplicate: false };
  }

  /** Every release, newest first, with its rollout. */
  releases(): ReleaseRow[] {
    return (this.db.prepare(`SELECT ${RELEASE_COLUMNS} FROM releases r LEFT JOIN rollouts o ON o.release_id = r.release_id ORDER BY r.release_id DESC`).all() as RawRelease[]).map(toRow);
  }

  release(releaseId: number): ReleaseRow | null {
    const r = this.db.prepare(`SELECT ${RELEASE_COLUMNS} FROM releases r LEFT JOIN rollouts o ON o.release_id = r.release_id WHERE r.release_id = ?`).get(releaseId) as RawRelease | undefined;
    return r ? toRow(r) : null;
  }

  /** Sets (or replaces) a release's rollout; false when there is no such release. */
  setRollout(releaseId: number, stages: RolloutStage[], paused: boolean): boolean {
    if (!this.db.prepare('SELECT 1 FROM releases WHERE release_id = ?').get(releaseId)) return false;
    this.db
      .prepare(
        `INSERT INTO rollouts (release_id, stages, paused, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (release_id) DO UPDATE SET stages = excluded.stages, paused = excluded.paused, updated_at = excluded.updated_at`,
      )
      .run(releaseId, JSON.stringify(stages), paused ? 1 : 0, new Date().toISOString());
    return true;
  }

  /** Total size and a byte range of an artifact, by its SHA-512 (null when unknown). */
  artifactRange(sha512: string, start: number, endInclusive: number): { size: number; bytes: Buffer } | null {
    const r = this.db.prepare('SELECT size, substr(artifact, ?, ?) AS bytes FROM releases WHERE sha512 = ?').get(start + 1, Math.max(0, endInclusive - start + 1), sha512) as
      { size: number; bytes: Buffer } | undefined;
    return r ? { size: r.size, bytes: r.bytes } : null;
  }

  setTerminalGroup(terminalId: string, group: string): boolean {
    if (!this.db.prepare('SELECT 1 FROM terminals WHERE terminal_id = ?').get(terminalId)) return false;
    this.db.prepare('INSERT INTO terminal_groups (terminal_id, group_name) VALUES (?, ?) ON CONFLICT (terminal_id) DO UPDATE SET group_name = excluded.group_name').run(terminalId, group);
    return true;
  }

  terminalGroup(terminalId: string): string | null {
    const r = this.db.prepare('SELECT group_name FROM terminal_groups WHERE terminal_id = ?').get(terminalId) as { group_name: string } | undefined;
    return r?.group_name ?? null;
  }

  /** Stores a signed configuration document unless one of the same or a newer version is there. */
  putRemoteConfig(scope: 'group' | 'terminal', target: string, version: number, signed: SignedRemoteConfig): { stored: boolean; currentVersion: number | null } {
    return this.db.transaction(() => {
      const cur = this.db.prepare('SELECT version FROM remote_configs WHERE scope = ? AND target = ?').get(scope, target) as { version: number } | undefined;
      if (cur && cur.version >= version) return { stored: false, currentVersion: cur.version };
      this.db
        .prepare(
          `INSERT INTO remote_configs (scope, target, version, document, algorithm, signature, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (scope, target) DO UPDATE SET version = excluded.version, document = excluded.document, algorithm = excluded.algorithm,
             signature = excluded.signature, updated_at = excluded.updated_at`,
        )
        .run(scope, target, version, signed.document, signed.algorithm, signed.signature, new Date().toISOString());
      return { stored: true, currentVersion: version };
    })();
  }

  remoteConfig(scope: 'group' | 'terminal', target: string): SignedRemoteConfig | null {
    const r = this.db.prepare('SELECT document, algorithm, signature FROM remote_configs WHERE scope = ? AND target = ?').get(scope, target) as
      { document: string; algorithm: SignedRemoteConfig['algorithm']; signature: string } | undefined;
    return r ?? null;
  }

  /** Records a terminal's reported drift when it differs from the last one recorded for it. */
  recordDrift(terminalId: string, at: number, fields: string[]): void {
    const json = JSON.stringify([...fields].sort());
    // Every heartbeat reports it; only this method writes config_drift, so the last one recorded
    // per terminal is remembered instead of read again (no record counts as "no drift").
    let last = this.lastDrift.get(terminalId);
    if (last === undefined) {
      const r = this.db.prepare('SELECT fields FROM config_drift WHERE terminal_id = ? ORDER BY seq DESC LIMIT 1').get(terminalId) as { fields: string } | undefined;
      last = r?.fields ?? '[]';
      if (!this.db.inTransaction) this.lastDrift.set(terminalId, last);
    }
    if (last === json) return;
    this.db.prepare('INSERT INTO config_drift (terminal_id, at, fields) VALUES (?, ?, ?)').run(terminalId, at, json);
    if (!this.db.inTransaction) this.lastDrift.set(terminalId, json);
    else this.lastDrift.delete(terminalId);
  }

  /** Drift records, newest first (an empty field list: the terminal is back in line). */
  configDrift(limit = 500): { terminalId: string; at: number; fields: string[] }[] {
    return (this.db.prepare('SELECT terminal_id AS terminalId, at, fields FROM config_drift ORDER BY seq DESC LIMIT ?').all(limit) as { terminalId: string; at: number; fields: string }[]).map(
      (r) => ({
        ...r,
        fields: JSON.parse(r.fields) as string[],
      }),
    );
  }
}
