// The device layer's contract with the backend: what ctx.devices offers. DeviceManager is the
// real one; devices/fakes/ has an in-memory one for fast UI and workflow tests.
import type { DeviceKind, DeviceLimitation, DeviceStatusView } from '../common/devices';
import type { A4Service } from './a4/service';
import type { PageInbox } from './materials/page-inbox';
import type { ReceiptService } from './receipt/service';
import type { ScannerService } from './scanner/service';
import type { DeviceSimulators } from './sim/simulators';

export type ReceiptApi = Pick<ReceiptService, 'print' | 'reprint' | 'discard' | 'heldJobs' | 'encode'>;
export type A4Api = Pick<A4Service, 'buildPdf' | 'printPdf' | 'printDoc'>;
export type ScannerApi = Pick<ScannerService, 'scan'>;
export type SimulatorApi = Pick<DeviceSimulators, 'act' | 'state' | 'face' | 'spareReceiptPort'>;

export interface DeviceLayer {
  /** one status view per device class, in DEVICE_KINDS order */
  list(): DeviceStatusView[];
  readonly receipt: ReceiptApi;
  readonly a4: A4Api;
  readonly scanner: ScannerApi;
  /** scanned and camera pages waiting to become a case's materials */
  readonly pages: PageInbox;
  /** simulator controls, when devices run in simulator mode */
  readonly sim: SimulatorApi | null;
  /** Why 人证核验 cannot work here (the reader gives no card photo), or null; absent: it can. */
  readonly faceCheckProblem?: DeviceLimitation | null;
  /** Try to open a device again now instead of waiting out the retry pause (maintenance mode). */
  reconnect?(kind: DeviceKind): void;
  settled(): Promise<void>;
  close(): Promise<void>;
}
