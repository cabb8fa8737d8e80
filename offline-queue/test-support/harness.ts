// Shared set-up for queue tests: a real embedded central on loopback with this terminal
// registered, and a kiosk queue (store + key file + sync engine) in a temp directory.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { QueueEvent } from '../../common/events';
import { startCentral, type RunningCentral } from '../../central/embedded';
import { sampleCatalog } from '../../central/catalog/sample-catalog';
import { checkCentralAnswers, checkContractAfterEach } from '../../central/test-support/contract-fetch';
import type { SuiteTag } from '../../common/crypto-suite/suite';
import { fileKeyProvider, staticKeyProvider } from '../crypto/key-provider';
import { loadTerminalSigningKey } from '../crypto/terminal-signing-key';
import { SubmissionQueue, type QueueOptions } from '../queue';
import { Store } from '../store/store';

/**
 * The suite the queue, crash and chaos tests run in: `KIOSK_TEST_SUITE=sm` runs them with the
 * 国密 suite (SM4-GCM at rest, SM2-signed requests), which CI does for the representative set
 * (see offline-queue/README.md).
 */
export const TEST_SUITE: SuiteTag = process.env.KIOSK_TEST_SUITE === 'sm' ? 'sm' : 'international';

const sm2Seed = crypto.randomBytes(32);
const sm2 = loadTerminalSigningKey(staticKeyProvider(sm2Seed));

export const TERMINAL = {
  terminalId: 'KSK0001',
  secret: crypto.randomBytes(32).toString('base64url'),
  /** the seed the SM2 key pair is derived from (handed to the SIGKILL-able host) */
  sm2Seed: sm2Seed.toString('base64url'),
  sm2: sm2.keyPair,
  sm2PublicKeyHex: sm2.publicKeyHex,
};
/** A real service code of the sample catalog central publishes. */
export const SERVICE_CODE = sampleCatalog.services[0]!.code;

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

// Every answer of a test central is held to its OpenAPI document; a test fails after any that is not.
checkContractAfterEach();

export async function testCentral(dir: string, suite: SuiteTag = TEST_SUITE): Promise<RunningCentral> {
  const central = await startCentral({
    dbFile: path.join(dir, 'central', 'central.db'),
    terminals: [{ terminalId: TERMINAL.terminalId, secret: TERMINAL.secret, suite, sm2PublicKey: TERMINAL.sm2PublicKeyHex }],
  });
  checkCentralAnswers(central.url);
  return central;
}

export function openQueue(dir: string, centralUrl: string, extra: Partial<QueueOptions> = {}) {
  const dbFile = path.join(dir, 'kiosk', 'kiosk.db');
  const store = Store.open(dbFile);
  const events: QueueEvent[] = [];
  const logs: { event: string; fields?: Record<string, unknown> }[] = [];
  const queue = new SubmissionQueue({
    store,
    dbFile,
    keys: fileKeyProvider(path.join(dir, 'kiosk', 'keys', 'outbox.key')),
    terminalId: TERMINAL.terminalId,
    terminalSecret: TERMINAL.secret,
    suite: TEST_SUITE,
    signingKey: TERMINAL.sm2,
    centralUrl,
    sync: { backoff: { baseMs: 50, capMs: 400 }, requestTimeoutMs: 2000, downstreamEveryMs: 60_000, ...extra.sync },
    emit: (e) => events.push(e),
    log: (event, fields) => logs.push({ event, fields }),
    ...extra,
  });
  return {
    store,
    queue,
    events,
    logs,
    dbFile,
    async close() {
      await queue.close();
      store.close();
    },
  };
}

/** Polls until `check` holds (bounded; throws with the last status on timeout). */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
