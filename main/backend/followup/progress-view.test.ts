// What the progress screen is told it may do with each document, from central's answer and from
// the kiosk's own copy; and which scanned codes are receipt numbers.
import { describe, expect, it } from 'vitest';
import type { CaseSummary } from '../../../common/central-api';
import { EventBus } from '../event-bus';
import { CitizenInputs, receiptNoFromCode } from './citizen-inputs';
import { HeldCards } from '../citizen/held-card';
import { viewFromCentral, viewFromLocal } from './progress-view';

const doc = (id: string, name: string) => ({ id, name, mime: 'application/pdf' as const, size: 100, sha256: 'a'.repeat(64), selfPrint: true });
const ev = (seq: number, update: CaseSummary['events'][number]['update']) => ({
  seq,
  caseNo: 'AJ20261122000001',
  receiptNo: 'KSK0001-20261122-0001',
  idempotencyKey: 'k',
  at: `2026-11-22T0${seq}:00:00.000Z`,
  update,
});

function summary(over: Partial<CaseSummary> = {}): CaseSummary {
  return {
    caseNo: 'AJ20261122000001',
    receiptNo: 'KSK0001-20261122-0001',
    idempotencyKey: 'k',
    serviceCode: 'S1',
    status: 'concluded',
    events: [
      ev(1, { status: 'received' }),
      ev(2, { status: 'accepted', owed: [], note: null, documents: [doc('notice-0001', '受理通知书.pdf')] }),
      ev(3, { status: 'concluded', decision: 'approved', note: null, documents: [doc('result-0001', '证照.pdf')] }),
    ],
    documents: [
      { ...doc('notice-0001', '受理通知书.pdf'), kind: 'notice', printedAt: null },
      { ...doc('result-0001', '证照.pdf'), kind: 'result', printedAt: null },
    ],
    delivery: null,
    ...over,
  };
}

describe('progress view', () => {
  it('offers the result print and postal delivery until one of them is used', () => {
    const v = viewFromCentral(summary(), '社会保障卡申领', () => null, null);
    expect(v.documents.map((d) => [d.kind, d.status, d.printable])).toEqual([
      ['notice', 'accepted', true],
      ['result', 'concluded', true],
    ]);
    expect(v.canRequestPost).toBe(true);
  });

  it('a result printed here (even before central heard) is not printable again, and post is no longer offered', () => {
    const v = viewFromCentral(summary(), null, (id) => (id === 'result-0001' ? '2026-11-22T08:00:00.000Z' : null), null);
    const r = v.documents.find((d) => d.kind === 'result')!;
    expect(r).toMatchObject({ printable: false, printedAt: '2026-11-22T08:00:00.000Z' });
    expect(v.canRequestPost).toBe(false);
    // notices may always be printed again
    expect(v.documents.find((d) => d.kind === 'notice')!.printable).toBe(true);
  });

  it('after postal delivery was chosen the result is not printed here', () => {
    const v = viewFromCentral(summary({ delivery: { method: 'post', requestedAt: '2026-11-22T08:00:00.000Z', carrier: 'EMS', trackingNo: 'EA1' } }), null, () => null, null);
    expect(v.documents.find((d) => d.kind === 'result')).toMatchObject({ printable: false, why: 'result-posted' });
    expect(v.delivery).toMatchObject({ trackingNo: 'EA1' });
    expect(v.canRequestPost).toBe(false);
  });

  it('from the local copy: kinds come from the events, undownloaded documents say why, post is never offered offline', () => {
    const v = viewFromLocal(
      {
        receiptNo: 'KSK0001-20261122-0001',
        serviceCode: 'S1',
        submittedAt: '2026-11-22T07:00:00.000Z',
        delivery: 'sent',
        caseNo: 'AJ20261122000001',
        status: 'concluded',
        statusAt: null,
        events: summary().events.map((e) => ({ status: e.update.status, at: e.at, notice: e.update })),
        documents: [
          { id: 'notice-0001', name: '受理通知书.pdf', selfPrint: true, available: true },
          { id: 'result-0001', name: '证照.pdf', selfPrint: true, available: false },
        ],
        evaluations: [],
        purged: false,
      },
      null,
      () => null,
    );
    expect(v.documents.map((d) => [d.kind, d.printable])).toEqual([
      ['notice', true],
      ['result', false],
    ]);
    expect(v.documents[1]!.why).toBe('not-downloaded');
    expect(v.canRequestPost).toBe(false);
  });
});

describe('citizen inputs', () => {
  it('reads a receipt number from a bare QR payload or one inside a URL, and nothing else', () => {
    expect(receiptNoFromCode('KSK0001-20261122-0001')).toBe('KSK0001-20261122-0001');
    expect(receiptNoFromCode(' https://example.gov.cn/track?r=ksk0001-20261122-0001 ')).toBe('KSK0001-20261122-0001');
    expect(receiptNoFromCode('6901234567892')).toBeNull();
    expect(receiptNoFromCode('')).toBeNull();
  });

  it('counts only what is presented after the screen asks, and forgets the card when told', async () => {
    const bus = new EventBus();
    const inputs = new CitizenInputs(bus, new HeldCards(bus));
    bus.emit({ type: 'code.scanned', text: 'KSK0001-20261122-0001', source: 'serial' });
    const next = inputs.next(2000);
    bus.emit({ type: 'code.scanned', text: 'not a receipt', source: 'serial' });
    expect(await next).toMatchObject({ kind: 'unknown-code' });
    const card = inputs.next(2000);
    bus.emit({
      type: 'idcard.read',
      source: 'id-card',
      identity: {
        cardType: 'resident',
        name: '王小明',
        gender: 'male',
        nationCode: '01',
        nation: '汉',
        birthDate: '1990-03-07',
        address: '江苏省',
        idNumber: '320102199003070011',
        authority: 'x',
        validFrom: '2020-01-01',
        validTo: null,
      } as never,
      photo: { mime: 'image/png', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' },
      photoProblem: null,
    });
    expect((await card).kind).toBe('card');
    expect(inputs.currentCard()?.photo?.mime).toBe('image/png');
    inputs.clear();
    expect(inputs.currentCard()).toBeNull();
    // a screen between two polls does not lose what came in meanwhile, and never sees older inputs
    const seen = (await inputs.next(10, undefined)).seq;
    bus.emit({ type: 'code.scanned', text: 'KSK0001-20261122-0002', source: 'serial' });
    expect(await inputs.next(2000, undefined, seen)).toMatchObject({ kind: 'receipt', receiptNo: 'KSK0001-20261122-0002' });
    const ctl = new AbortController();
    const aborted = inputs.next(10_000, ctl.signal);
    ctl.abort();
    expect(await aborted).toMatchObject({ kind: 'timeout' });
  });
});
