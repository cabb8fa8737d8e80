// A reference central on a temporary database with two registered terminals, for API tests that
// need signed calls, admin calls and a case to work on (cases are filed page-less).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testIdNumber } from '../../offline-queue/test-support/sample-submission';
import { sampleCatalog } from '../catalog/sample-catalog';
import { CentralStore } from '../store';
import { caseManifest } from './case-manifest';
import { testCentralApp } from './checked-app';
import { signedRequest, type SignedCallOptions } from './signed-client';

export const TERMINAL = { terminalId: 'KSK0001', secret: 'x'.repeat(40) };
export const OTHER_TERMINAL = { terminalId: 'KSK0002', secret: 'y'.repeat(40) };
const ADMIN = 'admin-token-for-tests';

export type CallOptions = Omit<SignedCallOptions, 'terminalId' | 'secret'> & Partial<SignedCallOptions>;

export function centralHarness(o: { now?: () => number } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'central-'));
  const store = new CentralStore(path.join(dir, 'central.db'));
  store.publishCatalog(sampleCatalog);
  store.registerTerminal(TERMINAL.terminalId, TERMINAL.secret);
  store.registerTerminal(OTHER_TERMINAL.terminalId, OTHER_TERMINAL.secret);
  // Read through Date each time, so a test can move the clock with vi.setSystemTime.
  const app = testCentralApp({ store, adminToken: ADMIN, now: o.now ?? (() => Date.now()) });
  let seq = 0;
  /** The applicant's card number of each case filed here: the proof a follow-up call shows. */
  const applicants = new Map<string, string>();

  const call = async (c: CallOptions) => app.fetch(await signedRequest('http://central.test', { ...TERMINAL, ...c }));
  const admin = (p: string, method: string, json?: unknown) =>
    app.fetch(
      new Request(`http://central.test${p}`, {
        method,
        body: json === undefined ? undefined : JSON.stringify(json),
        headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
      }),
    );

  /** Files a case from the first terminal and returns its number. */
  const submit = async (over: Record<string, unknown> = {}): Promise<string> => {
    seq++;
    const m = { ...caseManifest({ receiptNo: `KSK0001-20261122-${String(seq).padStart(4, '0')}`, serviceCode: sampleCatalog.services[0]!.code, idNumber: testIdNumber(seq) }), ...over };
    const r = await call({ method: 'POST', path: '/v1/submissions/batch', json: { items: [m] } });
    const body = (await r.json()) as { results: { caseNo?: string; outcome: string }[] };
    if (!body.results[0]!.caseNo) throw new Error(`not filed: ${JSON.stringify(body)}`);
    applicants.set(body.results[0]!.caseNo, (m as { applicant: { idNumber: string } }).applicant.idNumber);
    return body.results[0]!.caseNo;
  };

  /** The applicant's card as the proof of a case filed here (documents, print reports, post). */
  const proof = (caseNo: string) => ({ by: 'idNumber' as const, idNumber: applicants.get(caseNo)! });

  /** Moves a case on through the admin route; returns the HTTP status and body. */
  const advance = async (caseNo: string, update: Record<string, unknown>) => {
    const r = await admin(`/v1/admin/cases/${caseNo}/status`, 'POST', update);
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };

  const close = () => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { dir, store, app, call, admin, submit, advance, proof, close };
}
export type CentralHarness = ReturnType<typeof centralHarness>;
