// Spoken guidance over the backend API, against a private speech-dispatcher (null audio): the
// words reach the service, bad bodies are refused, and a kiosk without the service says so.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startPrivateSpeechd, type PrivateSpeechd } from '../../devices/test-support/private-speechd';
import { tempKiosk, type TempKiosk } from './test-support/temp-kiosk';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function kiosk(socketPath: string): Promise<TempKiosk> {
  const k = await tempKiosk({ config: { speech: { socketPath, onByDefault: true, volume: 60 } } });
  cleanups.push(() => k.close());
  return k;
}

async function speechd(): Promise<PrivateSpeechd> {
  const s = await startPrivateSpeechd();
  cleanups.push(() => s.stop());
  return s;
}

const post = (k: TempKiosk, p: string, body: unknown) => k.get(p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

// each test boots a backend and a speech-dispatcher: slow on a loaded machine
describe('spoken guidance API', { timeout: 90_000 }, () => {
  it('speaks what the screen sends, in the language chosen, and offers the session defaults', async () => {
    const spd = await speechd();
    const k = await kiosk(spd.socketPath);
    await expect.poll(async () => (await (await k.get('/api/speech')).json()).available, { timeout: 10_000 }).toBe(true);
    const info = await (await k.get('/api/system/info')).json();
    expect(info.config.speech).toEqual({ onByDefault: true, volume: 60 });

    const said = await post(k, '/api/speech/say', { text: '请将身份证放在读卡区', lang: 'zh-CN', volume: 60 });
    expect(said.status).toBe(202);
    await expect.poll(() => spd.spoken(), { timeout: 20_000 }).toContain('请将身份证放在读卡区');
    expect((await post(k, '/api/speech/say', { text: 'Fill in the form', lang: 'en', volume: 100 })).status).toBe(202);
    await expect.poll(() => spd.spoken(), { timeout: 20_000 }).toContain('Fill in the form');
    expect((await k.get('/api/speech/stop', { method: 'POST' })).status).toBe(200);
  });

  it('refuses malformed requests without passing them to the service', async () => {
    const spd = await speechd();
    const k = await kiosk(spd.socketPath);
    await expect.poll(async () => (await (await k.get('/api/speech')).json()).available, { timeout: 10_000 }).toBe(true);
    for (const body of [
      { text: '', lang: 'zh-CN', volume: 60 },
      { text: '   ', lang: 'zh-CN', volume: 60 },
      { text: '好', lang: 'fr', volume: 60 },
      { text: '好', lang: 'zh-CN', volume: 101 },
      { text: 'x'.repeat(2001), lang: 'en', volume: 60 },
    ]) {
      expect((await post(k, '/api/speech/say', body)).status, JSON.stringify(body).slice(0, 60)).toBe(400);
    }
    const garbage = await k.get('/api/speech/say', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '\u0000\u00ff{{' });
    expect(garbage.status).toBe(400);
    expect((await k.get('/api/speech/say', { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(20_000) })).status).toBe(413);
    expect(spd.spoken()).toEqual([]);
  });

  it('without speech-dispatcher: not available, a 503 that names the missing service, a technician log line, and the kiosk keeps serving', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-speech-absent-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const k = await kiosk(path.join(dir, 'speechd.sock'));
    expect(await (await k.get('/api/speech')).json()).toEqual({ available: false });
    const r = await post(k, '/api/speech/say', { text: '请插卡', lang: 'zh-CN', volume: 60 });
    expect(r.status).toBe(503);
    expect(await r.json()).toEqual({ error: 'unavailable', area: 'speech', reason: 'no-service' });
    expect(k.logLines.some((l) => l.includes('speech.unavailable') && l.includes('no-service'))).toBe(true);
    // …and the maintenance panel's terminal facts say it in the technician's words.
    const terminal = await (await k.asTechnician('/api/maintenance/terminal')).json();
    expect(terminal.speech).toMatchObject({ state: 'unavailable', reason: 'no-service', detail: expect.stringMatching(/^no socket at /) });
    expect((await k.get('/api/catalog')).status).toBe(200);
  });
});
