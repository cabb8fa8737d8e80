// Central's fleet view in Chromium: 20 simulated terminals send signed heartbeats (the same
// signing as a kiosk), one stops reporting and is flagged after 3 missed intervals, others are
// out of paper, down or behind on sync; the usage charts sum every terminal's figures.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCentral } from '../central/embedded';
import { sampleHeartbeat, type SampleOptions } from '../central/fleet/sample-heartbeat';
import { signedRequest } from '../central/test-support/signed-client';
import { launchBrowser } from './harness/browser';
import { checkScreen } from './harness/checks';
import { startTestCentral } from './harness/kiosk';

const INTERVAL_SEC = 1;
const TERMINALS = Array.from({ length: 20 }, (_, i) => ({ terminalId: `HALL${String(i + 1).padStart(4, '0')}`, secret: `fleet-secret-${i}-`.padEnd(40, 'z') }));
const SILENT = 'HALL0007';
const FAULTS: Record<string, SampleOptions> = {
  HALL0003: { paper: 'out' },
  HALL0011: { scannerOffline: true },
  HALL0015: { pending: 6, lastSyncAgoMs: 3_600_000 },
};

let central: RunningCentral;
let browser: Browser;

beforeAll(async () => {
  central = await startTestCentral();
  for (const t of TERMINALS) central.registerTerminal(t.terminalId, t.secret);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await central?.close();
});

async function beatAll(ids: string[]) {
  const statuses = await Promise.all(
    TERMINALS.filter((t) => ids.includes(t.terminalId)).map(async (t) => {
      const req = await signedRequest(central.url, { ...t, method: 'POST', path: '/v1/heartbeats', json: sampleHeartbeat({ intervalSec: INTERVAL_SEC, ...FAULTS[t.terminalId] }) });
      return (await fetch(req)).status;
    }),
  );
  expect(statuses.every((s) => s === 200)).toBe(true);
}

describe('fleet view', () => {
  it('lists 20 reporting terminals, flags the one that went silent and the ones with problems', async () => {
    const all = TERMINALS.map((t) => t.terminalId);
    await beatAll(all);
    // Everyone but HALL0007 keeps reporting every interval for a little over 3 intervals.
    const start = Date.now();
    while (Date.now() - start < (3 * INTERVAL_SEC + 1.5) * 1000) {
      await new Promise((r) => setTimeout(r, INTERVAL_SEC * 1000 * 0.8));
      await beatAll(all.filter((id) => id !== SILENT));
    }

    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    const page = await context.newPage();
    // Without the admin token there is nothing to see.
    expect((await page.goto(`${central.url}/fleet`))!.status()).toBe(401);
    await page.goto(`${central.url}/fleet/login?token=${central.adminToken}`);
    await page.getByRole('heading', { level: 1, name: '终端运行总览 / Fleet view' }).waitFor();
    expect(await page.getByTestId('terminal-row').count()).toBe(20);
    expect(await page.getByTestId('fleet-count').textContent()).toBe('20');
    const flags = Object.fromEntries(await page.getByTestId('terminal-row').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-terminal')!, r.getAttribute('data-flags')!])));
    expect(flags[SILENT]).toBe('silent');
    expect(flags.HALL0003).toBe('down paper-out');
    expect(flags.HALL0011).toBe('down');
    expect(flags.HALL0015).toBe('behind-sync');
    expect(Object.entries(flags).filter(([, f]) => f === '').length).toBe(16);
    expect(await page.getByTestId('count-silent').textContent()).toBe('1');
    // Problems are listed first.
    const order = await page.getByTestId('terminal-row').evaluateAll((rows) => rows.slice(0, 4).map((r) => r.getAttribute('data-terminal')));
    expect(new Set(order)).toEqual(new Set([SILENT, 'HALL0003', 'HALL0011', 'HALL0015']));
    // Usage: 20 terminals × (6 yesterday + 3 + 1 today).
    expect(await page.getByTestId('usage-total').textContent()).toBe('200');
    expect(await page.getByTestId('usage-novisit').textContent()).toBe('80%');
    for (const id of ['chart-per-day', 'chart-per-service', 'chart-ratings', 'chart-steps']) expect(await page.locator(`svg#${id}`).count()).toBe(1);
    await checkScreen(page, 'fleet-01-overview', { fullPage: true });
    await context.close();
  });
});
