// A kiosk host the crash and chaos harnesses can SIGKILL: boots the real store, key file and
// sync engine against a central URL, enqueues a stream of submissions, and prints
// "RECEIPT <no> <key>" only after each enqueue returned (= what the citizen was shown).
// Usage: node kiosk-host.cjs '<json options>' (see hostOptionsSchema).
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { fileKeyProvider, staticKeyProvider } from '../crypto/key-provider';
import { loadTerminalSigningKey } from '../crypto/terminal-signing-key';
import { SubmissionQueue } from '../queue';
import { Store } from '../store/store';
import { sampleSubmission } from './sample-submission';

export const hostOptionsSchema = z.object({
  dataDir: z.string(),
  centralUrl: z.string(),
  terminalId: z.string(),
  secret: z.string(),
  /** the crypto suite the host runs (a switch is a run with another suite on the same data) */
  suite: z.enum(['international', 'sm']).default('international'),
  /** base64url seed of the SM2 signing key (the test registers its public key at central) */
  sm2Seed: z.string().optional(),
  /** cells per re-seal transaction and the pause between them, after a suite change */
  resealBatch: z.number().int().min(1).default(16),
  resealPauseMs: z.number().int().min(0).default(20),
  serviceCode: z.string(),
  /** submissions to enqueue in this run */
  count: z.number().int().min(0),
  intervalMs: z.number().int().min(0).default(10),
  pages: z.number().int().min(0).default(2),
  pageBytes: z.number().int().min(1).default(20_000),
  chunkBytes: z.number().int().min(1024).default(8192),
  batchSize: z.number().int().min(1).default(5),
  backoffBaseMs: z.number().int().min(1).default(50),
  backoffCapMs: z.number().int().min(1).default(500),
  requestTimeoutMs: z.number().int().min(100).default(2000),
  /** exit 0 with "DRAINED" once everything enqueued has been acknowledged */
  exitWhenDrained: z.boolean().default(false),
});

const say = (line: string) => fs.writeSync(1, line + '\n');

async function main() {
  const o = hostOptionsSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
  const dbFile = path.join(o.dataDir, 'kiosk.db');
  const store = Store.open(dbFile);
  const queue = new SubmissionQueue({
    store,
    dbFile,
    keys: fileKeyProvider(path.join(o.dataDir, 'keys', 'outbox.key')),
    terminalId: o.terminalId,
    terminalSecret: o.secret,
    suite: o.suite,
    signingKey: o.sm2Seed ? loadTerminalSigningKey(staticKeyProvider(Buffer.from(o.sm2Seed, 'base64url'))).keyPair : null,
    suiteSwitch: { batch: o.resealBatch, pauseMs: o.resealPauseMs },
    centralUrl: o.centralUrl,
    sync: {
      batchSize: o.batchSize,
      chunkBytes: o.chunkBytes,
      backoff: { baseMs: o.backoffBaseMs, capMs: o.backoffCapMs },
      requestTimeoutMs: o.requestTimeoutMs,
      downstreamEveryMs: 3_600_000,
    },
    log: (event, fields) => {
      if (event === 'queue.dead-letter' || event === 'queue.sync.error') process.stderr.write(`${event} ${JSON.stringify(fields)}\n`);
      if (event === 'crypto.suite.switch-finished') say(`SWITCHED ${JSON.stringify(fields)}`);
    },
  });
  queue.start();
  say(`READY ${process.pid}`);
  for (let i = 0; i < o.count; i++) {
    const r = queue.enqueue(sampleSubmission({ serviceCode: o.serviceCode, pages: o.pages, pageBytes: o.pageBytes }));
    if (!r.ok) {
      say(`ERROR ${JSON.stringify(r.error)}`);
      continue;
    }
    say(`RECEIPT ${r.value.receiptNo} ${r.value.idempotencyKey}`);
    if (o.intervalMs) await new Promise((res) => setTimeout(res, o.intervalMs));
  }
  say('ENQUEUED');
  if (!o.exitWhenDrained) return; // keep syncing until killed
  for (;;) {
    const s = queue.status();
    // Drained means delivered and, after a suite change, every stored cell re-sealed.
    if (s.pending === 0 && queue.suiteSwitch.done) {
      say(`DRAINED sent=${s.sent} dead=${s.dead}`);
      await queue.close();
      store.close();
      process.exit(0);
    }
    // Slow poll: the chaos test measures this process's CPU while offline.
    await new Promise((res) => setTimeout(res, 250));
  }
}

main().catch((e) => {
  process.stderr.write(`kiosk-host failed: ${(e as Error).stack}\n`);
  process.exit(1);
});
