// Ready-made device events for renderer and workflow tests (pure data, no Node APIs): what the
// backend would stream when a card is read, a code scanned or a device changes state.
import { credentialSource, healthOf, type AnyDeviceStatus, type CardIdentity, type DeviceKind, type DeviceStatusView } from '../../common/devices';
import type { KioskEvent } from '../../common/events';
import { SAMPLE_CARDS, type SampleCardName } from '../id-card/sample-cards';

export function cardReadEvent(card: SampleCardName | CardIdentity = 'resident'): Extract<KioskEvent, { type: 'idcard.read' }> {
  const identity = typeof card === 'string' ? SAMPLE_CARDS[card] : card;
  return { type: 'idcard.read', source: credentialSource(identity), identity, photo: null, photoProblem: 'no-decoder' };
}

export function cardErrorEvent(reason: 'read-failed' | 'invalid-data' = 'read-failed'): Extract<KioskEvent, { type: 'idcard.error' }> {
  return { type: 'idcard.error', reason, problem: reason === 'read-failed' ? 'no-read' : 'bad-field' };
}

export function codeScannedEvent(text: string): Extract<KioskEvent, { type: 'code.scanned' }> {
  return { type: 'code.scanned', text, source: 'serial' };
}

export function statusView(device: DeviceKind, status: AnyDeviceStatus, mode = 'fake'): DeviceStatusView {
  return { device, mode, status, health: healthOf(status), since: new Date().toISOString(), consumables: null } as DeviceStatusView;
}
