import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Default locations on a Linux terminal (XDG), overridable by environment for tests and dev. */
export function defaultPaths(env: NodeJS.ProcessEnv = process.env) {
  const home = os.homedir();
  const dataDir = env.KIOSK_DATA_DIR ?? path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'gov-kiosk');
  const configFile = env.KIOSK_CONFIG ?? path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'gov-kiosk', 'config.json');
  return { dataDir, configFile, logDir: path.join(dataDir, 'logs') };
}

/**
 * The folder holding the kiosk's package.json (and dist/renderer): found by walking up, because
 * the same code runs from main/backend/host/ under tsx and from dist/main/ as a bundle.
 */
export function appRoot(from: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`package.json not found above ${from}`);
  }
}
