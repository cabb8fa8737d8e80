// Device self-tests from the diagnostics screen. Results say whether the device works, never
// what it read: a test card read reports "card read", not the holder's name or number.
import type { DeviceKind } from '../../../common/devices';
import { selfTestPage, selfTestSlip } from '../../../documents/self-test/self-test-prints';
import type { BackendContext } from '../context';
import { receiptWidth } from '../journey/receipt-width';

export interface SelfTestResult {
  ok: boolean;
  /** Chinese first, English second */
  message: string;
  detail: Record<string, string | number | boolean>;
}

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
      if (r.ok) return { ok: true, message: '测试凭条已打印 / test receipt printed', detail: { jobId: r.value.jobId, bytes: r.value.bytes } };
      // A test slip is not a citizen's receipt: it must not come out later when paper is back.
      if (r.error.kind === 'held') d.receipt.discard(r.error.jobId);
      const why = r.error.kind === 'held' ? r.error.reason : r.error.kind;
      return { ok: false, message: `测试打印失败（${why}），测试凭条未保留 / test print failed (${why}); the test slip is not kept`, detail: { error: why } };
    }
    case 'a4-printer': {
      const r = await d.a4.printDoc(selfTestPage(ctx.config.terminalId));
      if (r.ok) return { ok: true, message: 'A4 测试页已打印 / A4 test page printed', detail: { jobId: String(r.value.jobId) } };
      return { ok: false, message: r.error.message, detail: { error: r.error.kind } };
    }
    case 'scanner': {
      const r = await d.scanner.scan({ source: 'flatbed', mode: 'gray', resolution: 75, format: 'jpeg', maxPages: 1 });
      // The test page is not a citizen's material: it leaves the inbox at once.
      const pages = r.ok ? r.value : r.error.accepted;
      for (const p of pages) d.pages.take(p.id);
      if (r.ok) return { ok: true, message: `扫描正常，${pages.length} 页 / scan OK, ${pages.length} page(s)`, detail: { pages: pages.length } };
      return { ok: false, message: r.error.message, detail: { error: r.error.kind } };
    }
    case 'id-card-reader': {
      const view = d.list().find((v) => v.device === kind);
      if (view?.health === 'offline') return { ok: false, message: view.status.state, detail: { state: view.status.state } };
      const got = nextEvent(ctx, (e) => (e.type === 'idcard.read' ? { ok: true as const } : e.type === 'idcard.error' ? { ok: false as const, reason: e.reason, message: e.message } : null), waitMs);
      const r = await got;
      if (!r) return { ok: false, message: `${Math.round(waitMs / 1000)} 秒内未读到卡，请放置测试卡后重试 / no card read in time: place a test card and try again`, detail: { timeout: true } };
      if (r.ok) return { ok: true, message: '读卡正常（内容不显示）/ card read OK (contents not shown)', detail: {} };
      return { ok: false, message: r.message, detail: { error: r.reason } };
    }
    case 'code-scanner': {
      const r = await nextEvent(ctx, (e) => (e.type === 'code.scanned' ? { length: e.text.length } : null), waitMs);
      if (!r) return { ok: false, message: `${Math.round(waitMs / 1000)} 秒内未扫到码 / no code scanned in time`, detail: { timeout: true } };
      return { ok: true, message: `扫码正常（${r.length} 个字符）/ code scanned (${r.length} characters)`, detail: { length: r.length } };
    }
    default:
      return { ok: false, message: '此设备没有自检 / no self-test for this device', detail: {} };
  }
}
