// A link's write must end: a device that stops taking bytes (power lost mid-job, flow control
// held) or a cable pulled while a write waits fails the write, so the job is held for reprint.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { PtyPair } from '../sim/pty-pair';
import { tempDir, waitFor } from '../test-support/wait';
import { openSerialLink, SERIAL_PRESENCE_CHECK_MS, writeTimeoutMs, type Link } from './link';

let dir: string | null = null;
let pair: PtyPair | null = null;
let link: Link | null = null;

afterEach(async () => {
  await link?.close();
  await pair?.stop();
  link = null;
  pair = null;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = null;
});

async function hostLink(graceMs: number): Promise<Link> {
  dir = tempDir('link');
  const p = await PtyPair.start(dir, 'dev');
  if (!p.ok) throw new Error(p.error);
  pair = p.value;
  // Nobody opens the device end: nothing is read, the pty and socat's buffers fill up.
  const l = await openSerialLink(pair.hostPath, 4_000_000, { writeGraceMs: graceMs });
  if (!l.ok) throw new Error(l.error.detail);
  return l.value;
}

describe('link writes', () => {
  it('bounds a write by its wire time plus a grace', () => {
    expect(writeTimeoutMs(11_520, 11_520)).toBe(12_000);
    expect(writeTimeoutMs(0, 11_520, 500)).toBe(500);
  });

  it('fails a write the device never takes, and reports the link lost', async () => {
    link = await hostLink(500);
    const lost: string[] = [];
    link.onLost((r) => lost.push(r));
    const t = Date.now();
    await expect(link.write(new Uint8Array(200_000))).rejects.toThrow(/took no data/);
    expect(Date.now() - t).toBeLessThan(writeTimeoutMs(200_000, 400_000, 500) + 2000);
    expect(link.isOpen).toBe(false);
    expect(lost).toEqual([expect.stringContaining('took no data')]);
  }, 15_000);

  it('fails a waiting write at once when the link is closed', async () => {
    link = await hostLink(60_000);
    const outcome = link.write(new Uint8Array(200_000)).then(
      () => 'written',
      (e: Error) => e.message,
    );
    await new Promise((r) => setTimeout(r, 200));
    const t = Date.now();
    await link.close();
    expect(await outcome).toBe('link closed');
    expect(Date.now() - t).toBeLessThan(2000);
  }, 15_000);
});

describe('an unplugged serial device', () => {
  it('is reported lost once when its device node disappears, though the port itself says nothing', async () => {
    link = await hostLink(500);
    const lost: string[] = [];
    link.onLost((r) => lost.push(r));
    await new Promise((r) => setTimeout(r, 2 * SERIAL_PRESENCE_CHECK_MS));
    expect(lost).toEqual([]);
    expect(link.isOpen).toBe(true);
    // udev removes the node; here socat keeps the pty itself open, so no read error ever comes
    fs.rmSync(pair!.hostPath);
    await waitFor(() => lost.length > 0, 10_000, 'lost');
    expect(link.isOpen).toBe(false);
    await new Promise((r) => setTimeout(r, 2 * SERIAL_PRESENCE_CHECK_MS));
    expect(lost).toEqual([`${pair!.hostPath} is gone`]);
  }, 20_000);
});
