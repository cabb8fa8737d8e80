// Boots a real backend (store, embedded central, catalog sync) in a temp data dir for API tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkCentralAnswers, checkContractAfterEach } from '../../../central/test-support/contract-fetch';
import { bootBackend, type Backend } from '../boot';
import type { KioskConfig } from '../config/schema';
import { createLogger } from '../log/logger';
import { signInTechnician, technicianSettings } from './technician';

export interface TempKiosk extends Backend {
  dataDir: string;
  logLines: string[];
  get(p: string, init?: RequestInit): Promise<Response>;
  /** Like get, with a technician session (signed in with the test PIN on first use). */
  asTechnician(p: string, init?: RequestInit): Promise<Response>;
}

// The embedded central's answers to the kiosk (and to the tests' admin calls) are held to its
// OpenAPI document; a test fails after any that is not.
checkContractAfterEach();

export async function tempKiosk(opts: { dataDir?: string; config?: Partial<KioskConfig> & Record<string, unknown>; overrides?: Partial<KioskConfig> } = {}): Promise<TempKiosk> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-api-'));
  const configFile = path.join(dataDir, 'config.json');
  if (opts.config) fs.writeFileSync(configFile, JSON.stringify(opts.config));
  const logLines: string[] = [];
  const backend = await bootBackend({
    dataDir,
    configFile,
    rendererDir: null,
    version: '0.0.0-test',
    logger: createLogger({ sink: (l) => logLines.push(l), minLevel: 'debug' }),
    configOverrides: { maintenance: technicianSettings(), ...opts.overrides },
    // never the developer's own keyring: the 0600 file fallback
    secretService: null,
  });
  if (backend.central) checkCentralAnswers(backend.central.url);
  const get = async (p: string, init?: RequestInit) => backend.fetch(new Request(`http://kiosk.test${p}`, init));
  let cookie: string | null = null;
  return {
    ...backend,
    dataDir,
    logLines,
    get,
    asTechnician: async (p, init = {}) => {
      cookie ??= await signInTechnician(get);
      const headers = new Headers(init.headers);
      headers.set('Cookie', cookie);
      return get(p, { ...init, headers });
    },
  };
}

/** Closes the temp kiosks a test opened and removes their data dirs (an afterEach). */
export async function closeTempKiosks(open: TempKiosk[]): Promise<void> {
  while (open.length) {
    const k = open.pop()!;
    await k.close();
    fs.rmSync(k.dataDir, { recursive: true, force: true });
  }
}
