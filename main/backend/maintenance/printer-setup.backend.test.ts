// Printer discovery in maintenance, through the real backend: the simulator's spare receipt
// printer (a pty, as a USB-CDC Epson TM-T20 shows) and a real IPP Everywhere printer
// (ippeveprinter, advertised by a private avahi-daemon) are offered; choosing one writes the
// device configuration, adds the CUPS queue for the A4 one, and the test print comes out of the
// chosen printer. Technician only.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeQueue } from '../../../devices/a4/driverless';
import { startIppEverywherePrinter, type IppEverywherePrinter } from '../../../devices/test-support/ipp-everywhere-printer';
import { waitFor } from '../../../devices/test-support/wait';
import { tempKiosk, type TempKiosk } from '../test-support/temp-kiosk';

let k: TempKiosk;
let printer: IppEverywherePrinter;
const QUEUE = 'kiosk-a4-Kiosk-Backend-A4';
const savedBus = process.env.DBUS_SYSTEM_BUS_ADDRESS;

beforeAll(async () => {
  printer = await startIppEverywherePrinter('Kiosk Backend A4');
  // ippfind, run by the backend, reaches the private avahi through this
  process.env.DBUS_SYSTEM_BUS_ADDRESS = printer.env.DBUS_SYSTEM_BUS_ADDRESS;
  k = await tempKiosk({ config: { terminalId: 'PRN0001' }, overrides: { devTools: true } });
}, 90_000);

afterAll(async () => {
  if (savedBus === undefined) delete process.env.DBUS_SYSTEM_BUS_ADDRESS;
  else process.env.DBUS_SYSTEM_BUS_ADDRESS = savedBus;
  await k?.close();
  if (k) fs.rmSync(k.dataDir, { recursive: true, force: true });
  await removeQueue(QUEUE);
  await printer?.stop();
});

type Printers = {
  receipt: { path: string; vidPid: string; maker: string; model: string; certainty: string; simulated?: boolean }[];
  a4: { uri: string; name: string }[];
  current: { receipt: { mode: string } | null; a4: { mode: string } | null };
};
const post = (p: string, body: unknown) => k.asTechnician(p, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const configured = (kind: string) => (JSON.parse(fs.readFileSync(`${k.dataDir}/config.json`, 'utf8')) as { devices?: { kind: string }[] }).devices?.find((d) => d.kind === kind);

describe('printer discovery in maintenance', () => {
  it('is for technicians only', async () => {
    expect((await k.get('/api/maintenance/printers')).status).toBe(403);
    expect((await k.get('/api/maintenance/printers/receipt', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"path":"/dev/ttyACM0"}' })).status).toBe(403);
    expect((await k.get('/api/maintenance/printers/a4', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"address":"192.168.1.20"}' })).status).toBe(403);
  });

  it('offers the attached receipt printer by its model and the advertised A4 printer by its name', async () => {
    const view = await waitFor(
      async () => {
        const v = (await (await k.asTechnician('/api/maintenance/printers')).json()) as Printers;
        return v.a4.some((p) => p.name === 'Kiosk Backend A4' && p.uri.startsWith('ipp:')) ? v : null;
      },
      30_000,
      'A4 printer advertised',
    );
    expect(view.receipt).toEqual([expect.objectContaining({ vidPid: '04b8:0e03', maker: 'Epson', model: 'TM-T20', certainty: 'product', simulated: true })]);
    expect(view.current).toMatchObject({ receipt: { mode: 'simulator' }, a4: { mode: 'simulator' } });
  }, 40_000);

  it('choosing the receipt printer saves it and prints a test slip on it', async () => {
    const view = (await (await k.asTechnician('/api/maintenance/printers')).json()) as Printers;
    const chosen = view.receipt[0]!;
    const r = await post('/api/maintenance/printers/receipt', { path: chosen.path });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ ok: true, code: 'receipt-chosen', saved: true, path: chosen.path });
    expect(configured('receipt-printer')).toMatchObject({ kind: 'receipt-printer', mode: 'serial', path: chosen.path });
    const printed = (await k.ctx.devices.sim!.state()).receipt.printed;
    expect(printed[0]?.qrPayloads).toEqual(['KIOSK-TEST-PRN0001']);
    expect(k.ctx.store.maintenance.recentAudit().some((a) => a.action === 'printer-choose:receipt' && a.outcome === 'ok')).toBe(true);
  }, 30_000);

  it('a path discovery did not offer is refused and nothing is saved', async () => {
    const before = fs.readFileSync(`${k.dataDir}/config.json`, 'utf8');
    const r = await post('/api/maintenance/printers/receipt', { path: '/etc/passwd' });
    expect(r.status).toBe(404);
    expect(await r.json()).toMatchObject({ error: 'printer-not-found', area: 'maintenance' });
    expect(fs.readFileSync(`${k.dataDir}/config.json`, 'utf8')).toBe(before);
  }, 30_000);

  it('choosing the A4 printer adds a driverless CUPS queue, saves it and prints the test page there', async () => {
    const view = (await (await k.asTechnician('/api/maintenance/printers')).json()) as Printers;
    const found = view.a4.find((p) => p.name === 'Kiosk Backend A4' && p.uri.startsWith('ipp:'))!;
    const r = await post('/api/maintenance/printers/a4', { uri: found.uri, name: found.name });
    const body = await r.json();
    expect(r.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ ok: true, code: 'a4-chosen', saved: true, queue: QUEUE });
    expect(configured('a4-printer')).toEqual({ kind: 'a4-printer', mode: 'cups', queue: QUEUE });
    const files = await waitFor(() => (printer.jobFiles().length > 0 ? printer.jobFiles() : null), 20_000, 'test page received');
    expect(fs.readFileSync(files[0]!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 90_000);

  it('a typed address that is not an IPP printer address is refused with the reason', async () => {
    for (const address of ['file:///etc/passwd', 'http://10.0.0.5/', 'a b c']) {
      const r = await post('/api/maintenance/printers/a4', { address });
      expect(r.status, address).toBe(422);
      expect(await r.json()).toMatchObject({ error: 'bad-address', area: 'maintenance' });
    }
  });
});
