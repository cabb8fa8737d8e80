// The kiosk's submission queue as the benchmarks open it: a fresh database in `dir` with a
// throw-away key at rest, pointed at a central, and no downstream poll (case status, catalog)
// during a measurement.
import crypto from 'node:crypto';
import path from 'node:path';
import { staticKeyProvider } from '../offline-queue/crypto/key-provider';
import { SubmissionQueue, type QueueOptions } from '../offline-queue/queue';
import { Store } from '../offline-queue/store/store';

export function openBenchQueue(dir: string, terminal: Pick<QueueOptions, 'terminalId' | 'terminalSecret' | 'centralUrl' | 'suite' | 'signingKey' | 'emit'>) {
  const dbFile = path.join(dir, 'kiosk.db');
  const store = Store.open(dbFile);
  const queue = new SubmissionQueue({ ...terminal, store, dbFile, keys: staticKeyProvider(crypto.randomBytes(32)), sync: { downstreamEveryMs: 3_600_000 } });
  return { store, queue, dbFile };
}
