// The real reader driver against the simulator over a socat pty pair, through the supervisor.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceStatusView } from '../../common/devices';
import { memoryLogger } from '../core/log';
import type { PtyPair } from '../sim/pty-pair';
import { DeviceSupervisor } from '../supervisor/supervisor';
import { simOnPty } from '../test-support/pty-sim';
import { waitFor } from '../test-support/wait';
import { idCardReaderConnector } from './connect';
import type { CardRead, CardReadFailure, IdCardReaderSession } from './reader';
import { SAMPLE_CARDS } from './sample-cards';
import { IdCardReaderSim, simCard } from './simulator';
import { testPhotoDecoder } from './test-photo-decoder';
import { deviceStatusLine } from '../../common/device-words';

let dir: string;
let pair: PtyPair;
let sim: IdCardReaderSim;
let sup: DeviceSupervisor<'id-card-reader', IdCardReaderSession>;
let reads: CardRead[];
let failures: CardReadFailure[];
let views: DeviceStatusView[];
let trouble: number;
const logger = memoryLogger();

function startSupervisor(extra: { readFingerprint?: boolean } = {}) {
  sup = new DeviceSupervisor({
    kind: 'id-card-reader',
    mode: 'simulator',
    logger,
    retryMs: 250,
    connect: idCardReaderConnector({ path: pair.hostPath, baudRate: 115200, pollMs: 300, commandTimeoutMs: 400, missedPollsOffline: 2, ...extra }, testPhotoDecoder),
    onSession: (s) => {
      s.events.on('card', (c) => reads.push(c));
      s.events.on('card-error', (f) => failures.push(f));
      s.events.on('link-trouble', (t) => (trouble += t.noiseBytes + t.badFrames));
    },
  });
  sup.events.on('view', (v) => views.push(v));
  sup.start();
}

const state = () => sup.view().status.state;

beforeEach(async () => {
  sim = new IdCardReaderSim({ supportsFingerprint: false });
  ({ dir, pair } = await simOnPty('idcard', sim));
  reads = [];
  failures = [];
  views = [];
  trouble = 0;
  logger.lines.length = 0;
});

afterEach(async () => {
  await sup?.stop();
  await sim.detach();
  await pair.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('ID-card reader driver over a pty', () => {
  it('reads a placed resident card into the identity printed on it, with a photo', async () => {
    startSupervisor();
    await waitFor(() => state() === 'ready', 3000, 'reader ready');
    sim.insert('resident');
    await waitFor(() => reads.length === 1, 3000, 'card read');
    expect(reads[0]!.identity).toEqual(SAMPLE_CARDS.resident);
    expect(reads[0]!.photo?.mime).toBe('image/png');
    expect(reads[0]!.photoWlt.length).toBe(1024);
    expect(sup.view().health).toBe('ok');
  });

  it.each(['hmt-residence-permit', 'foreign-permanent-2017', 'foreign-permanent-2023'] as const)('reads a %s card', async (name) => {
    startSupervisor();
    await waitFor(() => state() === 'ready', 3000, 'reader ready');
    sim.insert(name);
    await waitFor(() => reads.length === 1, 3000, 'card read');
    expect(reads[0]!.identity).toEqual(SAMPLE_CARDS[name]);
  });

  it('does not read the same card twice while it stays on the reader, even if the reader keeps reporting it', async () => {
    sim.faults.findAfterRead = true;
    startSupervisor();
    sim.insert('resident');
    await waitFor(() => reads.length === 1, 3000, 'first read');
    await waitFor(() => state() === 'card-held', 2000, 'card held');
    await new Promise((r) => setTimeout(r, 1200)); // four more polls
    expect(reads.length).toBe(1);
    sim.remove();
    await waitFor(() => state() === 'ready', 2000, 'ready after removal');
    sim.insert('hmt-residence-permit');
    await waitFor(() => reads.length === 2, 3000, 'second card');
    expect(reads[1]!.identity.cardType).toBe('hmt-residence-permit');
  });

  it('accepts a different card swapped in between two polls', async () => {
    startSupervisor();
    sim.insert('resident');
    await waitFor(() => reads.length === 1, 3000, 'first read');
    sim.remove();
    sim.insert('foreign-permanent-2017');
    await waitFor(() => reads.length === 2, 3000, 'swapped card');
    expect(reads[1]!.identity).toEqual(SAMPLE_CARDS['foreign-permanent-2017']);
  });

  it('polls no faster than every 300 ms', async () => {
    startSupervisor();
    await waitFor(() => state() === 'ready', 3000, 'reader ready');
    const before = sim.commandsSeen;
    await new Promise((r) => setTimeout(r, 1500));
    expect(sim.commandsSeen - before).toBeLessThanOrEqual(6);
    expect(sim.commandsSeen - before).toBeGreaterThanOrEqual(3);
  });

  it('resynchronises through noise, split answers and a corrupt checksum', async () => {
    startSupervisor();
    await waitFor(() => state() === 'ready', 3000, 'reader ready');
    sim.faults.noiseBeforeAnswer = 7;
    sim.faults.splitChunk = 100;
    sim.faults.corruptNext = 1;
    sim.insert('resident');
    await waitFor(() => reads.length === 1, 5000, 'card read despite faults');
    expect(reads[0]!.identity).toEqual(SAMPLE_CARDS.resident);
    expect(trouble).toBeGreaterThan(0);
  });

  it('rejects a card whose number fails the GB 11643 check and asks for it again', async () => {
    startSupervisor();
    await waitFor(() => state() === 'ready', 3000, 'reader ready');
    const card = simCard(SAMPLE_CARDS.resident);
    const at = 122 + 17 * 2;
    card.text[at] = card.text[at] === 0x31 ? 0x32 : 0x31;
    sim.insert(card);
    await waitFor(() => failures.length === 1, 3000, 'rejection');
    expect(failures[0]).toMatchObject({ reason: 'invalid-data' });
    expect(failures[0]).toMatchObject({ problem: 'id-number', detail: 'the card number failed its check (checksum)' });
    expect(reads.length).toBe(0);
  });

  it('falls back to text + photo on a reader without fingerprint support', async () => {
    startSupervisor({ readFingerprint: true });
    await waitFor(() => state() === 'ready', 3000, 'reader ready');
    sim.insert('resident');
    await waitFor(() => reads.length === 1, 3000, 'card read');
    expect(reads[0]!.fingerprint).toBeNull();
  });

  it('reads the fingerprint block where the reader supports 30 10', async () => {
    sim.supportsFingerprint = true;
    startSupervisor({ readFingerprint: true });
    await waitFor(() => state() === 'ready', 3000, 'reader ready');
    sim.insert(simCard(SAMPLE_CARDS.resident, true));
    await waitFor(() => reads.length === 1, 3000, 'card read');
    expect(reads[0]!.fingerprint?.length).toBe(1024);
    expect(reads[0]!.identity).toEqual(SAMPLE_CARDS.resident);
  });

  it('reports a silent reader as not responding, and recovers when it answers again', async () => {
    startSupervisor();
    await waitFor(() => state() === 'ready', 3000, 'reader ready');
    sim.faults.silent = true;
    await waitFor(() => sup.view().status.state === 'offline', 5000, 'offline');
    expect(sup.view().status).toMatchObject({ state: 'offline', reason: 'no-response' });
    expect(deviceStatusLine('id-card-reader', sup.view().status)).toContain('设备无响应');
    sim.faults.silent = false;
    await waitFor(() => state() === 'ready', 3000, 'ready again');
  });

  it('reports a SAM fault as offline with its status word', async () => {
    sim.faults.samFault = true;
    startSupervisor();
    await waitFor(() => state() === 'sam-fault', 3000, 'sam fault');
    expect(sup.view()).toMatchObject({ health: 'offline', status: { state: 'sam-fault', sw3: 0x60 } });
    sim.faults.samFault = false;
    await waitFor(() => state() === 'ready', 3000, 'ready again');
  });

  it('recovers when the cable is pulled in the middle of a read and plugged back in', async () => {
    startSupervisor();
    await waitFor(() => state() === 'ready', 3000, 'reader ready');
    sim.readDelayMs = 400;
    const reading = sim.events.next('command', 3000, (c) => c[0] === 0x30);
    sim.insert('resident');
    await reading;
    await pair.unplug();
    await waitFor(() => state() === 'offline', 10_000, 'offline after unplug');
    expect(sup.view().status).toMatchObject({ state: 'offline' });
    expect(reads.length).toBe(0);

    const replugged = Date.now();
    await pair.plug();
    await sim.attach(pair.devicePath);
    await waitFor(() => state() !== 'offline', 3000, 'reopened');
    expect(Date.now() - replugged).toBeLessThan(2000);
    sim.readDelayMs = 0;
    // the reader is back (checked above): how soon the next poll finds the card depends on the machine's load
    await waitFor(() => reads.length === 1, 10_000, 'card read after replug');
    expect(reads[0]!.identity).toEqual(SAMPLE_CARDS.resident);
    // one offline line and one recovery line, not one per poll
    const offlineLines = logger.lines.filter((l) => l.event === 'device.offline');
    expect(offlineLines.length).toBeLessThanOrEqual(2);
  });
});
