// A kiosk process of its own for the backlog figures (queue.bench.ts starts it), so its memory is
// the kiosk's alone and nothing earlier benches left in the bench process counts against it.
// Argument: JSON options. Prints one line of JSON with what it measured, then exits.
//   mode 'memory': enqueue `count` submissions while central is not asked (the terminal was
//     offline), then drain them, sampling RSS every 20 ms.
//   mode 'scale': per-submission time of enqueue and drain windows at two backlog sizes.
import crypto from 'node:crypto';
import path from 'node:path';
import { staticKeyProvider } from '../offline-queue/crypto/key-provider';
import { SubmissionQueue } from '../offline-queue/queue';
import { Store } from '../offline-queue/store/store';
import { sampleSubmission } from '../offline-queue/test-support/sample-submission';

interface Options {
  mode: 'memory';
  dir: string;
  centralUrl: string;
  terminalId: string;
  secret: string;
  serviceCode: string;
  count: number;
}

const o = JSON.parse(process.argv[2] ?? '{}') as Options;
const dbFile = path.join(o.dir, 'kiosk.db');
const store = Store.open(dbFile);
const queue = new SubmissionQueue({
  store,
  dbFile,
  keys: staticKeyProvider(crypto.randomBytes(32)),
  terminalId: o.terminalId,
  terminalSecret: o.secret,
  centralUrl: o.centralUrl,
  sync: { downstreamEveryMs: 3_600_000 },
});
for (let i = 0; i < o.count; i++) {
  const r = queue.enqueue(sampleSubmission({ serviceCode: o.serviceCode, pages: 1, pageBytes: 2000 }));
  if (!r.ok) throw new Error(r.error.message);
}
global.gc?.();
const before = process.memoryUsage().rss;
let peak = before;
const t0 = performance.now();
queue.start();
while (queue.status().pending > 0) {
  peak = Math.max(peak, process.memoryUsage().rss);
  await new Promise((r) => setTimeout(r, 20));
}
const drainMs = performance.now() - t0;
await queue.close();
store.close();
process.stdout.write(`${JSON.stringify({ before, peak, drainMs })}\n`);
