// Server-sent events from the backend (/api/events). The payload is checked before use:
// the stream is a boundary, and a newer backend may send variants this build does not know.
import { CARD_READ_PROBLEMS, type CardReadProblem } from '../../../common/device-failures';
import type { WireEvent } from '../../../common/events';
import { NETID_REFUSALS } from '../../../common/netid-refusals';

export const KNOWN_EVENT_TYPES = [
  'hello',
  'catalog.updated',
  'catalog.sync',
  'queue.progress',
  'queue.dead-letter',
  'case.status',
  'helper.signed-out',
  'idcard.read',
  'idcard.error',
  'device.status',
  'followup.input',
  'netid.verifying',
  'netid.refused',
] as const satisfies readonly WireEvent['type'][];

export function parseKioskEvent(data: string): WireEvent | null {
  let v: unknown;
  try {
    v = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  switch (o.type) {
    case 'hello':
      return typeof o.bootId === 'string' ? { type: 'hello', bootId: o.bootId } : null;
    case 'catalog.updated':
      return typeof o.version === 'string' ? { type: 'catalog.updated', version: o.version } : null;
    case 'catalog.sync':
      return o.state === 'ok' || o.state === 'offline' || o.state === 'rejected' ? { type: 'catalog.sync', state: o.state, message: typeof o.message === 'string' ? o.message : undefined } : null;
    case 'queue.progress':
      return parseQueueProgress(o);
    case 'queue.dead-letter':
      return typeof o.receiptNo === 'string' && typeof o.code === 'string' && typeof o.reason === 'string'
        ? { type: 'queue.dead-letter', receiptNo: o.receiptNo, code: o.code, reason: o.reason }
        : null;
    case 'followup.input': {
      const i = (o.input ?? {}) as Record<string, unknown>;
      if (i.kind === 'card' || i.kind === 'unknown-code') return { type: 'followup.input', input: { kind: i.kind } };
      return i.kind === 'receipt' && typeof i.receiptNo === 'string' ? { type: 'followup.input', input: { kind: 'receipt', receiptNo: i.receiptNo } } : null;
    }
    case 'case.status':
      // A case moved on at central (the progress screen refreshes when it shows that receipt).
      return typeof o.receiptNo === 'string' && typeof o.caseNo === 'string' && typeof o.status === 'string' && typeof o.at === 'string'
        ? { type: 'case.status', receiptNo: o.receiptNo, caseNo: o.caseNo, status: o.status, at: o.at }
        : null;
    case 'idcard.read':
      return parseCardRead(o);
    case 'idcard.error':
      return (o.reason === 'read-failed' || o.reason === 'invalid-data') && isCardReadProblem(o.problem) ? { type: 'idcard.error', reason: o.reason, problem: o.problem } : null;
    case 'device.status':
      return parseDeviceStatus(o);
    case 'netid.verifying':
      return { type: 'netid.verifying' };
    case 'netid.refused': {
      const reason = NETID_CHECK_REFUSALS.find((r) => r === o.reason);
      return reason ? { type: 'netid.refused', reason } : null;
    }
    case 'helper.signed-out':
      // 帮办代办: the backend ended the helper session (idle, or another helper signed in).
      return o.reason === 'sign-out' || o.reason === 'idle' || o.reason === 'replaced' || o.reason === 'expired' ? { type: 'helper.signed-out', reason: o.reason } : null;
    default:
      return null;
  }
}

const SYNC_STATES = ['idle', 'syncing', 'offline', 'backoff', 'auth-failed', 'stopped'] as const;
const count = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isoOrNull = (v: unknown): v is string | null => v === null || (typeof v === 'string' && !Number.isNaN(Date.parse(v)));

/** Sync progress for the technician screen (and the sync indicator): counts and the upload in flight. */
function parseQueueProgress(o: Record<string, unknown>): WireEvent | null {
  const state = SYNC_STATES.find((s) => s === o.state);
  if (!state || !count(o.pending) || !count(o.sent) || !count(o.dead) || !isoOrNull(o.lastSyncAt) || !isoOrNull(o.nextAttemptAt)) return null;
  let upload: { receiptNo: string; sentBytes: number; totalBytes: number } | null = null;
  if (o.upload !== null && o.upload !== undefined) {
    const u = o.upload as Record<string, unknown>;
    if (typeof u !== 'object' || typeof u.receiptNo !== 'string' || !count(u.sentBytes) || !count(u.totalBytes)) return null;
    upload = { receiptNo: u.receiptNo, sentBytes: u.sentBytes, totalBytes: u.totalBytes };
  }
  return { type: 'queue.progress', state, pending: o.pending, sent: o.sent, dead: o.dead, lastSyncAt: o.lastSyncAt, nextAttemptAt: o.nextAttemptAt, upload };
}

const CARD_TYPES = ['resident', 'hmt-residence-permit', 'foreign-permanent-2017', 'foreign-permanent-2023', 'netid', 'social-security'] as const;
const NETID_CHECK_REFUSALS = [...NETID_REFUSALS, 'netid-offline', 'netid-unverifiable'] as const;

/** A card was read: only its type comes over the stream, the journey then asks the backend for the masked view. */
function parseCardRead(o: Record<string, unknown>): WireEvent | null {
  const cardType = CARD_TYPES.find((t) => t === o.cardType);
  return cardType ? { type: 'idcard.read', cardType } : null;
}

const DEVICE_KINDS = ['id-card-reader', 'receipt-printer', 'a4-printer', 'scanner', 'code-scanner', 'social-card-reader'] as const;
const HEALTH = ['ok', 'degraded', 'offline'] as const;

function parseDeviceStatus(o: Record<string, unknown>): WireEvent | null {
  const v = o.view as Record<string, unknown> | null;
  if (typeof v !== 'object' || v === null) return null;
  if (!DEVICE_KINDS.some((k) => k === v.device) || !HEALTH.some((h) => h === v.health)) return null;
  const st = v.status as Record<string, unknown> | null;
  if (typeof st !== 'object' || st === null || typeof st.state !== 'string') return null;
  return { type: 'device.status', view: v as unknown as Extract<WireEvent, { type: 'device.status' }>['view'] };
}

const isCardReadProblem = (v: unknown): v is CardReadProblem => (CARD_READ_PROBLEMS as readonly unknown[]).includes(v);
