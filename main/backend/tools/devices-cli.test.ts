// The technician CLI as a technician runs it: a child process printing JSON.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CARDS } from '../../../devices/id-card/sample-cards';
import { IdCardReaderSim, sampleCard } from '../../../devices/id-card/simulator';
import { buildStandIns, setStandInCard } from '../../../devices/id-card/sdk/stand-in/build-stand-ins';
import { ReceiptPrinterSim } from '../../../devices/receipt/simulator';
import { SaneTestSim } from '../../../devices/scanner/sane-sim';
import { PtyPair } from '../../../devices/sim/pty-pair';
import { startIppEverywherePrinter } from '../../../devices/test-support/ipp-everywhere-printer';
import { tempDir, waitFor } from '../../../devices/test-support/wait';

const root = path.resolve(import.meta.dirname, '../../..');
function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; json: Record<string, unknown> }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['main/backend/tools/devices-cli.ts', ...args], { cwd: root, env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, json: JSON.parse(out || '{}') }));
  });
}

const dir = tempDir('cli');
let card: PtyPair;
let printer: PtyPair;
const reader = new IdCardReaderSim();
const receipt = new ReceiptPrinterSim();

beforeAll(async () => {
  const a = await PtyPair.start(dir, 'idcard');
  const b = await PtyPair.start(dir, 'receipt');
  if (!a.ok || !b.ok) throw new Error('socat');
  card = a.value;
  printer = b.value;
  await reader.attach(card.devicePath);
  await receipt.attach(printer.devicePath);
});

afterAll(async () => {
  await reader.detach();
  await receipt.detach();
  await card.stop();
  await printer.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('devices CLI', () => {
  it('read-card waits for a card and prints it with personal data masked', async () => {
    // The CLI starts under tsx, which on a loaded CI machine can take well over ten seconds before
    // its first poll; the wait is for the poll, not a speed check.
    const run = cli(['read-card', '--port', card.hostPath, '--timeout', '60']);
    await waitFor(() => reader.commandsSeen > 2, 45_000, 'CLI polling');
    reader.insert('resident');
    const { code, json } = await run;
    expect(code).toBe(0);
    const id = SAMPLE_CARDS.resident.idNumber;
    expect(json).toMatchObject({ ok: true, card: { cardType: 'resident', name: '王**', number: `${id.slice(0, 4)}**********${id.slice(-4)}`, birthYear: '1990' } });
    expect(JSON.stringify(json)).not.toContain(id);
  }, 90_000);

  it('read-card --transport sdk reads through the vendor SDK, the photo through the vendor decoder', async () => {
    const built = await buildStandIns(path.join(dir, 'sdk'));
    if (!built.ok) throw new Error(built.error);
    const { sdtapi, wlt, stateDir } = built.value;
    const run = cli(['read-card', '--transport', 'sdk', '--library', sdtapi, '--decoder', wlt, '--timeout', '10'], { KIOSK_SDK_STANDIN_DIR: stateDir });
    setStandInCard(stateDir, sampleCard('foreign-permanent-2017'));
    const { code, json } = await run;
    expect(code).toBe(0);
    expect(json).toMatchObject({ ok: true, card: { cardType: 'foreign-permanent-2017', birthYear: '1985' }, photo: { mime: 'image/png', width: 102, height: 126 } });
    expect(JSON.stringify(json)).not.toContain(SAMPLE_CARDS['foreign-permanent-2017'].cardNumber);
  }, 60_000);

  it('read-card --transport sdk says why when the library cannot be loaded, and hid when no such device is attached', async () => {
    const sdk = await cli(['read-card', '--transport', 'sdk', '--library', path.join(dir, 'no-such-sdk.so'), '--timeout', '2']);
    expect(sdk.code).toBe(1);
    expect(sdk.json).toMatchObject({ ok: false, status: { reason: 'unavailable' } });
    expect(JSON.stringify(sdk.json)).toContain('no-such-sdk.so');
    const hid = await cli(['read-card', '--transport', 'hid', '--vid-pid', '1209:0001', '--timeout', '2']);
    expect(hid.code).toBe(1);
    expect(hid.json).toMatchObject({ ok: false });
  }, 60_000);

  it('list shows the driverless A4 printer advertised on the network, and the receipt printers discovery offers', async () => {
    const a4 = await startIppEverywherePrinter('Kiosk CLI A4');
    try {
      const { code, json } = await cli(['list', '--wait', '3'], a4.env);
      expect(code).toBe(0);
      expect(json.a4Printers).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Kiosk CLI A4', via: 'ippfind' })]));
      // no USB receipt printer is attached to the build machine: an empty list, not an error
      expect(json.receiptPrinters).toEqual([]);
    } finally {
      await a4.stop();
    }
  }, 60_000);

  it('test-print prints a receipt and reports the printer status', async () => {
    const { code, json } = await cli(['test-print', '--port', printer.hostPath]);
    expect(code).toBe(0);
    expect(json).toMatchObject({ ok: true, status: { state: 'ready' } });
    expect(receipt.receipts.at(-1)?.qrPayloads).toEqual(['KIOSK-TEST-PRINT']);
  });

  it('test-print says why when the printer is out of paper', async () => {
    receipt.condition.paperOut = true;
    const { code, json } = await cli(['test-print', '--port', printer.hostPath]);
    receipt.condition.paperOut = false;
    expect(code).toBe(1);
    expect(json).toMatchObject({ ok: false, error: { reason: 'paper-out' } });
  });

  it('scan writes the pages it scanned and lists them', async () => {
    const sane = new SaneTestSim(path.join(dir, 'sane'));
    const out = path.join(dir, 'pages');
    const { code, json } = await cli(['scan', '--source', 'adf', '--pages', '2', '--out', out, '--resolution', '75'], { SANE_CONFIG_DIR: sane.configDir });
    expect(code).toBe(0);
    expect(json).toMatchObject({ ok: true, device: 'test:0' });
    expect(fs.readdirSync(out)).toEqual(['page001.jpg', 'page002.jpg']);
  });

  it('probe opens the configured devices and fails when one is missing', async () => {
    const config = path.join(dir, 'config.json');
    fs.writeFileSync(
      config,
      JSON.stringify({
        devices: [
          { kind: 'receipt-printer', mode: 'serial', path: printer.hostPath },
          { kind: 'id-card-reader', mode: 'serial', path: path.join(dir, 'no-such-port') },
        ],
      }),
    );
    const { code, json } = await cli(['probe', '--config', config, '--wait', '1'], { KIOSK_DATA_DIR: path.join(dir, 'data') });
    expect(code).toBe(1);
    const devices = json.devices as { device: string; health: string; status: { reason?: string } }[];
    expect(devices.find((d) => d.device === 'receipt-printer')).toMatchObject({ health: 'ok' });
    expect(devices.find((d) => d.device === 'id-card-reader')).toMatchObject({ health: 'offline', status: { reason: 'not-found' } });
  }, 30_000);
});
