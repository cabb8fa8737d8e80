// 远程帮办 and 呼叫帮助 through the real backend and the embedded central: the screen places a
// call and sees its place in the queue, a staff member answers in central's console and the two
// exchange signalling through the kiosk's API; the citizen's session ending hangs the call up; a
// number left for a callback is masked in the kiosk's log; 呼叫帮助 reaches the console; and with
// central unreachable the screen is told so, with the hotline, and nothing is lost.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CARDS } from '../../../devices/id-card/sample-cards';
import { enrolHelper, HELPER_PIN, TEST_HELPERS } from '../test-support/helper';
import { tempKiosk, type TempKiosk } from '../test-support/temp-kiosk';

const SCREEN = { screen: 'apply', step: 'materials', serviceName: '社会保障卡申领' };
const PHONE = '13912345678';
let k: TempKiosk;
let staffCookie: string;

const post = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const api = async (p: string, init?: RequestInit) => {
  const res = await k.get(p, init);
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};
const atConsole = async (p: string, init: RequestInit = {}) => {
  const res = await fetch(`${k.central!.url}/console${p}`, { ...init, headers: { ...init.headers, Cookie: staffCookie } });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

beforeAll(async () => {
  k = await tempKiosk({ overrides: { help: { videoCall: true, hotline: '0527-12345' } } });
  await enrolHelper(k, TEST_HELPERS.a);
  const res = await fetch(`${k.central!.url}/console/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ idNumber: (SAMPLE_CARDS['township-helper'] as { idNumber: string }).idNumber, pin: HELPER_PIN }).toString(),
  });
  expect(res.status).toBe(303);
  staffCookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
});

afterAll(async () => {
  await k.close();
  fs.rmSync(k.dataDir, { recursive: true, force: true });
});

describe('a video call from the screen', () => {
  it('queues, is answered at the console, relays signalling both ways and ends when the citizen hangs up', async () => {
    expect((await api('/api/help/calls/current')).status).toBe(404);
    const placed = await api('/api/help/calls', post({ screen: SCREEN }));
    expect(placed.status).toBe(200);
    expect(placed.body).toMatchObject({ state: 'waiting', position: 1, hotline: '0527-12345' });
    expect(placed.body.estimatedWaitSec).toBeGreaterThan(0);
    expect(placed.body.ice.iceTransportPolicy).toBe('all');
    // a second tap while the call runs is refused, not a second call in the queue
    expect((await api('/api/help/calls', post({ screen: SCREEN }))).status).toBe(409);

    const queue = (await atConsole('/api/state')).body.queue as { callId: string; terminalId: string; screen: unknown }[];
    expect(queue).toHaveLength(1);
    expect(queue[0]!.screen).toEqual(SCREEN);
    expect(queue[0]!.terminalId).toBe(k.ctx.config.terminalId);
    const callId = queue[0]!.callId;
    expect((await atConsole(`/api/calls/${callId}/answer`, post({}))).status).toBe(200);
    expect((await api('/api/help/calls/current')).body).toMatchObject({ state: 'answered', staffName: TEST_HELPERS.a.name });

    await atConsole(`/api/calls/${callId}/signals`, post({ kind: 'offer', data: 'v=0 offer' }));
    const got = await api('/api/help/calls/current/signals?after=0');
    expect(got.body.signals).toMatchObject([{ kind: 'offer', data: 'v=0 offer' }]);
    expect((await api('/api/help/calls/current/signals', post({ kind: 'answer', data: 'v=0 answer' }))).status).toBe(200);
    expect((await atConsole(`/api/calls/${callId}/signals?after=0`)).body.signals).toMatchObject([{ kind: 'answer', data: 'v=0 answer' }]);

    expect((await api('/api/help/calls/current/hangup', post({}))).status).toBe(200);
    expect((await atConsole(`/api/calls/${callId}/signals?after=0`)).body.state).toBe('ended');
    expect((await api('/api/help/calls/current')).status).toBe(404);
    expect(k.logLines.some((l) => l.includes('"help.call.ended"') && l.includes('"why":"citizen"'))).toBe(true);
  });

  it('ends the call when the citizen session ends (idle, leave)', async () => {
    await api('/api/help/calls', post({ screen: SCREEN }));
    const callId = ((await atConsole('/api/state')).body.queue as { callId: string }[])[0]!.callId;
    k.ctx.citizen.end('idle');
    await new Promise((r) => setTimeout(r, 300));
    expect((await atConsole('/api/state')).body.queue).toEqual([]);
    const log = ((await atConsole('/api/state')).body.log as { callId: string; endReason: string }[]).find((l) => l.callId === callId);
    expect(log?.endReason).toBe('citizen-hung-up');
  });

  it('takes a callback number when nobody answers, shows it at the console and masks it in the kiosk log', async () => {
    await api('/api/help/calls', post({ screen: SCREEN }));
    expect((await api('/api/help/calls/current/callback', post({ phone: '110' }))).status).toBe(400);
    const left = await api('/api/help/calls/current/callback', post({ phone: PHONE }));
    expect(left.status).toBe(200);
    expect((await atConsole('/api/state')).body.callbacks).toMatchObject([{ phone: PHONE }]);
    const line = k.logLines.find((l) => l.includes('"help.callback.left"'))!;
    expect(line).toContain('139****5678');
    expect(k.logLines.join('\n')).not.toContain(PHONE);
  });
});

describe('呼叫帮助', () => {
  it('tells the console where the citizen is and for how long, and the screen how many staff are on duty', async () => {
    const r = await api('/api/help/requests', post({ screen: SCREEN, waitingSec: 95 }));
    expect(r.body).toMatchObject({ notified: true, staffOnDuty: 1, hotline: '0527-12345' });
    expect((await atConsole('/api/state')).body.notices).toMatchObject([{ terminalId: k.ctx.config.terminalId, screen: 'apply · materials · 社会保障卡申领' }]);
  });
});

describe('central unreachable', () => {
  it('says so with the hotline instead of a queue, and 呼叫帮助 falls back to the hotline', async () => {
    k.central!.faults.update({ downForSec: 600 });
    try {
      const placed = await api('/api/help/calls', post({ screen: SCREEN }));
      expect(placed.status).toBe(503);
      // worded by the renderer (暂时连不上服务大厅…拨打咨询电话), with the hotline beside it
      expect(placed.body).toMatchObject({ error: 'offline', area: 'help', hotline: '0527-12345' });
      const asked = await api('/api/help/requests', post({ screen: SCREEN, waitingSec: 10 }));
      expect(asked.body).toMatchObject({ notified: false, hotline: '0527-12345' });
    } finally {
      k.central!.faults.update({ downForSec: 0 });
    }
  });
});
