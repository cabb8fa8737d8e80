// The simulated ID-card reader reached over USB HID or through the vendor SDK instead of a pty
// (config `simulatedTransport`): the same sample cards and panel actions, with the production HID
// link or SDK adapter on the kiosk's side. HID: the report-level double below node-hid. SDK: the
// stand-in libraries, built with gcc into the simulators' folder and loaded by path.
import path from 'node:path';
import { err, ok, type Result } from '../../common/result';
import type { HidBinding } from '../id-card/hid/connect-hid';
import type { HidProfileName } from '../id-card/hid/hid-profiles';
import { HidReaderSim } from '../id-card/hid/hid-sim';
import { sampleCard } from '../id-card/simulator';
import type { SampleCardName } from '../id-card/sample-cards';
import { buildStandIns, setStandInCard, setStandInFault, type StandIns } from '../id-card/sdk/stand-in/build-stand-ins';
import { wltPhotoDecoder, type ClosablePhotoDecoder } from '../id-card/sdk/wlt-decoder';

/** What the simulator panel does to a reader, whatever carries its answers. */
export interface SimulatedReader {
  insert(card: SampleCardName): void;
  remove(): void;
  unplug(): Promise<void>;
  replug(): Promise<void>;
  /** panel faults: noise (garbage on the transport), sam-fault, clear */
  fault(f: 'noise' | 'sam-fault' | 'clear'): void;
  readonly cardPresent: boolean;
  readonly samFault: boolean;
  close(): Promise<void>;
}

/** pid.codes' test VID:PID: no real reader answers to it */
const SIM_HID_VID_PID = '1209:0001';

export function hidSimReader(profile: HidProfileName): SimulatedReader & { binding: HidBinding; vidPid: string } {
  const hid = new HidReaderSim({ vidPid: SIM_HID_VID_PID, profile });
  return {
    binding: hid.binding(),
    vidPid: SIM_HID_VID_PID,
    insert: (c) => hid.sim.insert(c),
    remove: () => hid.sim.remove(),
    unplug: async () => hid.unplug(),
    replug: async () => hid.replug(),
    fault(f) {
      hid.faults.garbageReport = f === 'noise' ? 5 : 0;
      hid.faults.merge = f === 'noise';
      hid.sim.faults.samFault = f === 'sam-fault';
    },
    get cardPresent() {
      return hid.sim.cardPresent;
    },
    get samFault() {
      return hid.sim.faults.samFault;
    },
    close: async () => hid.unplug(),
  };
}

export interface SdkSimReader extends SimulatedReader {
  libs: StandIns;
  /** the stand-in WLT decoder: the photo path a vendor SDK deployment uses */
  photoDecoder: ClosablePhotoDecoder;
}

export async function sdkSimReader(dir: string): Promise<Result<SdkSimReader, string>> {
  const built = await buildStandIns(path.join(dir, 'sdk'));
  if (!built.ok) return err(`the SDK stand-in could not be built (gcc): ${built.error}`);
  const libs = built.value;
  // the stand-in library reads its world from here (one simulated SDK reader per process)
  process.env.KIOSK_SDK_STANDIN_DIR = libs.stateDir;
  const photoDecoder = wltPhotoDecoder({ library: libs.wlt, symbol: 'unpack', flag: 0, okCode: 1, rowOrder: 'top-down', callTimeoutMs: 3000 });
  let present = false;
  let samFault = false;
  return ok({
    libs,
    photoDecoder,
    insert(c) {
      setStandInCard(libs.stateDir, sampleCard(c));
      present = true;
    },
    remove() {
      setStandInCard(libs.stateDir, null);
      present = false;
    },
    unplug: async () => setStandInFault(libs.stateDir, 'unplugged', true),
    replug: async () => setStandInFault(libs.stateDir, 'unplugged', false),
    fault(f) {
      setStandInFault(libs.stateDir, 'garbage', f === 'noise');
      samFault = f === 'sam-fault';
      setStandInFault(libs.stateDir, 'no-sam', samFault);
    },
    get cardPresent() {
      return present;
    },
    get samFault() {
      return samFault;
    },
    async close() {
      await photoDecoder.close();
      if (process.env.KIOSK_SDK_STANDIN_DIR === libs.stateDir) delete process.env.KIOSK_SDK_STANDIN_DIR;
    },
  });
}
