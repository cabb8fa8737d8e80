import net from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { waitFor } from '../test-support/wait';
import { RECEIPTS_KEPT, ReceiptPrinterSim } from './simulator';

const sim = new ReceiptPrinterSim();
afterEach(() => sim.stopTcp());

it('keeps the latest receipts it printed, not every one since it started', async () => {
  const port = await sim.listenTcp(0);
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  const printed = RECEIPTS_KEPT + 30;
  for (let n = 1; n <= printed; n++) socket.write(Buffer.concat([Buffer.from(`receipt ${n}\n`), Buffer.from([0x1d, 0x56, 0x01])]));
  await waitFor(() => sim.receipts.at(-1)?.lines[0] === `receipt ${printed}`, 5000, 'last receipt cut');
  socket.destroy();
  expect(sim.receipts).toHaveLength(RECEIPTS_KEPT);
  expect(sim.receipts[0]!.lines).toEqual([`receipt ${printed - RECEIPTS_KEPT + 1}`]);
});
