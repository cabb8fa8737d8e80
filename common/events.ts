import type { CardReadProblem, PhotoProblem, ReceiptHeldReason } from './device-failures';
import type { CardIdentity, CredentialSource, DeviceStatusView } from './devices';
import type { QueueAlertOf } from './queue-alert';
import type { NetidRefusal } from './netid-refusals';

/** Why a 网证 QR did not identify the citizen: central's refusal, or no central to ask (`netid-offline`), or an answer that does not fit the contract. */
export type NetidCheckRefusal = NetidRefusal | 'netid-offline' | 'netid-unverifiable';

// Events the backend streams to the renderer (over SSE at /api/events).
// Each new producer adds its variant here so the renderer's switch stays exhaustive.
export type KioskEvent =
  | QueueEvent
  | { type: 'hello'; bootId: string }
  | { type: 'catalog.updated'; version: string }
  | { type: 'catalog.sync'; state: 'ok' | 'offline' | 'rejected'; message?: string }
  // Devices (devices/ via ctx.devices). idcard.read carries personal data for the backend's own
  // consumers (journey, follow-up, helper sign-in); it leaves the backend only as a WireEvent.
  | { type: 'device.status'; view: DeviceStatusView }
  | { type: 'idcard.read'; source: CredentialSource; identity: CardIdentity; photo: { mime: string; dataUrl: string } | null; photoProblem: PhotoProblem | null }
  | { type: 'idcard.error'; reason: 'read-failed' | 'invalid-data'; problem: CardReadProblem }
  | { type: 'receipt.held'; jobId: string; reason: ReceiptHeldReason }
  | { type: 'code.scanned'; text: string; source: 'hid' | 'serial' | 'wedge' }
  // 网证 (main/backend/citizen/netid-identify.ts): a credential QR is being verified at central, or
  // was refused (why, as a code). A verified one arrives as idcard.read with cardType 'netid'.
  | { type: 'netid.verifying' }
  | { type: 'netid.refused'; reason: NetidCheckRefusal }
  // Follow-up (main/backend/followup): what the citizen presented, for the progress screens. A
  // card is only "a card" here: the identity stays in the backend.
  | { type: 'followup.input'; input: { kind: 'card' } | { kind: 'receipt'; receiptNo: string } | { kind: 'unknown-code' } }
  // 帮办代办: the helper session ended on the backend (idle, replaced by another sign-in, or central's proof expired).
  | { type: 'helper.signed-out'; reason: 'sign-out' | 'idle' | 'replaced' | 'expired' };

// Offline queue and sync (offline-queue/ via ctx.queue). Receipt numbers are not personal data.
export type QueueSyncState = 'idle' | 'syncing' | 'offline' | 'backoff' | 'auth-failed' | 'stopped';
export type QueueProgressEvent = {
  type: 'queue.progress';
  state: QueueSyncState;
  pending: number;
  sent: number;
  dead: number;
  lastSyncAt: string | null;
  nextAttemptAt: string | null;
  /** the submission whose pages are uploading now */
  upload: { receiptNo: string; sentBytes: number; totalBytes: number } | null;
};
export type QueueEvent =
  | QueueProgressEvent
  | { type: 'queue.dead-letter'; receiptNo: string; code: string; reason: string }
  | ({ type: 'queue.alert' } & QueueAlertOf)
  | { type: 'case.status'; receiptNo: string; caseNo: string; status: string; at: string };

/**
 * What /api/events sends to the renderer. A card read there is only "a card of this type was
 * read": name, number, address and photo stay in the backend, which shows the citizen a masked
 * view on request (GET /api/journey/identity). A scanned code's text (any QR held to the scanner,
 * not only receipts) stays in the backend too: the follow-up screens get `followup.input`. So
 * nothing personal sits in the event stream.
 */
export type WireEvent = Exclude<KioskEvent, { type: 'idcard.read' } | { type: 'code.scanned' }> | { type: 'idcard.read'; cardType: CardIdentity['cardType'] };

export function toWireEvent(e: KioskEvent): WireEvent | null {
  if (e.type === 'code.scanned') return null;
  return e.type === 'idcard.read' ? { type: 'idcard.read', cardType: e.identity.cardType } : e;
}
