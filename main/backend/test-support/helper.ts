// 帮办代办 in API tests: enrol a helper at the embedded central and sign in with the helper's card
// (a card-read event on the bus) plus PIN, verified by central.
import { cardReadEvent } from '../../../devices/fakes/fake-events';
import { SAMPLE_CARDS, type SampleCardName } from '../../../devices/id-card/sample-cards';
import type { Backend } from '../boot';

export const HELPER_PIN = '135790';

export const TEST_HELPERS = {
  a: { staffId: 'HB-001', card: 'township-helper' as SampleCardName, name: SAMPLE_CARDS['township-helper'].name, township: '耿车镇' },
  b: { staffId: 'HB-002', card: 'township-helper-2' as SampleCardName, name: SAMPLE_CARDS['township-helper-2'].name, township: '耿车镇' },
} as const;

export async function enrolHelper(backend: Backend, h: { staffId: string; card: SampleCardName; name: string; township: string }, pin = HELPER_PIN, active = true): Promise<void> {
  const c = backend.central!;
  const card = SAMPLE_CARDS[h.card] as { idNumber: string };
  const res = await fetch(`${c.url}/v1/admin/staff/${h.staffId}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${c.adminToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: h.name, township: h.township, idNumber: card.idNumber, pin, active }),
  });
  if (res.status !== 200) throw new Error(`enrol failed: ${res.status} ${await res.text()}`);
}

/** Places the helper's card, enters the PIN; returns the Cookie header value of the helper session. */
export async function signInHelper(backend: Backend, card: SampleCardName, pin = HELPER_PIN): Promise<string> {
  const get = (p: string, init?: RequestInit) => backend.fetch(new Request(`http://kiosk.test${p}`, init));
  const waiting = get('/api/helper/card', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ waitSec: 5 }) });
  await new Promise((r) => setTimeout(r, 20));
  backend.ctx.bus.emit(cardReadEvent(card));
  const cardRes = await waiting;
  if (cardRes.status !== 200) throw new Error(`helper card refused: ${cardRes.status} ${await cardRes.text()}`);
  const res = await get('/api/helper/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ pin }) });
  if (res.status !== 200) throw new Error(`helper sign-in failed: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}
