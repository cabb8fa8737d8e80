// Driverless A4 discovery and queue set-up against a real IPP Everywhere printer (ippeveprinter,
// advertised over mDNS by a private avahi-daemon) and the real CUPS scheduler: found by ippfind,
// added with lpadmin -m everywhere, and a PDF printed through the new queue reaches the printer.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleA4Doc } from './a4-doc.fixture';
import { CupsPrinterSession } from './cups-printer';
import { addDriverlessQueue, discoverIppPrinters, parseIppfind, parseLpinfo, parsePrinterAddress, queueNameFor, removeQueue } from './driverless';
import { IppClient } from './ipp-client';
import { buildA4Pdf, findCjkFont } from './pdf-builder';
import { startIppEverywherePrinter, type IppEverywherePrinter } from '../test-support/ipp-everywhere-printer';
import { waitFor } from '../test-support/wait';

let printer: IppEverywherePrinter;
const QUEUE = 'kiosk-a4-driverless-unit';

beforeAll(async () => {
  printer = await startIppEverywherePrinter('Kiosk Unit A4');
}, 60_000);

afterAll(async () => {
  await removeQueue(QUEUE);
  await printer?.stop();
});

describe('driverless A4 printers', () => {
  it('ippfind finds the advertised printer by name, as ipp:// at an address cupsd can reach', async () => {
    const found = await waitFor(
      async () => (await discoverIppPrinters({ seconds: 2, env: printer.env })).printers.find((p) => p.name === 'Kiosk Unit A4' && p.uri.startsWith('ipp:')),
      20_000,
      'printer advertised',
    );
    expect(found.via).toBe('ippfind');
    expect(found.uri).toMatch(/^ipp:\/\/localhost:\d+\/ipp\/print$/);
  }, 30_000);

  it('adds the printer as a queue with lpadmin -m everywhere, and a PDF printed there reaches the printer', async () => {
    const added = await addDriverlessQueue(QUEUE, printer.uri);
    expect(added).toEqual({ ok: true, value: { queue: QUEUE, uri: printer.uri } });
    const font = findCjkFont();
    if (!font.ok) throw new Error(font.error);
    const pdf = await buildA4Pdf(sampleA4Doc, font.value);
    // cupsd fetches the printer's attributes in the background: the queue answers once it has them
    const session = await waitFor(
      async () => {
        const s = await CupsPrinterSession.connect(new IppClient(), QUEUE, { pollMs: 300 });
        return s.ok ? s.value : null;
      },
      20_000,
      'queue ready',
    );
    try {
      const r = await session.printPdf(pdf.pdf, 'driverless test');
      expect(r.ok).toBe(true);
    } finally {
      await session.close();
    }
    const files = await waitFor(() => (printer.jobFiles().length > 0 ? printer.jobFiles() : null), 20_000, 'job received');
    expect(fs.readFileSync(files[0]!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 90_000);

  it('a queue for an address where no printer answers does not print', async () => {
    const q = `${QUEUE}-dead`;
    const font = findCjkFont();
    if (!font.ok) throw new Error(font.error);
    // lpadmin may refuse at once or leave a queue that cannot print: either way nothing prints
    let printed = false;
    try {
      const added = await addDriverlessQueue(q, 'ipp://127.0.0.1:9/ipp/print');
      const s = added.ok ? await CupsPrinterSession.connect(new IppClient(), q, { pollMs: 300, jobTimeoutMs: 8000, stoppedGraceMs: 1000 }) : null;
      if (s?.ok) {
        printed = (await s.value.printPdf((await buildA4Pdf(sampleA4Doc, font.value)).pdf, 'dead')).ok;
        await s.value.close();
      }
    } finally {
      await removeQueue(q);
    }
    expect(printed).toBe(false);
  }, 60_000);
});

describe('addresses and tool output', () => {
  it('turns what a technician types into an IPP URI, and refuses anything else', () => {
    expect(parsePrinterAddress('192.168.1.20')).toEqual({ ok: true, value: 'ipp://192.168.1.20:631/ipp/print' });
    expect(parsePrinterAddress(' printer.local:8631 ')).toEqual({ ok: true, value: 'ipp://printer.local:8631/ipp/print' });
    expect(parsePrinterAddress('ipps://10.0.0.5/ipp/print/a4')).toEqual({ ok: true, value: 'ipps://10.0.0.5:631/ipp/print/a4' });
    for (const bad of ['', 'http://10.0.0.5/', 'file:///etc/passwd', 'ipp://user:pw@host/', 'ipp://host/?x=1', 'a b', '-x', 'x'.repeat(400)]) expect(parsePrinterAddress(bad).ok, bad).toBe(false);
  });

  it('reads ippfind and lpinfo output; a printer of this machine is reached by loopback', () => {
    const us = '\u001f';
    const out = `ipps://kiosk.local:631/ipp/print${us}Office A4${us}HP LaserJet M404\nipp://kiosk.local:631/ipp/print${us}Office A4${us}HP LaserJet M404\nipp://other.local:8000/ipp/print${us}Hall${us}\nnot a line\n`;
    expect(parseIppfind(out, 'kiosk')).toEqual([
      { uri: 'ipp://localhost:631/ipp/print', name: 'Office A4', makeModel: 'HP LaserJet M404', via: 'ippfind' },
      { uri: 'ipp://other.local:8000/ipp/print', name: 'Hall', makeModel: null, via: 'ippfind' },
    ]);
    expect(parseLpinfo('network ipp\nnetwork dnssd://Office%20A4._ipp._tcp.local/?uuid=1\ndirect usb://HP/x\n')).toEqual([
      { uri: 'dnssd://Office%20A4._ipp._tcp.local/?uuid=1', name: 'Office A4', makeModel: null, via: 'lpinfo' },
    ]);
  });

  it('names queues in the characters CUPS accepts', () => {
    expect(queueNameFor({ name: 'Office A4 (2F)', uri: 'ipp://x/ipp/print' })).toBe('kiosk-a4-Office-A4-2F');
    expect(queueNameFor({ name: '大厅打印机', uri: 'ipp://10.0.0.9:631/ipp/print' })).toBe('kiosk-a4-printer');
    expect(queueNameFor({ uri: 'ipp://10.0.0.9:631/ipp/print' })).toBe('kiosk-a4-10-0-0-9');
  });
});
