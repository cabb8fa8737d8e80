// How a verified release becomes the running version. Two implementations behind one interface:
// bundle-swap.ts for the headless / Chromium host (versioned bundle folders, a `current` link
// switched atomically, a launcher that health-checks and rolls back) and electron-installer.ts for
// the Electron build (electron-updater). The updater never knows which one it drives.
import type { SignedRelease } from '../../../common/fleet-updates';
import type { Result } from '../../../common/result';

export interface UpdateInstaller {
  readonly kind: 'bundle-swap' | 'electron';
  /** where the update's progress is kept when the installer shares it with a supervisor (the launcher); null: the data folder */
  readonly stateFile: string | null;
  /** Stages the verified artifact so that the next start runs it (and can go back). */
  install(release: SignedRelease, artifactFile: string): Promise<Result<void, string>>;
  /** Ends this process so that its supervisor starts the staged release (and health-checks it). */
  restart(): void;
}
