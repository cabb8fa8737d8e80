import { describe, expect, it } from 'vitest';
import type { CodeScannerStatus, DeviceStatusView, Offline } from '../../common/devices';
import { err, ok, type Result } from '../../common/result';
import { memoryLogger } from '../core/log';
import type { DeviceSession } from '../core/session';
import { StatusCell } from '../core/status-cell';
import { waitFor } from '../test-support/wait';
import { DeviceSupervisor } from './supervisor';

class FakeSession implements DeviceSession<CodeScannerStatus> {
  readonly cell = new StatusCell<CodeScannerStatus>({ state: 'ready' });
  lost: ((r: Offline) => void) | null = null;
  closed = false;
  get status() {
    return this.cell.get();
  }
  onStatus(cb: (s: CodeScannerStatus) => void) {
    return this.cell.onChange(cb);
  }
  onLost(cb: (r: Offline) => void) {
    this.lost = cb;
  }
  async close() {
    this.closed = true;
  }
}

describe('device supervisor', () => {
  it('keeps trying a missing device, opens it when it appears, and reopens it after it is lost', async () => {
    let present = false;
    const sessions: FakeSession[] = [];
    const logger = memoryLogger();
    const views: DeviceStatusView[] = [];
    const sup = new DeviceSupervisor({
      kind: 'code-scanner',
      mode: 'test',
      logger,
      retryMs: 50,
      connect: async (): Promise<Result<FakeSession, Offline>> => {
        if (!present) return err({ state: 'offline', reason: 'not-found', detail: 'no device' });
        const s = new FakeSession();
        sessions.push(s);
        return ok(s);
      },
    });
    sup.events.on('view', (v) => views.push(v));
    sup.start();
    await sup.settled();
    await new Promise((r) => setTimeout(r, 300)); // several failed attempts
    expect(sup.view()).toMatchObject({ health: 'offline', status: { reason: 'not-found' } });
    // one line for "offline", not one per attempt
    expect(logger.lines.filter((l) => l.event === 'device.offline').length).toBe(1);

    present = true;
    await waitFor(() => sup.view().health === 'ok', 1000, 'opened');
    sessions[0]!.lost!({ state: 'offline', reason: 'unplugged', detail: 'EIO' });
    expect(sessions[0]!.closed).toBe(true);
    expect(sup.view().status).toMatchObject({ reason: 'unplugged' });
    await waitFor(() => sessions.length === 2 && sup.view().health === 'ok', 1000, 'reopened');
    expect(logger.lines.map((l) => l.event)).toEqual(['device.offline', 'device.ok', 'device.offline', 'device.ok']);
    expect(views.map((v) => v.health)).toEqual(['offline', 'ok', 'offline', 'ok']);
    await sup.stop();
    expect(sessions[1]!.closed).toBe(true);
  });

  it('shows "unplugged" rather than "not found" while a lost device stays away', async () => {
    let present = true;
    let session: FakeSession | null = null;
    const sup = new DeviceSupervisor({
      kind: 'code-scanner',
      mode: 'test',
      logger: memoryLogger(),
      retryMs: 30,
      connect: async (): Promise<Result<FakeSession, Offline>> => (present ? ok((session = new FakeSession())) : err({ state: 'offline', reason: 'not-found', detail: 'gone' })),
    });
    sup.start();
    await sup.settled();
    present = false;
    session!.lost!({ state: 'offline', reason: 'unplugged', detail: 'EIO' });
    await new Promise((r) => setTimeout(r, 200));
    expect(sup.view().status).toMatchObject({ state: 'offline', reason: 'unplugged' });
    await sup.stop();
  });
});
