// The updater and the remote configuration of one running backend, wired to central through the
// kiosk's signed client. Built by boot.ts; the host decides how a release is installed (bundle
// swap under the launcher, electron-updater in the Electron shell, none under `npm start`).
import type { ConfigAssignment, UpdateAssignment } from '../../../common/fleet-updates';
import type { Result } from '../../../common/result';
import type { CentralClient } from '../../../offline-queue/sync/central-client';
import { probeDevicePaths, RemoteConfigService } from '../config/remote-config';
import type { KioskConfig } from '../config/schema';
import type { Logger } from '../log/logger';
import { PINNED_CONFIG_KEYS, PINNED_RELEASE_KEYS } from './pinned-keys';
import type { RangeFetcher } from './resumable-download';
import type { PinnedKey } from './signature-verifier';
import type { UpdateInstaller } from './update-installer';
import { updateDownloadDir, Updater } from './updater';
import path from 'node:path';

export interface TrustedKeys {
  release: readonly PinnedKey[];
  config: readonly PinnedKey[];
}

export const PINNED_KEYS: TrustedKeys = { release: PINNED_RELEASE_KEYS, config: PINNED_CONFIG_KEYS };

export interface FleetServices {
  readonly updater: Updater | null;
  readonly remoteConfig: RemoteConfigService | null;
  close(): Promise<void>;
}

export function rangeFetcher(client: Pick<CentralClient, 'call'>, sha512: string): RangeFetcher {
  return async (start, end, signal) => {
    const r = await client.call('releaseArtifact', { params: { sha512 }, headers: { Range: `bytes=${start}-${end}` }, timeoutMs: 60_000, signal });
    if (!r.ok) return { ok: false, error: r.failure.message };
    const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(r.headers.get('content-range') ?? '');
    if (r.status !== 206 || !m || Number(m[1]) !== start || !r.bytes) return { ok: false, error: '中心未按请求的范围答复 / central did not answer the range asked for' };
    return { ok: true, value: { bytes: r.bytes, total: Number(m[3]) } };
  };
}

export function startFleetServices(o: {
  config: KioskConfig;
  configFile: string | null;
  dataDir: string;
  version: string;
  client: Pick<CentralClient, 'call'>;
  logger: Logger;
  citizenPresent: () => boolean;
  installer: UpdateInstaller | null;
  keys: TrustedKeys;
  restartApp: (reason: string) => void;
}): FleetServices {
  if (!o.config.updates.enabled) return { updater: null, remoteConfig: null, close: async () => undefined };
  const everyMs = o.config.updates.checkEverySec * 1000;
  const updater = o.installer
    ? new Updater({
        currentVersion: o.version,
        channel: o.config.updates.channel,
        trust: { suite: o.config.crypto.suite, keys: o.keys.release },
        assignment: async (): Promise<Result<UpdateAssignment, string>> => {
          const r = await o.client.call('updateAssignment', { query: { channel: o.config.updates.channel }, timeoutMs: 15_000 });
          return r.ok ? { ok: true, value: r.body } : { ok: false, error: r.failure.message };
        },
        fetchRange: (sha) => rangeFetcher(o.client, sha),
        installer: o.installer,
        stateFile: o.installer.stateFile ?? path.join(updateDownloadDir(o.dataDir), 'update-state.json'),
        downloadDir: updateDownloadDir(o.dataDir),
        citizenPresent: o.citizenPresent,
        window: o.config.updates.window,
        maxBytesPerSec: o.config.updates.maxBytesPerSec,
        logger: o.logger,
      })
    : null;
  const remoteConfig = new RemoteConfigService({
    terminalId: o.config.terminalId,
    configFile: o.configFile,
    stateDir: path.join(o.dataDir, 'remote-config'),
    trust: { suite: o.config.crypto.suite, keys: o.keys.config },
    fetch: async (): Promise<Result<ConfigAssignment, string>> => {
      const r = await o.client.call('remoteConfig', { timeoutMs: 15_000 });
      return r.ok ? { ok: true, value: r.body } : { ok: false, error: r.failure.message };
    },
    citizenPresent: o.citizenPresent,
    live: o.config,
    probeDevices: probeDevicePaths,
    restartApp: o.restartApp,
    logger: o.logger,
  });
  updater?.start(everyMs);
  remoteConfig.start(everyMs);
  return {
    updater,
    remoteConfig,
    async close() {
      await updater?.stop();
      await remoteConfig.stop();
    },
  };
}
