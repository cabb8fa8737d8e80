// Device self-tests from the diagnostics screen. Results say whether the device works, never
// what it read: a test card read reports "card read", not the holder's name or number.
import { SOCIAL_CARD_PROBLEMS, type A4Failure, type CardReadProblem, type PhotoProblem } from '../../../common/device-failures';
import type { DeviceKind, IdCardReaderStatus } from '../../../common/devices';
import type { ScanError } from '../../../devices/scanner/service';
import { selfTestPage, selfTestSlip } from '../../../documents/self-test/self-test-prints';
import type { BackendContext } from '../context';
import { receiptWidth } from '../journey/receipt-width';

/**
 * What a self-test found, as a code with its parameters: the maintenance screen words it
 * (renderer/src/i18n/device-words.ts). `detail` is for the audit trail.
 */
export type SelfTestOutcome =
  | { ok: true; code: 'receipt-printed' }
  | { ok: false; code: 'receipt-failed'; why: string }
  | { ok: true; code: 'a4-printed' }
  | { ok: false; code: 'a4-failed'; failure: A4Failure }
  | { ok: true; code: 'scan-ok'; pages: number }
  | { ok: false; code: 'scan-failed'; fault: ScanError['kind'] }
  | { ok: false; code: 'reader-offline'; status: IdCardReaderStatus }
  | { ok: false; code: 'card-timeout'; seconds: number }
  /** `photo`: why the card gave no photo for 人证核验 (null: it did, or the card carries none) */
  | { ok: true; code: 'card-read'; photo: PhotoProblem | null }
  | { ok: false; code: 'card-error'; problem: CardReadProblem }
  | { ok: false; code: 'code-timeout'; seconds: number }
  | { ok: true; code: 'code-scanned'; length: number }
  | { ok: false; code: 'no-self-test' };

export type SelfTestResult = SelfTestOutcome & { detail: Record<string, string | number | boolean> };

const WAIT_MS = 20_000;

/** Waits for the next bus event that `match` recognises, or times out. */
function nextEvent<T>(ctx: BackendContext, match: (e: Parameters<Parameters<BackendContext['bus']['subscribe']>[0]>[0]) => T | null, ms: number): Promise<T | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      off();
      resolve(null);
    }, ms);
    const off = ctx.bus.subscribe((e) => {
      const m = match(e);
      if (m === null) return;
      clearTimeout(timer);
      off();
      resolve(m);
    });
  });
}

export async function runSelfTest(ctx: BackendContext, kind: DeviceKind, waitMs = WAIT_MS): Promise<SelfTestResult> {
  const d = ctx.devices;
  switch (kind) {
    case 'receipt-printer': {
      const r = await d.receipt.print(selfTestSlip(ctx.config.terminalId, new Date(), receiptWidth(ctx.config)));
      if (r.ok) return { ok: true, code: 'receipt-printed', detail: { jobId: r.value.jobId, bytes: r.value.bytes } };
      // A test slip is not a citizen's receipt: it must not come out later when paper is back.
      if (r.error.kind === 'held') d.receipt.discard(r.error.jobId);
      const why = r.error.kind === 'held' ? r.error.reason : r.error.kind;
      return { ok: false, code: 'receipt-failed', why, detail: { error: why } };
    }
    case 'a4-printer': {
      const r = await d.a4.printDoc(selfTestPage(ctx.config.terminalId));
      if (r.ok) return { ok: true, code: 'a4-printed', detail: { jobId: String(r.value.jobId) } };
      return { ok: false, code: 'a4-failed', failure: r.error.code, detail: { error: r.error.kind, cups: r.error.detail } };
    }
    case 'scanner': {
      const r = await d.scanner.scan({ source: 'flatbed', mode: 'gray', resolution: 75, format: 'jpeg', maxPages: 1 });
      // The test page is not a citizen's material: it leaves the inbox at once.
      const pages = r.ok ? r.value : r.error.accepted;
      for (const p of pages) d.pages.take(p.id);
      if (r.ok) return { ok: true, code: 'scan-ok', pages: pages.length, detail: { pages: pages.length } };
      return { ok: false, code: 'scan-failed', fault: r.error.kind, detail: { error: r.error.kind } };
    }
    case 'id-card-reader':
    case 'social-card-reader': {
      const view = d.list().find((v) => v.device === kind);
      if ((view?.device === 'id-card-reader' || view?.device === 'social-card-reader') && view.health === 'offline')
        return { ok: false, code: 'reader-offline', status: view.status, detail: { state: view.status.state } };
      // each reader's own reads: a 社保卡 does not pass the ID reader's test, nor the reverse
      const social = kind === 'social-card-reader';
      const mine = (p: CardReadProblem) => SOCIAL_CARD_PROBLEMS.some((s) => s === p) === social;
      const got = nextEvent(
        ctx,
        (e) =>
          e.type === 'idcard.read' && (e.source === 'social-card') === social
            ? { ok: true as const, photo: e.photoProblem }
            : e.type === 'idcard.error' && mine(e.problem)
              ? { ok: false as const, reason: e.reason, problem: e.problem }
              : null,
        waitMs,
      );
      const r = await got;
      if (!r) return { ok: false, code: 'card-timeout', seconds: Math.round(waitMs / 1000), detail: { timeout: true } };
      if (r.ok) {
        // a 社保卡 has no photo by nature: not a fault of the reader
        const photo = r.photo === 'social-card-has-no-photo' ? null : r.photo;
        return { ok: true, code: 'card-read', photo, detail: photo ? { photo } : {} };
      }
      return { ok: false, code: 'card-error', problem: r.problem, detail: { error: r.reason, problem: r.problem } };
    }
    case 'code-scanner': {
      const r = await nextEvent(ctx, (e) => (e.type === 'code.scanned' ? { length: e.text.length } : null), waitMs);
      if (!r) return { ok: false, code: 'code-timeout', seconds: Math.round(waitMs / 1000), detail: { timeout: true } };
      return { ok: true, code: 'code-scanned', length: r.length, detail: { length: r.length } };
    }
    default:
      return { ok: false, code: 'no-self-test', detail: {} };
  }
}
