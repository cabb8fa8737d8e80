// Heartbeats as simulated terminals send them (tests, the fleet e2e and the bench): healthy by
// default, with the usual faults one option away.
import type { HeartbeatConfig, HeartbeatUpdate } from '../../common/fleet-updates';
import type { Heartbeat } from '../../common/heartbeat';
import { lastChinaDays } from '../../common/usage-summary';

export interface SampleOptions {
  at?: number;
  intervalSec?: number;
  paper?: 'ok' | 'near-end' | 'out';
  scannerOffline?: boolean;
  pending?: number;
  dead?: number;
  /** ms before `at` of the last successful sync */
  lastSyncAgoMs?: number;
  /** submissions today per channel */
  kiosk?: number;
  helper?: number;
  serviceCode?: string;
  update?: HeartbeatUpdate | null;
  config?: HeartbeatConfig | null;
}

export function sampleHeartbeat(o: SampleOptions = {}): Heartbeat {
  const at = o.at ?? Date.now();
  const [yesterday, today] = lastChinaDays(2, at) as [string, string];
  const paper = o.paper ?? 'ok';
  const service = o.serviceCode ?? '321300-GG-00201-001';
  return {
    sentAt: new Date(at).toISOString(),
    intervalSec: o.intervalSec ?? 60,
    version: '0.1.0',
    bootId: '00000000-0000-4000-8000-000000000000',
    catalogVersion: '2026.11.1',
    devices: [
      { device: 'id-card-reader', health: 'ok', state: 'ready', status: { state: 'ready' }, paper: null, heldJobs: null },
      {
        device: 'receipt-printer',
        health: paper === 'out' ? 'offline' : paper === 'near-end' ? 'degraded' : 'ok',
        state: paper === 'out' ? 'paper-out' : 'ready',
        status: paper === 'out' ? { state: 'paper-out' } : { state: 'ready', paperNearEnd: paper === 'near-end' },
        paper,
        heldJobs: 0,
      },
      { device: 'a4-printer', health: 'ok', state: 'ready', status: { state: 'ready' }, paper: null, heldJobs: null },
      o.scannerOffline
        ? { device: 'scanner', health: 'offline', state: 'offline', status: { state: 'offline', reason: 'unplugged', detail: '' }, paper: null, heldJobs: null }
        : { device: 'scanner', health: 'ok', state: 'ready', status: { state: 'ready' }, paper: null, heldJobs: null },
      { device: 'code-scanner', health: 'ok', state: 'ready', status: { state: 'ready' }, paper: null, heldJobs: null },
    ],
    queue: { state: 'idle', pending: o.pending ?? 0, sent: 40, dead: o.dead ?? 0, lastSyncAt: new Date(at - (o.lastSyncAgoMs ?? 5000)).toISOString() },
    disk: { freeBytes: 50e9, totalBytes: 120e9 },
    update: o.update ?? null,
    config: o.config ?? null,
    usage: {
      days: [yesterday, today],
      submissions: [
        { day: yesterday, serviceCode: service, channel: 'kiosk', count: 6, noVisit: 5 },
        { day: today, serviceCode: service, channel: 'kiosk', count: o.kiosk ?? 3, noVisit: o.kiosk ?? 3 },
        { day: today, serviceCode: service, channel: 'helper', count: o.helper ?? 1, noVisit: 0 },
      ],
      steps: [
        { day: today, journey: 'apply', step: 'identity', reached: 8, abandoned: 1 },
        { day: today, journey: 'apply', step: 'materials', reached: 7, abandoned: 2 },
        { day: today, journey: 'apply', step: 'submitted', reached: 4, abandoned: 0 },
      ],
      ratings: [
        { day: today, rating: 5, count: 2 },
        { day: today, rating: 3, count: 1 },
      ],
    },
  };
}
