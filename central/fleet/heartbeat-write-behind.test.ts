// Heartbeats are answered before their commit and committed together (tables/fleet-tables.ts):
// nothing acknowledged is lost short of a crash, reads never see the gap, and a close commits
// what is still in memory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CentralStore } from '../store';
import { HEARTBEAT_FLUSH_MS } from '../tables/fleet-tables';
import { testCentralApp } from '../test-support/checked-app';
import { signedRequest } from '../test-support/signed-client';
import { sampleHeartbeat } from './sample-heartbeat';

const ADMIN = 'admin-token-for-write-behind';
const ids = Array.from({ length: 20 }, (_, i) => `WB${String(i).padStart(4, '0')}`);
const secret = (id: string) => `${id}-secret-`.padEnd(40, 'x');
let dir: string;
let file: string;
let store: CentralStore;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-wb-'));
  file = path.join(dir, 'central.db');
  store = new CentralStore(file);
  for (const id of ids) store.registerTerminal(id, secret(id));
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const rowsOnDisk = () => {
  const other = new CentralStore(file);
  try {
    return other.db.prepare('SELECT terminal_id AS id, received_at AS at FROM heartbeats ORDER BY terminal_id').all() as { id: string; at: number }[];
  } finally {
    other.close();
  }
};

async function beatAll(app: ReturnType<typeof testCentralApp>, kiosk: number) {
  const answers = await Promise.all(
    ids.map(async (id) => app.fetch(await signedRequest('http://central.test', { terminalId: id, secret: secret(id), method: 'POST', path: '/v1/heartbeats', json: sampleHeartbeat({ kiosk }) }))),
  );
  expect(answers.map((r) => r.status)).toEqual(ids.map(() => 200));
}

describe('heartbeats written behind', () => {
  it('shows every acknowledged heartbeat in the fleet view at once, and has them all on disk within the flush interval', async () => {
    const app = testCentralApp({ store, adminToken: ADMIN });
    await beatAll(app, 1);
    await beatAll(app, 7);
    const view = (await (await app.fetch(new Request('http://central.test/fleet/json', { headers: { Authorization: `Bearer ${ADMIN}` } }))).json()) as {
      terminals: { terminalId: string; flags: string[] }[];
      usage: { submissions: { count: number }[] };
    };
    expect(view.terminals.filter((t) => ids.includes(t.terminalId)).every((t) => !t.flags.includes('never-reported'))).toBe(true);
    // a later beat replaces the earlier ones, on disk too
    await beatAll(app, 9);
    await new Promise((r) => setTimeout(r, HEARTBEAT_FLUSH_MS * 3));
    const onDisk = rowsOnDisk();
    expect(onDisk.map((r) => r.id)).toEqual(ids);
    const usage = store.db.prepare("SELECT body FROM terminal_usage WHERE terminal_id = 'WB0000' ORDER BY day DESC LIMIT 1").get() as { body: string };
    expect(JSON.parse(usage.body).submissions.find((s: { channel: string }) => s.channel === 'kiosk').count).toBe(9);
  });

  it('commits what is still in memory when the store closes', async () => {
    const app = testCentralApp({ store, adminToken: ADMIN });
    await beatAll(app, 1);
    store.close();
    const reopened = rowsOnDisk();
    store = new CentralStore(file);
    expect(reopened.map((r) => r.id)).toEqual(ids);
  });

  it('keeps heartbeats whose commit failed and commits them with the next flush', async () => {
    const app = testCentralApp({ store, adminToken: ADMIN });
    await beatAll(app, 1);
    // A commit that fails (as on a full disk): the table is briefly unwritable.
    store.db.exec("CREATE TEMP TRIGGER refuse_beats BEFORE INSERT ON main.heartbeats BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    expect(store.flushHeartbeats()).toBe(false);
    store.db.exec('DROP TRIGGER refuse_beats');
    expect(store.flushHeartbeats()).toBe(true);
    expect((store.db.prepare('SELECT COUNT(*) AS n FROM heartbeats').get() as { n: number }).n).toBe(ids.length);
  });
});
