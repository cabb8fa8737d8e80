// Spoken guidance: the delay from a change on screen to the first sound, through the whole path
// (Chromium renders the new words → the speech watcher gathers them → loopback API → backend →
// SSIP → speech-dispatcher → espeak-ng → the sound card), against `spd-say` of the same words
// (a process that connects and speaks directly) in the same run. Both end at the moment
// speech-dispatcher hands its first samples to the audio output (its log, libao's null driver),
// so what differs is only what the kiosk adds.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startPrivateSpeechd, type PrivateSpeechd } from '../devices/test-support/private-speechd';
import { waitFor } from '../devices/test-support/wait';
import { CHROMIUM, CHROMIUM_ARGS, RENDERER_DIR } from '../e2e/harness/paths';
import { runHeadless } from '../main/backend/host/headless';
import type { Report } from './report';

const ROUNDS = 10;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Waits for utterance number `index` to reach the sound card; the ms from `t0` (wall clock) to it. */
async function firstSoundAfter(spd: PrivateSpeechd, index: number, t0: number): Promise<{ ms: number; text: string }> {
  const u = await waitFor(
    () => {
      const x = spd.sounded()[index];
      return x?.firstSoundAt ? x : null;
    },
    15_000,
    `utterance ${index} sounding`,
  );
  return { ms: u.firstSoundAt! - t0, text: u.text };
}

export async function run(report: Report): Promise<void> {
  const spd = await startPrivateSpeechd();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-bench-speech-'));
  const configFile = path.join(dataDir, 'config.json');
  fs.writeFileSync(configFile, JSON.stringify({ terminalId: 'BENCHSP1', speech: { socketPath: spd.socketPath, onByDefault: true, volume: 60 } }));
  const host = await runHeadless({ dataDir, configFile, rendererDir: RENDERER_DIR, secret: crypto.randomUUID(), port: 0, firstSyncWaitMs: 5000, secretService: null });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    await waitFor(() => host.backend.ctx.speech.status().state === 'ready', 10_000, 'speech ready');
    const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, hasTouch: true })).newPage();
    await page.goto(host.server.launchUrl());
    await page.getByTestId('speech-controls').waitFor();
    // 办件进度查询: a screen whose title and lead are a spoken prompt; switching the language
    // changes both at once, like a step change, without devices in the way.
    await page.getByTestId('attract-start').click();
    await page.getByTestId('open-progress').click();
    await page.getByTestId('progress-query').waitFor();
    await waitFor(() => spd.sounded().length > 0 && spd.sounded().at(-1)!.firstSoundAt, 15_000, 'the first prompt');

    const kioskMs: number[] = [];
    const texts: string[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const index = spd.sounded().length;
      // the change starts in the page, on the page's clock (the same wall clock as the service's log)
      const t0 = await page.evaluate(() => {
        const t = Date.now();
        document.querySelector<HTMLElement>('[data-testid="toggle-language"]')!.click();
        return t;
      });
      const r = await firstSoundAfter(spd, index, t0);
      kioskMs.push(r.ms);
      texts.push(r.text);
      await page.waitForTimeout(300);
    }

    // The backend's part alone: the same words through the API's handler, no browser.
    const apiMs: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const index = spd.sounded().length;
      const text = texts[i]!;
      const t0 = Date.now();
      const res = await host.backend.fetch(
        new Request('http://kiosk.bench/api/speech/say', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text, lang: /[A-Za-z]{4}/.test(text.slice(0, 8)) ? 'en' : 'zh-CN', volume: 60 }),
        }),
      );
      if (res.status !== 202) throw new Error(`say answered ${res.status}`);
      apiMs.push((await firstSoundAfter(spd, index, t0)).ms);
      await new Promise((r) => setTimeout(r, 300));
    }

    const spdSayMs: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const index = spd.sounded().length;
      const text = texts[i]!;
      const t0 = Date.now();
      const child = spawn('spd-say', ['-l', /[A-Za-z]{4}/.test(text.slice(0, 8)) ? 'en' : 'zh', '--', text], {
        env: { ...process.env, SPEECHD_ADDRESS: `unix_socket:${spd.socketPath}` },
        stdio: 'ignore',
      });
      const done = new Promise((r) => child.once('exit', r));
      spdSayMs.push((await firstSoundAfter(spd, index, t0)).ms);
      await done;
      await new Promise((r) => setTimeout(r, 300));
    }
    report(`speech.api-say-to-first-sound (backend handler → SSIP → speech-dispatcher, median of ${ROUNDS})`, median(apiMs), 'ms', { name: 'spd-say of the same words', value: median(spdSayMs) });
    report(`speech.screen-change-to-first-sound (Chromium → kiosk API → speech-dispatcher, median of ${ROUNDS})`, median(kioskMs), 'ms', {
      name: 'spd-say of the same words',
      value: median(spdSayMs),
    });
  } finally {
    await browser.close();
    await host.close();
    await spd.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
