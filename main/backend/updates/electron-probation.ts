// The Electron build's way back from a bad release. electron-updater replaces the installed app
// and keeps nothing to return to, so before it installs, the previous version's artifact is kept
// here and a pending-update record is written durably; at the next start the shell puts the new
// version on probation (it must boot, serve and show the attract screen within a deadline, and
// not crash-loop) and either confirms it or puts the kept artifact back.
//
// What is kept, under <dataDir>/updates/:
//   AppImage (Linux): rollback/<from>.AppImage — a copy of the running file ($APPIMAGE), which the
//     install replaces; a rollback writes it back to the same path (atomic rename) and restarts.
//   NSIS (Windows): installed/<version>.exe — the verified installer of each version the updater
//     installed (the current one and, while on probation, the one before); a rollback runs the
//     previous one silently. A version a technician installed by hand has no installer here: its
//     first update cannot be rolled back and says so (copy its setup .exe to installed/<version>.exe
//     to make it possible).
//   electron-pending.json — the update on trial: from → to, its SHA-512, what was kept, and how
//     many times `to` has started.
// A version that fails probation goes on update-state.json's blocked list (by SHA-512), which the
// updater never installs again; each step is written there for the heartbeat.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { SignedRelease } from '../../../common/fleet-updates';
import type { Result } from '../../../common/result';
import { readJsonFile, readUpdateState, writeUpdateState, type UpdateState } from './update-state';

/** Starts of the new version during its probation; one more is a crash loop, and it is rolled back. */
export const MAX_PROBATION_STARTS = 3;

export const pendingElectronUpdateSchema = z.object({
  from: z.string().max(40),
  to: z.string().max(40),
  sha512: z.string().regex(/^[0-9a-f]{128}$/),
  format: z.enum(['appimage', 'nsis']),
  /** the AppImage file the app runs from (and a rollback writes back to); null for NSIS */
  appImagePath: z.string().nullable(),
  /** the previous version's artifact, kept to go back to; null when there is none */
  kept: z.string().nullable(),
  at: z.string(),
  /** how many times `to` has started while on probation */
  starts: z.number().int().min(0),
});
export type PendingElectronUpdate = z.infer<typeof pendingElectronUpdateSchema>;

export function electronUpdatePaths(dataDir: string) {
  const dir = path.join(dataDir, 'updates');
  return {
    dir,
    pending: path.join(dir, 'electron-pending.json'),
    rollback: path.join(dir, 'rollback'),
    installed: path.join(dir, 'installed'),
    state: path.join(dir, 'update-state.json'),
  };
}

/** Writes a file so that a power cut leaves the old or the new content (fsync, then rename). */
function writeDurably(file: string, data: string | Uint8Array, mode = 0o600): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, data, { mode });
  const fd = fs.openSync(tmp, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(tmp, file);
}

function copyDurably(from: string, to: string, mode: number): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  const tmp = `${to}.tmp-${process.pid}`;
  fs.copyFileSync(from, tmp);
  fs.chmodSync(tmp, mode);
  const fd = fs.openSync(tmp, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(tmp, to);
}

export function readPendingElectronUpdate(dataDir: string): PendingElectronUpdate | null {
  return readJsonFile(electronUpdatePaths(dataDir).pending, pendingElectronUpdateSchema);
}

function writePending(dataDir: string, p: PendingElectronUpdate): void {
  writeDurably(electronUpdatePaths(dataDir).pending, JSON.stringify(p) + '\n');
}

function writeState(dataDir: string, change: Omit<UpdateState, 'blocked' | 'at'> & { block?: string }): void {
  const file = electronUpdatePaths(dataDir).state;
  const prior = readUpdateState(file);
  const { block, ...state } = change;
  writeUpdateState(file, { ...state, at: new Date().toISOString(), blocked: [...new Set([...(prior?.blocked ?? []), ...(block ? [block] : [])])].slice(-100) });
}

export interface StageOptions {
  dataDir: string;
  release: SignedRelease;
  /** the verified artifact the updater downloaded */
  artifactFile: string;
  /** the version running now */
  from: string;
  platform: NodeJS.Platform;
  /** $APPIMAGE of the running app (Linux) */
  appImagePath: string | null;
}

/**
 * Keeps what the rollback needs before electron-updater replaces the app. Refuses an install that
 * could not be undone on Linux (not an AppImage: a .deb is updated through the package repository).
 */
export function keepPrevious(o: StageOptions): Result<{ format: PendingElectronUpdate['format']; kept: string | null }, string> {
  const p = electronUpdatePaths(o.dataDir);
  try {
    if (o.platform === 'win32') {
      const installers = fs.existsSync(p.installed) ? fs.readdirSync(p.installed) : [];
      const previous = installers.includes(`${o.from}.exe`) ? path.join(p.installed, `${o.from}.exe`) : null;
      copyDurably(o.artifactFile, path.join(p.installed, `${o.release.version}.exe`), 0o600);
      return { ok: true, value: { format: 'nsis', kept: previous } };
    }
    if (!o.appImagePath || !path.isAbsolute(o.appImagePath) || !fs.existsSync(o.appImagePath))
      return {
        ok: false,
        error: '此安装不是 AppImage，无法自行更新（.deb 安装请通过软件源更新）/ this install is not an AppImage and cannot update itself (update a .deb install through the package repository)',
      };
    const kept = path.join(p.rollback, `${o.from}.AppImage`);
    copyDurably(o.appImagePath, kept, 0o700);
    return { ok: true, value: { format: 'appimage', kept } };
  } catch (e) {
    return { ok: false, error: `无法保留当前版本以便回退 / could not keep the current version to roll back to: ${(e as Error).message.slice(0, 200)}` };
  }
}

/** Undoes keepPrevious when electron-updater could not take the release. */
export function discardKept(o: StageOptions, kept: { format: PendingElectronUpdate['format']; kept: string | null }): void {
  if (kept.format === 'appimage' && kept.kept) fs.rmSync(kept.kept, { force: true });
  if (kept.format === 'nsis') fs.rmSync(path.join(electronUpdatePaths(o.dataDir).installed, `${o.release.version}.exe`), { force: true });
}

/** The last step before electron-updater installs: the record the next start reads. */
export function recordPending(o: StageOptions, kept: { format: PendingElectronUpdate['format']; kept: string | null }): void {
  writePending(o.dataDir, {
    from: o.from,
    to: o.release.version,
    sha512: o.release.sha512,
    format: kept.format,
    appImagePath: kept.format === 'appimage' ? o.appImagePath : null,
    kept: kept.kept,
    at: new Date().toISOString(),
    starts: 0,
  });
}

/** Drops what an install that will not happen left (kept copies, the new installer, the record). */
function dropPending(dataDir: string, pending: PendingElectronUpdate, keepKept: boolean): void {
  const p = electronUpdatePaths(dataDir);
  if (pending.format === 'appimage' && pending.kept && !keepKept) fs.rmSync(pending.kept, { force: true });
  fs.rmSync(p.pending, { force: true });
}

export type ProbationStart =
  | { kind: 'none' }
  /** the record was written but the app still runs the old version: the install never happened */
  | { kind: 'interrupted'; pending: PendingElectronUpdate }
  | { kind: 'on-probation'; pending: PendingElectronUpdate }
  /** the new version started too often without proving healthy */
  | { kind: 'crash-loop'; pending: PendingElectronUpdate };

/** Called once per start of the shell, before the backend boots. */
export function startProbation(dataDir: string, runningVersion: string): ProbationStart {
  const pending = readPendingElectronUpdate(dataDir);
  if (!pending) return { kind: 'none' };
  if (runningVersion !== pending.to) {
    // A crash (or a failed install) between the record and the restart: this version still runs.
    // The release is tried again at the next pass, unless a rollback from it already blocked it.
    const state = readUpdateState(electronUpdatePaths(dataDir).state);
    if (pending.format === 'nsis') fs.rmSync(path.join(electronUpdatePaths(dataDir).installed, `${pending.to}.exe`), { force: true });
    dropPending(dataDir, pending, false);
    if (!state?.blocked.includes(pending.sha512))
      writeState(dataDir, {
        step: 'idle',
        current: runningVersion,
        target: null,
        reason: null,
        message: `${pending.to} 的安装未完成，将再次安装 / the install of ${pending.to} did not complete; it will be tried again`,
        targetSha512: null,
      });
    return { kind: 'interrupted', pending };
  }
  const next = { ...pending, starts: pending.starts + 1 };
  writePending(dataDir, next);
  if (next.starts > MAX_PROBATION_STARTS) return { kind: 'crash-loop', pending: next };
  writeState(dataDir, {
    step: 'health-check',
    current: pending.to,
    target: pending.to,
    reason: null,
    message: `新版本已启动，正在自检（第 ${next.starts} 次启动）/ new release started, checking its health (start ${next.starts})`,
    targetSha512: pending.sha512,
  });
  return { kind: 'on-probation', pending: next };
}

/** The new version proved healthy: it stays, and the way back is no longer needed. */
export function confirmHealthy(dataDir: string, pending: PendingElectronUpdate): void {
  writeState(dataDir, { step: 'done', current: pending.to, target: null, reason: null, message: `已更新到 ${pending.to} / updated to ${pending.to}`, targetSha512: null });
  const p = electronUpdatePaths(dataDir);
  // NSIS: only the installer of what runs now is needed for the next rollback.
  if (fs.existsSync(p.installed)) for (const f of fs.readdirSync(p.installed)) if (f !== `${pending.to}.exe`) fs.rmSync(path.join(p.installed, f), { force: true });
  dropPending(dataDir, pending, false);
}

/** What the shell must do to start the version it went back to. */
export type RestartInto = { kind: 'appimage'; path: string } | { kind: 'nsis'; installer: string };

/**
 * Goes back to the kept version: the failed one is blocked and reported first (so a crash halfway
 * through never retries it), then the kept artifact is put back. `currentAppImage` is $APPIMAGE
 * of this (failed) start, which electron-updater may have given another name.
 */
export function rollBackElectron(dataDir: string, pending: PendingElectronUpdate, why: string, currentAppImage: string | null): Result<RestartInto, string> {
  const p = electronUpdatePaths(dataDir);
  const kept = pending.kept && fs.existsSync(pending.kept) ? pending.kept : null;
  if (!kept) {
    writeState(dataDir, {
      step: 'refused',
      current: pending.to,
      target: pending.to,
      reason: 'unhealthy',
      message: `新版本不健康，且没有可回退的旧版本，需技术人员处理：${why} / unhealthy and no previous version kept; needs a technician`.slice(0, 300),
      targetSha512: pending.sha512,
      block: pending.sha512,
    });
    fs.rmSync(p.pending, { force: true });
    return { ok: false, error: 'no previous version kept' };
  }
  writeState(dataDir, {
    step: 'rolled-back',
    current: pending.from,
    target: pending.to,
    reason: 'unhealthy',
    message: `已回退到 ${pending.from}：${why}`.slice(0, 300),
    targetSha512: pending.sha512,
    block: pending.sha512,
  });
  try {
    if (pending.format === 'appimage') {
      const target = pending.appImagePath!;
      copyDurably(kept, target, 0o755);
      if (currentAppImage && currentAppImage !== target) fs.rmSync(currentAppImage, { force: true });
      dropPending(dataDir, pending, false);
      return { ok: true, value: { kind: 'appimage', path: target } };
    }
    fs.rmSync(path.join(p.installed, `${pending.to}.exe`), { force: true });
    fs.rmSync(p.pending, { force: true });
    return { ok: true, value: { kind: 'nsis', installer: kept } };
  } catch (e) {
    // The record stays: the next start of the failed version tries the rollback again.
    return { ok: false, error: (e as Error).message.slice(0, 200) };
  }
}
