import { describe, expect, it } from 'vitest';
import type { KioskEvent } from '../../common/events';
import { SAMPLE_CARDS } from '../id-card/sample-cards';
import { imageInfo } from '../materials/image-info';
import { FakeDevices } from './fake-devices';

describe('in-memory fake devices', () => {
  it('emits card reads and status changes as the backend would', () => {
    const events: KioskEvent[] = [];
    const d = new FakeDevices((e) => events.push(e));
    d.insertCard('hmt-residence-permit');
    d.setStatus('receipt-printer', { state: 'paper-out' });
    expect(events[0]).toMatchObject({ type: 'idcard.read', identity: SAMPLE_CARDS['hmt-residence-permit'] });
    expect(events[1]).toMatchObject({ type: 'device.status', view: { device: 'receipt-printer', health: 'offline', status: { state: 'paper-out' } } });
    expect(d.list().find((v) => v.device === 'receipt-printer')?.status).toEqual({ state: 'paper-out' });
  });

  it('records receipts decoded to text, and holds them while the printer is out of paper', async () => {
    const d = new FakeDevices();
    d.setStatus('receipt-printer', { state: 'paper-out' });
    const held = await d.receipt.print({
      lines: [
        { type: 'text', text: '受理回执' },
        { type: 'qr', data: 'SQ-1' },
      ],
    });
    expect(held).toMatchObject({ ok: false, error: { kind: 'held', reason: 'paper-out' } });
    d.setStatus('receipt-printer', { state: 'ready', paperNearEnd: false });
    if (held.ok || held.error.kind !== 'held') throw new Error();
    expect((await d.receipt.reprint(held.error.jobId)).ok).toBe(true);
    expect(d.printedReceipts).toEqual([{ jobId: held.error.jobId, lines: ['受理回执', ''], qrPayloads: ['SQ-1'] }]);
    expect(d.receipt.heldJobs()).toEqual([]);
  });

  it('scans pages into the inbox and can be told to jam', async () => {
    const d = new FakeDevices();
    const r = await d.scanner.scan({ source: 'adf', mode: 'color', resolution: 150, format: 'png', maxPages: 2 });
    expect(r.ok && r.value.length).toBe(2);
    expect(imageInfo(d.pages.get(d.pages.list()[0]!.id)!.bytes)).toEqual({ mime: 'image/png', width: 800, height: 600 });
    d.nextScanFault = 'jammed';
    expect(await d.scanner.scan({ source: 'adf', mode: 'color', resolution: 150, format: 'png' })).toMatchObject({ ok: false, error: { kind: 'jammed' } });
  });
});
