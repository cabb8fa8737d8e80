// The speech service against a real, private speech-dispatcher (espeak-ng, null audio): what the
// service received is read from its own log, not guessed from what we sent.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../core/log';
import { startPrivateSpeechd, type PrivateSpeechd } from '../test-support/private-speechd';
import { waitFor } from '../test-support/wait';
import { SpeechService, speechSocketPath } from './speech-service';
import { ssipData } from './ssip-connection';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function speechd(socketPath?: string): Promise<PrivateSpeechd> {
  const s = await startPrivateSpeechd({ socketPath });
  cleanups.push(() => s.stop());
  return s;
}

function service(socketPath: string, retryMs = 200) {
  const logger = memoryLogger();
  const s = new SpeechService({ socketPath, logger, retryMs });
  cleanups.push(() => s.close());
  s.start();
  return { s, logger };
}

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-speech-test-'));
  cleanups.push(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
}

// real speech-dispatcher starts and stops: slow on a loaded machine
describe('speech service', { timeout: 90_000 }, () => {
  it('speaks a prompt in Mandarin and in English through speech-dispatcher, and reports when the sound began', async () => {
    const spd = await speechd();
    const { s, logger } = service(spd.socketPath);
    await waitFor(() => s.status().state === 'ready', 20_000);
    expect(logger.lines.map((l) => l.event)).toContain('speech.ready');

    const begun: string[] = [];
    s.onBegin((id) => begun.push(id));
    const zh = await s.say({ text: '请将身份证放在读卡区', lang: 'zh-CN', volume: 80 });
    expect(zh.ok).toBe(true);
    await waitFor(() => spd.spoken().includes('请将身份证放在读卡区'), 20_000);
    await waitFor(() => zh.ok && begun.includes(zh.value.messageId), 20_000);

    const en = await s.say({ text: 'Place your ID card on the reader', lang: 'en', volume: 40 });
    expect(en.ok).toBe(true);
    await waitFor(() => spd.spoken().includes('Place your ID card on the reader'), 20_000);
    await waitFor(() => spd.sounded().some((u) => u.text === 'Place your ID card on the reader' && u.firstSoundAt !== null), 20_000);
    // The voice module got the language and volume asked for (the kiosk's 0–100 as SSIP's -100–100).
    const [first, second] = spd.sounded();
    expect(first).toMatchObject({ text: '请将身份证放在读卡区', language: 'zh', volume: 60 });
    expect(second).toMatchObject({ text: 'Place your ID card on the reader', language: 'en', volume: -20 });
  });

  it('says nothing but a clear technician message when speech-dispatcher is not there, and does not repeat it on every retry', async () => {
    const dir = tempDir();
    const { s, logger } = service(path.join(dir, 'absent.sock'));
    await waitFor(() => logger.lines.some((l) => l.event === 'speech.unavailable'), 3000);
    const st = s.status();
    expect(st).toMatchObject({ state: 'unavailable', reason: 'no-service' });
    const r = await s.say({ text: '请插卡', lang: 'zh-CN', volume: 80 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toEqual({ kind: 'unavailable', reason: 'no-service' });
    // Retries are not logged again and again.
    await new Promise((res) => setTimeout(res, 700));
    expect(logger.lines.filter((l) => l.event === 'speech.unavailable')).toHaveLength(1);
  });

  it('notices the service dying, says so, and comes back when it restarts', async () => {
    const spd = await speechd();
    const { s, logger } = service(spd.socketPath);
    await waitFor(() => s.status().state === 'ready', 20_000);
    await spd.stop();
    await waitFor(() => s.status().state === 'unavailable', 20_000);
    expect((await s.say({ text: '第一步', lang: 'zh-CN', volume: 80 })).ok).toBe(false);
    expect(logger.lines.map((l) => l.event)).toEqual(['speech.ready', 'speech.unavailable']);

    // The same service object finds it again on the same socket, within its retry period.
    const sockDir = tempDir();
    const again = await speechd(path.join(sockDir, 'speechd.sock'));
    const moved = service(again.socketPath).s;
    await waitFor(() => moved.status().state === 'ready', 20_000);
    await again.stop();
    await waitFor(() => moved.status().state === 'unavailable', 20_000);
    const back = await speechd(path.join(sockDir, 'speechd.sock'));
    await waitFor(() => moved.status().state === 'ready', 20_000);
    expect((await moved.say({ text: '第二步', lang: 'zh-CN', volume: 80 })).ok).toBe(true);
    await waitFor(() => back.spoken().includes('第二步'), 20_000);
  });

  it('treats a socket that answers garbage as a failed service, not a crash', async () => {
    const dir = tempDir();
    const sock = path.join(dir, 'garbage.sock');
    const server = net.createServer((c) => {
      c.on('error', () => undefined);
      c.on('data', () => c.write('\u0000\u00ffnot ssip at all\r\n999 what\r\n'));
    });
    await new Promise<void>((r) => server.listen(sock, r));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    const { s, logger } = service(sock, 60_000);
    await waitFor(() => logger.lines.some((l) => l.event === 'speech.unavailable' && l.fields.reason === 'error'), 20_000);
    expect(s.status()).toMatchObject({ state: 'unavailable', reason: 'error' });
    expect((await s.say({ text: '请插卡', lang: 'zh-CN', volume: 80 })).ok).toBe(false);
  });

  it('sends one line per prompt, without control characters, with SSIP dot escaping', () => {
    expect(ssipData('第一行\r\n.\r\n第二行')).toBe('第一行 . 第二行');
    expect(ssipData('.hidden')).toBe('..hidden');
  });

  it('finds the socket the way spd-say does', () => {
    expect(speechSocketPath('/x/y.sock', {})).toBe('/x/y.sock');
    expect(speechSocketPath(null, { SPEECHD_ADDRESS: 'unix_socket:/run/s.sock' })).toBe('/run/s.sock');
    expect(speechSocketPath(null, { XDG_RUNTIME_DIR: '/run/user/1000' })).toBe('/run/user/1000/speech-dispatcher/speechd.sock');
  });
});
