// The technician CLI with a 社保卡 reader: `list` shows the PC/SC readers pcscd knows and
// `read-card --transport pcsc` reads a card, masked, through a private pcscd with the vpcd
// reader and the virtual card (the CLI child finds it through PCSCLITE_CSOCK_NAME).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_SOCIAL_CARDS } from '../../../devices/social-card/sample-social-cards';
import { PcscSim } from '../../../devices/social-card/sim/pcsc-sim';

const root = path.resolve(import.meta.dirname, '../../..');
function cli(args: string[]): Promise<{ code: number | null; json: Record<string, unknown> }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['main/backend/tools/devices-cli.ts', ...args], { cwd: root, env: process.env });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, json: JSON.parse(out || '{}') }));
  });
}

let sim: PcscSim;
beforeAll(async () => {
  const s = await PcscSim.start();
  if (!s.ok) throw new Error(s.error);
  sim = s.value;
});
afterAll(async () => {
  await sim?.close();
});

describe('devices CLI with a PC/SC reader', () => {
  it('list shows the PC/SC readers', async () => {
    const { json } = await cli(['list']);
    expect(json.pcscReaders).toContain(PcscSim.READER);
  }, 60_000);

  it('read-card --transport pcsc reads a 社保卡 with personal data masked, and says which card is not one', async () => {
    await sim.insert({ identity: SAMPLE_SOCIAL_CARDS.resident });
    const { code, json } = await cli(['read-card', '--transport', 'pcsc', '--reader', 'Virtual PCD', '--timeout', '10']);
    expect(code).toBe(0);
    const id = SAMPLE_SOCIAL_CARDS.resident.idNumber;
    expect(json).toMatchObject({ ok: true, reader: PcscSim.READER, card: { cardType: 'social-security', name: '王**', number: `${id.slice(0, 4)}**********${id.slice(-4)}`, birthYear: '1990' } });
    expect(JSON.stringify(json)).not.toContain(id);
    await sim.insert({ kind: 'wrong-card' });
    const wrong = await cli(['read-card', '--transport', 'pcsc', '--timeout', '10']);
    expect(wrong.code).toBe(1);
    expect(wrong.json).toMatchObject({ ok: false, error: { reason: 'not-social-card' } });
  }, 60_000);
});
