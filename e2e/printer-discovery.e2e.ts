// A technician sets printers up from the maintenance screen, through Chromium against the real
// backend: the simulator's spare receipt printer (a pty, shown as a USB Epson TM-T20) and a real
// IPP Everywhere printer (ippeveprinter, advertised over mDNS by a private avahi-daemon) are
// offered; choosing each saves it in the config file and prints a test page on it, and the screen
// says so. A typed address that is no printer address is refused in words. Checked with axe.
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeQueue } from '../devices/a4/driverless';
import { startIppEverywherePrinter, type IppEverywherePrinter } from '../devices/test-support/ipp-everywhere-printer';
import { waitFor } from '../devices/test-support/wait';
import { technicianSettings, TEST_PIN } from '../main/backend/test-support/technician';
import { launchBrowser, openKioskPage, type KioskPage } from './harness/browser';
import { checkScreen } from './harness/checks';
import { startKiosk, type TestKiosk } from './harness/kiosk';

const QUEUE = 'kiosk-a4-Kiosk-E2E-A4';
let kiosk: TestKiosk;
let browser: Browser;
let a4: IppEverywherePrinter;
let k: KioskPage;
const savedBus = process.env.DBUS_SYSTEM_BUS_ADDRESS;

beforeAll(async () => {
  a4 = await startIppEverywherePrinter('Kiosk E2E A4');
  // the kiosk runs in this process: its ippfind reaches the private avahi through this
  process.env.DBUS_SYSTEM_BUS_ADDRESS = a4.env.DBUS_SYSTEM_BUS_ADDRESS;
  kiosk = await startKiosk({ config: { centralUrl: null, maintenance: technicianSettings() } });
  browser = await launchBrowser();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await kiosk?.close();
  if (savedBus === undefined) delete process.env.DBUS_SYSTEM_BUS_ADDRESS;
  else process.env.DBUS_SYSTEM_BUS_ADDRESS = savedBus;
  await removeQueue(QUEUE);
  await a4?.stop();
});

const backend = () => kiosk.host.backend;
const configured = (kind: string) => (JSON.parse(fs.readFileSync(backend().ctx.maintenance.configFile!, 'utf8')) as { devices?: { kind: string }[] }).devices?.find((d) => d.kind === kind);

async function signIn(page: Page) {
  await page.getByTestId('attract-start').tap();
  for (let i = 0; i < 5; i++) await page.locator('.brand-mark').tap();
  await page.getByTestId('pin-dialog').waitFor();
  for (const d of TEST_PIN) await page.locator(`[data-pin-key="${d}"]`).tap();
  await page.getByTestId('pin-submit').tap();
  await page.getByTestId('maintenance-screen').waitFor();
}

describe('printer discovery on the maintenance screen', () => {
  it('lists the attached receipt printer by model and the A4 printer on the network', async () => {
    k = await openKioskPage(browser, kiosk.url);
    const { page } = k;
    await signIn(page);
    await page.getByTestId('maint-tab-printers').tap();
    await page.getByTestId('printers-panel').waitFor();
    const receipt = page.getByTestId('receipt-candidate');
    await receipt.first().waitFor({ timeout: 20_000 });
    expect(await receipt.first().textContent()).toContain('Epson TM-T20');
    // mDNS answers may come after the first search: search again until the printer shows
    await expect
      .poll(
        async () => {
          if ((await page.getByTestId('a4-candidate').filter({ hasText: 'Kiosk E2E A4' }).count()) > 0) return true;
          if (await page.getByTestId('printers-search').isEnabled()) await page.getByTestId('printers-search').tap();
          return false;
        },
        { timeout: 40_000, interval: 2000 },
      )
      .toBe(true);
    await checkScreen(page, 'printers-01-found', { fullPage: true });
  }, 90_000);

  it('choosing the receipt printer saves it and its test slip comes out', async () => {
    const { page } = k;
    const before = (await backend().ctx.devices.sim!.state()).receipt.printed.length;
    const path = await page.getByTestId('receipt-candidate').first().getAttribute('data-path');
    await page.getByTestId('receipt-choose').first().tap();
    await page.getByTestId('printer-outcome').filter({ hasText: '已选用此凭条打印机' }).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('printer-outcome').getAttribute('class')).toContain('maint-ok');
    const printed = (await backend().ctx.devices.sim!.state()).receipt.printed;
    expect(printed.length).toBe(before + 1);
    expect(printed[0]!.qrPayloads).toEqual(['KIOSK-TEST-E2E0001']);
    expect(configured('receipt-printer')).toMatchObject({ mode: 'serial', path });
  }, 60_000);

  it('choosing the A4 printer adds its queue, saves it and the test page reaches the printer', async () => {
    const { page } = k;
    await page.getByTestId('a4-candidate').filter({ hasText: 'Kiosk E2E A4' }).getByTestId('a4-choose').first().tap();
    await page.getByTestId('printer-outcome').filter({ hasText: QUEUE }).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('printer-outcome').textContent()).toContain('已添加打印队列');
    expect(configured('a4-printer')).toEqual({ kind: 'a4-printer', mode: 'cups', queue: QUEUE });
    const files = await waitFor(() => (a4.jobFiles().length ? a4.jobFiles() : null), 20_000, 'test page at the printer');
    expect(fs.readFileSync(files[0]!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await checkScreen(page, 'printers-02-a4-chosen', { fullPage: true });
  }, 90_000);

  it('a typed address that is no printer address is refused in words, and nothing is saved', async () => {
    const { page } = k;
    const before = fs.readFileSync(backend().ctx.maintenance.configFile!, 'utf8');
    await page.getByTestId('a4-address').fill('http://10.0.0.5/');
    await page.getByTestId('a4-add-address').tap();
    await page.getByTestId('printer-outcome').filter({ hasText: '打印机地址无效' }).waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('printer-outcome').getAttribute('class')).toContain('maint-problem');
    expect(fs.readFileSync(backend().ctx.maintenance.configFile!, 'utf8')).toBe(before);
    await checkScreen(page, 'printers-03-bad-address', { fullPage: true });
    await k.context.close();
  }, 30_000);
});
