// Types of the build-time key file reader (plain ESM so the packaging scripts run without a build).
export interface PinnedKeyEntry {
  algorithm: string;
  publicKey: string;
}
export interface PinnedKeysFile {
  release: PinnedKeyEntry[];
  config: PinnedKeyEntry[];
}
export function readPinnedKeysFile(file: string): PinnedKeysFile;
export function pinnedKeysForPackaging(argv: string[], env?: NodeJS.ProcessEnv): PinnedKeysFile | null;
