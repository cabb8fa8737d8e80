// The real SAM driver and supervisor over a USB HID reader, with the test double below node-hid
// (this kernel has no virtual HID): every shipped profile, answers split over dozens of reports
// or merged into shared ones, garbage reports, a stalled device and a pulled cable.
import { afterEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../core/log';
import { DeviceSupervisor } from '../../supervisor/supervisor';
import { waitFor } from '../../test-support/wait';
import type { CardRead, IdCardReaderSession } from '../reader';
import { SAMPLE_CARDS } from '../sample-cards';
import { testPhotoDecoder } from '../test-photo-decoder';
import { hidIdCardReaderConnector } from './connect-hid';
import { HID_PROFILE_NAMES, type HidProfileName } from './hid-profiles';
import { HidReaderSim } from './hid-sim';

const VID_PID = '1a86:e010';
let sup: DeviceSupervisor<'id-card-reader', IdCardReaderSession> | null = null;
let reads: CardRead[];

function start(profile: HidProfileName, hid = new HidReaderSim({ vidPid: VID_PID, profile })) {
  reads = [];
  sup = new DeviceSupervisor({
    kind: 'id-card-reader',
    mode: 'hid',
    logger: memoryLogger(),
    retryMs: 200,
    connect: hidIdCardReaderConnector({ vidPid: VID_PID, profile, pollMs: 300, commandTimeoutMs: 400, missedPollsOffline: 2 }, testPhotoDecoder, hid.binding()),
    onSession: (s) => s.events.on('card', (c) => reads.push(c)),
  });
  sup.start();
  return { hid, sup };
}

const state = () => sup!.view().status;

afterEach(async () => {
  await sup?.stop();
  sup = null;
});

describe('ID-card reader over USB HID', () => {
  it.each(HID_PROFILE_NAMES)('reads a resident card, with its photo, through profile %s', async (profile) => {
    const { hid } = start(profile);
    await waitFor(() => state().state === 'ready', 3000, 'reader ready');
    hid.sim.insert('resident');
    await waitFor(() => reads.length === 1, 3000, 'card read');
    expect(reads[0]!.identity).toEqual(SAMPLE_CARDS.resident);
    expect(reads[0]!.photo?.mime).toBe('image/png');
    expect(reads[0]!.photoWlt.length).toBe(1024);
    // 1295 bytes of answer cannot fit one report: the frame was reassembled from many
    expect(hid.reportsSent).toBeGreaterThan(20);
  });

  it('reassembles answers that share reports and arrive with gaps, ignoring reports that fit no profile', async () => {
    const { hid } = start('length-byte-64-id1');
    hid.faults.merge = true;
    hid.faults.reportGapMs = 1;
    hid.faults.garbageReport = 5;
    await waitFor(() => state().state === 'ready', 3000, 'reader ready');
    hid.sim.insert('foreign-permanent-2023');
    await waitFor(() => reads.length === 1, 5000, 'card read');
    expect(reads[0]!.identity).toEqual(SAMPLE_CARDS['foreign-permanent-2023']);
  });

  it('says the reader stopped answering when it stalls, and recovers when it takes reports again', async () => {
    const { hid } = start('cp2110-bridge');
    await waitFor(() => state().state === 'ready', 3000, 'reader ready');
    hid.faults.stall = true;
    const off = await waitFor(() => (state().state === 'offline' ? state() : null), 6000, 'offline');
    expect(off).toMatchObject({ state: 'offline' });
    expect(sup!.view().health).toBe('offline');
    hid.faults.stall = false;
    await waitFor(() => state().state === 'ready', 4000, 'ready again');
    hid.sim.insert('resident');
    await waitFor(() => reads.length === 1, 3000, 'card read after the stall');
  });

  it('reports a pulled cable as unplugged / not found and reads again once it is back', async () => {
    const { hid } = start('length-byte-64');
    await waitFor(() => state().state === 'ready', 3000, 'reader ready');
    hid.unplug();
    await waitFor(() => state().state === 'offline', 2000, 'offline after unplug');
    expect((state() as { reason: string }).reason).toBe('unplugged');
    await new Promise((r) => setTimeout(r, 500)); // a few reopen attempts find nothing
    expect(state().state).toBe('offline');
    hid.replug();
    await waitFor(() => state().state === 'ready', 3000, 'ready after replug');
    hid.sim.insert('hmt-residence-permit');
    await waitFor(() => reads.length === 1, 3000, 'card read after replug');
    expect(reads[0]!.identity).toEqual(SAMPLE_CARDS['hmt-residence-permit']);
  });

  it('is not found when no HID device has the configured VID:PID', async () => {
    const other = new HidReaderSim({ vidPid: '0483:5750', profile: 'length-byte-64' });
    start('length-byte-64', other);
    await waitFor(() => (state() as { reason?: string }).reason === 'not-found', 2000, 'not found');
    expect((state() as { detail?: string }).detail).toContain(VID_PID);
  });
});
