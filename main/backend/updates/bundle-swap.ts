// The headless / Chromium host's releases on disk, under the install root:
//   releases/<version>/   one folder per release, unpacked from its signed tarball
//   current -> releases/<version>    what the launcher starts
//   previous -> releases/<version>   what it goes back to when `current` fails its health check
//   pending.json          a swap not yet confirmed healthy
// Links are switched by creating a new link and renaming it over the old one (rename is atomic),
// so a power cut leaves either the old or the new release, never none.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import type { SignedRelease } from '../../../common/fleet-updates';
import type { Result } from '../../../common/result';
import type { UpdateInstaller } from './update-installer';
import { readJsonFile } from './update-state';
import { lazySchema } from '../../../common/lazy-schema';

// Made at the first unpack, not at load: reading execFile requires node:child_process, which no start needs (LAZY_BUILTINS, scripts/build.mjs).
const run = (file: string, args: string[]) => promisify(execFile)(file, args);

/** What every bundle carries at its top: its version and the script the launcher starts. */
export const bundleManifestSchema = lazySchema(() =>
  z.object({
    version: z.string().max(40),
    entry: z
      .string()
      .regex(/^[A-Za-z0-9_./-]{1,200}$/)
      .refine((e) => !e.split('/').includes('..')),
  }),
);
export type BundleManifest = z.infer<typeof bundleManifestSchema>;

export const pendingSwapSchema = lazySchema(() => z.object({ from: z.string().nullable(), to: z.string(), sha512: z.string(), at: z.string() }));
export type PendingSwap = z.infer<typeof pendingSwapSchema>;

export function bundlePaths(root: string) {
  return {
    releases: path.join(root, 'releases'),
    current: path.join(root, 'current'),
    previous: path.join(root, 'previous'),
    pending: path.join(root, 'pending.json'),
    state: path.join(root, 'update-state.json'),
  };
}

/** The release folder a link points at (its version), or null. */
export function linkedVersion(link: string): string | null {
  try {
    return path.basename(fs.readlinkSync(link));
  } catch {
    return null;
  }
}

/** Points `link` at `target` atomically. */
export function switchLink(link: string, target: string): void {
  const tmp = `${link}.tmp-${process.pid}`;
  fs.rmSync(tmp, { force: true });
  fs.symlinkSync(target, tmp);
  fs.renameSync(tmp, link);
}

export function readBundleManifest(dir: string): BundleManifest | null {
  return readJsonFile(path.join(dir, 'bundle.json'), bundleManifestSchema);
}

export function readPending(root: string): PendingSwap | null {
  return readJsonFile(bundlePaths(root).pending, pendingSwapSchema);
}

/** Goes back to `previous` (the launcher calls this when `current` fails its health check). */
export function rollBack(root: string): string | null {
  const p = bundlePaths(root);
  const prev = linkedVersion(p.previous);
  if (prev) switchLink(p.current, path.join('releases', prev));
  fs.rmSync(p.pending, { force: true });
  return prev;
}

/** Confirms the pending swap: `current` stays. */
export function confirmSwap(root: string): void {
  fs.rmSync(bundlePaths(root).pending, { force: true });
}

export class BundleSwapInstaller implements UpdateInstaller {
  readonly kind = 'bundle-swap' as const;

  get stateFile(): string {
    return bundlePaths(this.root).state;
  }

  constructor(
    private readonly root: string,
    private readonly exit: () => void = () => process.exit(EXIT_RESTART_FOR_UPDATE),
  ) {}

  async install(release: SignedRelease, artifactFile: string): Promise<Result<void, string>> {
    const p = bundlePaths(this.root);
    fs.mkdirSync(p.releases, { recursive: true });
    const staging = path.join(p.releases, `.staging-${release.version}-${process.pid}`);
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging, { recursive: true });
    try {
      // GNU tar drops leading "/" and refuses members with "..": a bundle cannot write outside its folder.
      await run('tar', ['-xzf', artifactFile, '-C', staging, '--no-same-owner', '--no-same-permissions']);
    } catch (e) {
      fs.rmSync(staging, { recursive: true, force: true });
      return { ok: false, error: `解包失败 / could not unpack: ${(e as Error).message.slice(0, 200)}` };
    }
    const manifest = readBundleManifest(staging);
    if (!manifest || manifest.version !== release.version || !fs.existsSync(path.join(staging, manifest.entry))) {
      fs.rmSync(staging, { recursive: true, force: true });
      return { ok: false, error: '包内 bundle.json 缺失、版本不符或入口不存在 / bundle.json missing, of another version, or its entry missing' };
    }
    const target = path.join(p.releases, release.version);
    const from = linkedVersion(p.current);
    if (from === release.version) {
      fs.rmSync(staging, { recursive: true, force: true });
      return { ok: false, error: `已在运行 ${release.version} / already running ${release.version}` };
    }
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(staging, target);
    const pending: PendingSwap = { from, to: release.version, sha512: release.sha512, at: new Date().toISOString() };
    fs.writeFileSync(p.pending, JSON.stringify(pending) + '\n', { mode: 0o600 });
    if (from) switchLink(p.previous, path.join('releases', from));
    switchLink(p.current, path.join('releases', release.version));
    // Older releases than `previous` are not needed to go back.
    for (const v of fs.readdirSync(p.releases)) if (v !== release.version && v !== from && !v.startsWith('.')) fs.rmSync(path.join(p.releases, v), { recursive: true, force: true });
    return { ok: true, value: undefined };
  }

  restart(): void {
    this.exit();
  }
}

/** Exit code asking the launcher to start `current` again at once (an update was staged). */
export const EXIT_RESTART_FOR_UPDATE = 75;
