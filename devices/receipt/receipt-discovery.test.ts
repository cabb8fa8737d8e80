// Receipt printers found by USB id: serial / USB-CDC ports and /dev/usb/lpN (sysfs), matched
// against the table of common models; other devices are not offered.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/wait';
import { discoverReceiptPrinters, usbLpPorts } from './receipt-discovery';
import { matchReceiptModel, RECEIPT_MODELS } from './receipt-models';

const dir = tempDir('receipt-discovery');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A sysfs tree like the kernel's: usbmisc/lpN/device → the interface, whose parent holds the USB ids. */
function fakeSysfs(devices: { lp: string; vid: string; pid: string }[]): string {
  const root = path.join(dir, `sys-${Math.random().toString(36).slice(2)}`);
  for (const d of devices) {
    const usbDevice = path.join(root, 'devices', `usb-${d.lp}`);
    fs.mkdirSync(path.join(usbDevice, '1-1:1.0'), { recursive: true });
    fs.writeFileSync(path.join(usbDevice, 'idVendor'), `${d.vid}\n`);
    fs.writeFileSync(path.join(usbDevice, 'idProduct'), `${d.pid}\n`);
    fs.mkdirSync(path.join(root, 'class', d.lp), { recursive: true });
    fs.symlinkSync(path.join(usbDevice, '1-1:1.0'), path.join(root, 'class', d.lp, 'device'));
  }
  return path.join(root, 'class');
}

describe('receipt printer discovery', () => {
  it('offers known printers on serial ports and USB printer-class devices, exact models first', async () => {
    const sys = fakeSysfs([
      { lp: 'lp0', vid: '0fe6', pid: '811e' },
      { lp: 'lp1', vid: '046d', pid: 'c52b' },
    ]);
    const found = await discoverReceiptPrinters({
      serial: async () => [
        { path: '/dev/ttyACM0', vendorId: '04B8', productId: '0E03' },
        { path: '/dev/ttyUSB0', vendorId: '1a86', productId: '7523' },
        { path: '/dev/ttyS0' },
        { path: '/dev/ttyACM1', vendorId: '0519', productId: '0042' },
      ],
      usbLp: () => usbLpPorts(sys, '/dev/usb'),
    });
    expect(found).toEqual([
      { mode: 'serial', path: '/dev/ttyACM0', vidPid: '04b8:0e03', maker: 'Epson', model: 'TM-T20', certainty: 'product', source: 'usb.ids 2025.07.26' },
      { mode: 'serial', path: '/dev/ttyACM1', vidPid: '0519:0042', maker: 'Star Micronics', model: 'TSP / mC series', certainty: 'vendor', source: 'usb.ids 2025.07.26' },
      expect.objectContaining({ mode: 'usb-lp', path: '/dev/usb/lp0', vidPid: '0fe6:811e', certainty: 'bridge' }),
    ]);
  });

  it('a port list that fails, or no sysfs, is an empty list, not an error', async () => {
    expect(await discoverReceiptPrinters({ serial: () => Promise.reject(new Error('no udev')), usbLp: () => usbLpPorts(path.join(dir, 'none')) })).toEqual([]);
  });

  it('every row of the table names its source and a well-formed USB id; an Epson scanner is not a receipt printer', () => {
    for (const m of RECEIPT_MODELS) {
      expect(m.vendorId).toMatch(/^[0-9a-f]{4}$/);
      if (m.productId !== undefined) expect(m.productId).toMatch(/^[0-9a-f]{4}$/);
      expect(m.source.length).toBeGreaterThan(5);
    }
    expect(matchReceiptModel('04b8', '0142')).toBeNull();
    expect(matchReceiptModel('0x1504', '0x1f')?.model.model).toBe('SRP-350II');
  });
});
