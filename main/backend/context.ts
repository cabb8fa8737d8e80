import type { KioskConfig } from './config/schema';
import type { CatalogService } from './catalog/catalog-service';
import type { EventBus } from './event-bus';
import type { Logger } from './log/logger';
import type { Store } from '../../offline-queue/store/store';
import type { SubmissionQueue } from '../../offline-queue/queue';
import type { DeviceLayer } from '../../devices/device-layer';
import type { MaintenanceServices } from './maintenance/services';
import type { HelperServices } from './helpers/services';
import type { CitizenSession } from './citizen/citizen-session';
import type { FollowupService } from './followup/followup-service';
import type { FleetServices } from './updates/fleet-services';
import type { HelpDeskLink } from './help/help-desk-link';
import type { SpeechService } from '../../devices/speech/speech-service';

/** Everything a route handler may use. Built once per boot by boot.ts. */
export interface BackendContext {
  readonly bootId: string;
  readonly startedAt: Date;
  readonly version: string;
  readonly config: KioskConfig;
  readonly logger: Logger;
  readonly bus: EventBus;
  readonly store: Store;
  readonly catalog: CatalogService;
  readonly centralUrl: string;
  /** The submission outbox and its sync engine (offline-queue/queue.ts). */
  readonly queue: SubmissionQueue;
  /** Devices (devices/manager.ts, or devices/fakes in tests): status, receipt / A4 printing, scanning; card reads arrive as bus events. */
  readonly devices: DeviceLayer;
  /** Technician maintenance mode, audit, usage statistics and the heartbeat (main/backend/maintenance/). */
  readonly maintenance: MaintenanceServices;
  /** 帮办代办: helper sign-in verified by central, offline tickets, sessions (main/backend/helpers/). */
  readonly helpers: HelperServices;
  /** The person at the screen: held card, face verdict, journey, scanned pages, follow-up inputs; `end(reason)` wipes them (main/backend/citizen/). */
  readonly citizen: CitizenSession;
  /** Progress lookups, A4 prints and postal delivery for the follow-up screens (main/backend/followup/). */
  readonly followup: FollowupService;
  /** Signed staged updates and remote configuration from central (main/backend/updates/, config/remote-config.ts). */
  readonly fleet: FleetServices;
  /** 远程帮办 video calls and 呼叫帮助 with the hall's help desk at central (main/backend/help/). */
  readonly help: HelpDeskLink;
  /** Spoken guidance through speech-dispatcher (devices/speech/); `unavailable` when the service is not there. */
  readonly speech: SpeechService;
}
