// Boots a real kiosk backend on loopback (the same runHeadless `npm start` uses) with its own
// data dir and config file, so tests never touch a developer's .kiosk-data.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startCentral, type RunningCentral, type StartCentralOptions } from '../../central/embedded';
import { checkCentralAnswers, checkContractAfterEach } from '../../central/test-support/contract-fetch';
import type { KioskConfig } from '../../main/backend/config/schema';
import { runHeadless } from '../../main/backend/host/headless';
import { RENDERER_DIR } from './paths';

export interface TestKiosk {
  /** a launch URL as the launcher hands Chromium: a fresh one-time code each time it is read */
  readonly url: string;
  origin: string;
  port: number;
  secret: string;
  dataDir: string;
  host: Awaited<ReturnType<typeof runHeadless>>;
  /** what the backend logged so far (JSON lines) */
  logLines(): Record<string, unknown>[];
  close(): Promise<void>;
}

// Every answer of a test's central (embedded or its own) is held to the OpenAPI document; a test
// fails after an off-contract one.
checkContractAfterEach();

export function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `kiosk-e2e-${label}-`));
}

export async function startKiosk(opts: { dataDir?: string; config?: Partial<Record<keyof KioskConfig, unknown>> } = {}): Promise<TestKiosk> {
  const dataDir = opts.dataDir ?? tempDir('data');
  const configFile = path.join(tempDir('config'), 'kiosk.json');
  // KIOSK_TEST_SUITE=sm runs the journey with the 国密 suite (SM4-GCM at rest, SM2-signed sync to an sm-registered central).
  const suite = process.env.KIOSK_TEST_SUITE === 'sm' ? { crypto: { suite: 'sm' } } : {};
  fs.writeFileSync(configFile, JSON.stringify({ terminalId: 'E2E0001', ...suite, ...opts.config }, null, 2));
  const secret = `e2e-${Math.random().toString(36).slice(2)}-secret`;
  // secretService null: the 0600 key file, never the developer's own keyring
  const host = await runHeadless({ dataDir, configFile, rendererDir: RENDERER_DIR, secret, port: 0, firstSyncWaitMs: 5000, secretService: null });
  if (host.backend.central) checkCentralAnswers(host.backend.central.url);
  const origin = `http://127.0.0.1:${host.server.port}`;
  return {
    get url() {
      return host.server.launchUrl();
    },
    origin,
    port: host.server.port,
    secret,
    dataDir,
    host,
    logLines: () => {
      const dir = path.join(dataDir, 'logs');
      if (!fs.existsSync(dir)) return [];
      return fs
        .readdirSync(dir)
        .flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n'))
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    close: () => host.close(),
  };
}

/** A reference central the test controls (to take it away and bring it back). */
export async function startTestCentral(opts: Omit<StartCentralOptions, 'dbFile'> = {}): Promise<RunningCentral> {
  const central = await startCentral({ ...opts, dbFile: path.join(tempDir('central'), 'central.db') });
  checkCentralAnswers(central.url);
  return central;
}

/** A loopback port with nothing listening: a central that is down. */
export async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}
