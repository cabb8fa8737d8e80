// Starts the simulators for the devices configured in simulator mode and lets tests and the
// developer panel drive them. Each one is real enough that the production driver is what
// talks to it: pty pairs for serial devices, SANE's test backend, a cups-pdf queue.
// Loaded only in simulator mode (it pulls in test-only packages such as pngjs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DeviceKind } from '../../common/devices';
import { err, ok, type Result } from '../../common/result';
import { CupsPdfSim } from '../a4/cups-sim';
import { CodeScannerSim } from '../code-scanner/simulator';
import { FaceVerifierSim } from '../face/simulator';
import type { DeviceLogger } from '../core/log';
import { SAMPLE_CARD_NAMES, type SampleCardName } from '../id-card/sample-cards';
import { IdCardReaderSim } from '../id-card/simulator';
import { testPhotoDecoder } from '../id-card/test-photo-decoder';
import { ReceiptPrinterSim } from '../receipt/simulator';
import { SaneTestSim } from '../scanner/sane-sim';
import { trackDir, untrackDir } from '../core/child-processes';
import type { HidProfileName } from '../id-card/hid/hid-profiles';
import { hidSimReader, sdkSimReader, type SdkSimReader, type SimulatedReader } from './id-card-transports';
import { PtyPair } from './pty-pair';
import { SAMPLE_SOCIAL_CARDS } from '../social-card/sample-social-cards';
import { PcscSim } from '../social-card/sim/pcsc-sim';
import type { SimAction, SimPrintedReceipt, SimState } from './sim-actions';

export { testPhotoDecoder };

// Fault switches the panel's buttons set on the simulated reader and printer.
const ID_CARD_FAULTS: Record<'noise' | 'sam-fault' | 'clear', Partial<IdCardReaderSim['faults']>> = {
  noise: { noiseBeforeAnswer: 9, corruptNext: 1, splitChunk: 64 },
  'sam-fault': { samFault: true },
  clear: { noiseBeforeAnswer: 0, corruptNext: 0, splitChunk: 0, silent: false, samFault: false },
};
const RECEIPT_CONDITIONS: Record<'paper-near-end' | 'paper-out' | 'cover-open' | 'cutter-error' | 'clear', Partial<ReceiptPrinterSim['condition']>> = {
  'paper-near-end': { paperNearEnd: true },
  'paper-out': { paperOut: true },
  'cover-open': { coverOpen: true },
  'cutter-error': { cutterError: true },
  clear: { paperNearEnd: false, paperOut: false, coverOpen: false, cutterError: false },
};

type Started<T> = Promise<Result<T, string>>;
interface PtySim<S> {
  pair: PtyPair;
  sim: S;
}

export class DeviceSimulators {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-devsim-'));
  idCard: Started<PtySim<IdCardReaderSim>> | null = null;
  /** the simulated reader when it is reached over HID or through the SDK stand-in instead of a pty */
  idCardVia: Started<SimulatedReader> | null = null;
  receipt: Started<PtySim<ReceiptPrinterSim>> | null = null;
  private spareReceipt: Started<PtySim<ReceiptPrinterSim>> | null = null;
  codeScanner: Started<PtySim<CodeScannerSim>> | null = null;
  a4: Started<CupsPdfSim> | null = null;
  scanner: SaneTestSim | null = null;
  /** private pcscd + vpcd + the virtual 社保卡 */
  socialCard: Started<PcscSim> | null = null;
  /** 人证核验 simulator: always present in simulator mode (no hardware behind it). */
  readonly face = new FaceVerifierSim();
  private a4Problem: string | null = null;
  private readonly printed: SimPrintedReceipt[] = [];
  private inserted: string | null = null;
  private idCardPlugged = true;

  constructor(
    private readonly logger: DeviceLogger,
    /** asks the device's supervisor to try opening it now (after a replug) */
    private readonly poke: (kind: DeviceKind) => void,
  ) {
    // pty links and the SANE config: removed by close(), at exit, or by the next start
    trackDir(this.dir);
  }

  private startPty<S extends { attach(p: string): Promise<void> }>(kind: DeviceKind, name: string, sim: S): Started<PtySim<S>> {
    return (async () => {
      const pair = await PtyPair.start(this.dir, name);
      if (!pair.ok) {
        this.logger.log('device.simulator.unavailable', { device: kind, reason: pair.error });
        return err(pair.error);
      }
      await sim.attach(pair.value.devicePath);
      this.logger.log('device.simulator.started', { device: kind, kind: 'pty', hostPath: pair.value.hostPath });
      return ok({ pair: pair.value, sim });
    })();
  }

  startIdCard(): Started<PtySim<IdCardReaderSim>> {
    return (this.idCard ??= this.startPty('id-card-reader', 'idcard', new IdCardReaderSim({ supportsFingerprint: false })));
  }

  /** The simulated reader behind the HID test double (the real HID link and SAM driver on top). */
  startIdCardHid(profile: HidProfileName): Started<ReturnType<typeof hidSimReader>> {
    const r = (this.idCardVia ??= Promise.resolve(ok(hidSimReader(profile))));
    this.logger.log('device.simulator.started', { device: 'id-card-reader', kind: 'hid', hostPath: profile });
    return r as Started<ReturnType<typeof hidSimReader>>;
  }

  /** The stand-in vendor SDK and WLT decoder, built with gcc (the real SDK adapter on top). */
  startIdCardSdk(): Started<SdkSimReader> {
    this.idCardVia ??= sdkSimReader(this.dir).then((r) => {
      if (r.ok) this.logger.log('device.simulator.started', { device: 'id-card-reader', kind: 'sdk', hostPath: r.value.libs.sdtapi });
      else this.logger.log('device.simulator.unavailable', { device: 'id-card-reader', reason: r.error });
      return r;
    });
    return this.idCardVia as Started<SdkSimReader>;
  }

  /** A private pcscd with the vpcd reader (the real PC/SC driver on top, through libpcsclite). */
  startSocialCard(): Started<PcscSim> {
    this.socialCard ??= PcscSim.start().then((r) => {
      if (r.ok) this.logger.log('device.simulator.started', { device: 'social-card-reader', kind: 'pcscd-vpcd', hostPath: r.value.socketPath });
      else this.logger.log('device.simulator.unavailable', { device: 'social-card-reader', reason: r.error });
      return r;
    });
    return this.socialCard;
  }

  /** A simulated receipt printer whose prints join the panel's list (the newest 20). */
  private startReceiptSim(name: string): Started<PtySim<ReceiptPrinterSim>> {
    const sim = new ReceiptPrinterSim();
    sim.events.on('receipt', (r) => {
      this.printed.unshift({ at: new Date().toISOString(), lines: r.lines, qrPayloads: r.qrPayloads, cut: r.cut });
      this.printed.length = Math.min(this.printed.length, 20);
    });
    return this.startPty('receipt-printer', name, sim);
  }

  startReceipt(): Started<PtySim<ReceiptPrinterSim>> {
    return (this.receipt ??= this.startReceiptSim('receipt'));
  }

  /**
   * A second simulated receipt printer, not yet configured: what printer discovery offers in
   * simulator mode, as a USB-CDC Epson TM-T20 (04b8:0e03) would show in SerialPort.list(). Its
   * prints join the panel's list like the configured printer's.
   */
  async spareReceiptPort(): Promise<Result<{ path: string; vendorId: string; productId: string; manufacturer: string }, string>> {
    const s = await (this.spareReceipt ??= this.startReceiptSim('receipt-spare'));
    return s.ok ? ok({ path: s.value.pair.hostPath, vendorId: '04b8', productId: '0e03', manufacturer: 'EPSON (simulated)' }) : s;
  }

  startCodeScanner(): Started<PtySim<CodeScannerSim>> {
    return (this.codeScanner ??= this.startPty('code-scanner', 'code', new CodeScannerSim()));
  }

  startA4(queue: string): Started<CupsPdfSim> {
    if (!this.a4) {
      this.a4 = CupsPdfSim.ensure(queue).then((r) => {
        if (r.ok) this.logger.log('device.simulator.started', { device: 'a4-printer', kind: 'cups-pdf', queue, outputDir: r.value.outputDir });
        else {
          this.a4Problem = r.error;
          this.logger.log('device.simulator.unavailable', { device: 'a4-printer', reason: r.error });
        }
        return r;
      });
    }
    return this.a4;
  }

  startScanner(): SaneTestSim {
    if (!this.scanner) {
      this.scanner = new SaneTestSim(path.join(this.dir, 'sane'));
      this.logger.log('device.simulator.started', { device: 'scanner', kind: 'sane-test', configDir: this.scanner.configDir });
    }
    return this.scanner;
  }

  async state(): Promise<SimState> {
    const id = this.idCard ? await this.idCard : null;
    const via = this.idCardVia ? await this.idCardVia : null;
    const rc = this.receipt ? await this.receipt : null;
    const a4 = this.a4 ? await this.a4 : null;
    const code = this.codeScanner ? await this.codeScanner : null;
    const social = this.socialCard ? await this.socialCard : null;
    const cond = rc?.ok ? rc.value.sim.condition : null;
    return {
      cards: SAMPLE_CARD_NAMES,
      idCard: via?.ok
        ? { simulated: true, inserted: via.value.cardPresent ? this.inserted : null, samFault: via.value.samFault }
        : { simulated: !!id?.ok, inserted: id?.ok && id.value.sim.cardPresent ? this.inserted : null, samFault: !!id?.ok && id.value.sim.faults.samFault },
      receipt: {
        simulated: !!rc?.ok,
        paperNearEnd: !!cond?.paperNearEnd,
        paperOut: !!cond?.paperOut,
        coverOpen: !!cond?.coverOpen,
        cutterError: !!cond?.cutterError,
        printed: this.printed,
      },
      a4: { simulated: !!a4?.ok, queue: a4?.ok ? a4.value.queue : null, outputDir: a4?.ok ? a4.value.outputDir : null, problem: this.a4Problem },
      scanner: { simulated: !!this.scanner, fault: this.scanner?.currentFault ?? 'none' },
      codeScanner: { simulated: !!code?.ok },
      socialCard: { simulated: !!social?.ok, inserted: !!social?.ok && social.value.cardInserted },
      face: { mode: this.face.mode, calls: this.face.calls },
      plugged: {
        'id-card-reader': via?.ok ? this.idCardPlugged : !!id?.ok && id.value.pair.plugged,
        'receipt-printer': !!rc?.ok && rc.value.pair.plugged,
        'code-scanner': !!code?.ok && code.value.pair.plugged,
        'social-card-reader': !!social?.ok && social.value.readerPlugged,
      },
    };
  }

  /** Pulls or puts back a serial device's cable: the driver sees a hangup, then the port again. */
  private async plugPty<S extends { attach(p: string): Promise<void> }>(kind: DeviceKind, s: PtySim<S>, action: 'unplug' | 'replug'): Promise<Result<void, string>> {
    if (action === 'unplug') {
      await s.pair.unplug();
      return ok(undefined);
    }
    const r = await s.pair.plug();
    if (!r.ok) return r;
    await s.sim.attach(s.pair.devicePath);
    this.poke(kind);
    return ok(undefined);
  }

  /** Applies one action; the error says why it could not be (device not simulated, …). */
  async act(a: SimAction): Promise<Result<void, string>> {
    this.logger.log('device.simulator.action', { device: a.device, action: a.action });
    const notSimulated = err(`${a.device} 未在模拟模式 / is not in simulator mode`);
    switch (a.device) {
      case 'id-card-reader': {
        const via = this.idCardVia ? await this.idCardVia : null;
        if (via?.ok) return this.actOnReader(via.value, a);
        const s = this.idCard ? await this.idCard : null;
        if (!s?.ok) return notSimulated;
        const { sim } = s.value;
        if (a.action === 'insert' || a.action === 'remove') this.placeCard(sim, a.action, a.card);
        else if (a.action === 'unplug' || a.action === 'replug') return this.plugPty('id-card-reader', s.value, a.action);
        else Object.assign(sim.faults, ID_CARD_FAULTS[a.action]);
        return ok(undefined);
      }
      case 'receipt-printer': {
        const s = this.receipt ? await this.receipt : null;
        if (!s?.ok) return notSimulated;
        if (a.action === 'unplug' || a.action === 'replug') return this.plugPty('receipt-printer', s.value, a.action);
        Object.assign(s.value.sim.condition, RECEIPT_CONDITIONS[a.action]);
        return ok(undefined);
      }
      case 'a4-printer': {
        const s = this.a4 ? await this.a4 : null;
        if (!s?.ok) return this.a4Problem ? err(this.a4Problem) : notSimulated;
        let r: Result<unknown, string>;
        if (a.action === 'stop') r = s.value.stop(a.reason ?? '模拟故障 / simulated fault');
        else if (a.action === 'resume') r = s.value.resume();
        else if (a.action === 'unplug') r = s.value.unplug();
        else {
          r = await s.value.replug();
          this.poke('a4-printer');
        }
        return r.ok ? ok(undefined) : err(r.error);
      }
      case 'scanner': {
        const s = this.scanner;
        if (!s) return notSimulated;
        if (a.action === 'jam') s.setFault('jammed');
        else if (a.action === 'cover-open') s.setFault('cover-open');
        else if (a.action === 'no-documents') s.setFault('no-documents');
        else if (a.action === 'clear') s.setFault('none');
        else if (a.action === 'unplug') s.unplug();
        else {
          s.replug();
          this.poke('scanner');
        }
        return ok(undefined);
      }
      case 'face-verifier':
        this.face.mode = a.action;
        return ok(undefined);
      case 'code-scanner': {
        const s = this.codeScanner ? await this.codeScanner : null;
        if (!s?.ok) return notSimulated;
        if (a.action === 'scan') {
          try {
            await s.value.sim.scan(a.text ?? 'SQ20261122-000123');
            return ok(undefined);
          } catch (e) {
            return err((e as Error).message);
          }
        }
        return this.plugPty('code-scanner', s.value, a.action);
      }
      case 'social-card-reader': {
        const s = this.socialCard ? await this.socialCard : null;
        if (!s?.ok) return notSimulated;
        const sim = s.value;
        switch (a.action) {
          case 'insert':
            return sim.insert({ identity: SAMPLE_SOCIAL_CARDS[a.card ?? 'resident'] });
          case 'insert-wrong-card':
            return sim.insert({ kind: 'wrong-card' });
          case 'insert-garbage':
            return sim.insert({ kind: 'garbage' });
          case 'remove':
            await sim.remove();
            return ok(undefined);
          default: {
            const r = await sim.setReaderPresent(a.action === 'replug');
            if (r.ok && a.action === 'replug') this.poke('social-card-reader');
            return r;
          }
        }
      }
    }
  }

  /** A card put on or taken off the simulated ID-card reader (whichever transport), as the panel shows it. */
  private placeCard(r: Pick<SimulatedReader, 'insert' | 'remove'>, action: 'insert' | 'remove', card: SampleCardName = 'resident'): void {
    if (action === 'insert') r.insert(card);
    else r.remove();
    this.inserted = action === 'insert' ? card : null;
  }

  private async actOnReader(r: SimulatedReader, a: Extract<SimAction, { device: 'id-card-reader' }>): Promise<Result<void, string>> {
    if (a.action === 'insert' || a.action === 'remove') this.placeCard(r, a.action, a.card);
    else if (a.action === 'unplug') {
      await r.unplug();
      this.idCardPlugged = false;
    } else if (a.action === 'replug') {
      await r.replug();
      this.idCardPlugged = true;
      this.poke('id-card-reader');
    } else r.fault(a.action);
    return ok(undefined);
  }

  async close(): Promise<void> {
    const via = this.idCardVia ? await this.idCardVia : null;
    if (via?.ok) await via.value.close();
    const social = this.socialCard ? await this.socialCard : null;
    if (social?.ok) await social.value.close();
    for (const started of [this.idCard, this.receipt, this.spareReceipt, this.codeScanner]) {
      const s = started ? await started : null;
      if (s?.ok) {
        await (s.value.sim as { detach(): Promise<void> }).detach();
        await s.value.pair.stop();
      }
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
    untrackDir(this.dir);
  }
}
