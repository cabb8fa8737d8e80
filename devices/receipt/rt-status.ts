// Real-time status (DLE EOT n): one byte per request, bits 1 and 4 always set, bits 0 and 7
// clear — which is also how an answer is told apart from noise.
import type { ReceiptPrinterStatus } from '../../common/devices';

export function isStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

export interface RtStatus {
  /** n=1 */ printer: number;
  /** n=2 */ offlineCause: number;
  /** n=3 */ errorCause: number;
  /** n=4 */ paperSensor: number;
}

export function interpretStatus(s: RtStatus): ReceiptPrinterStatus {
  const paperOut = (s.paperSensor & 0x60) !== 0 || (s.offlineCause & 0x20) !== 0;
  const nearEnd = (s.paperSensor & 0x0c) !== 0;
  if (paperOut) return { state: 'paper-out' };
  if (s.offlineCause & 0x04) return { state: 'cover-open' };
  if (s.errorCause & 0x08) return { state: 'cutter-error' };
  if (s.errorCause & 0x20) return { state: 'printer-error', detail: 'unrecoverable error' };
  if (s.errorCause & 0x40) return { state: 'printer-error', detail: 'auto-recoverable error' };
  if (s.offlineCause & 0x40 || s.printer & 0x08) return { state: 'printer-error', detail: 'offline' };
  return { state: 'ready', paperNearEnd: nearEnd };
}

export interface PrinterCondition {
  paperNearEnd: boolean;
  paperOut: boolean;
  coverOpen: boolean;
  cutterError: boolean;
}

/** What a printer in this condition answers to DLE EOT n (the simulator's side). */
export function statusByte(n: number, c: PrinterCondition): number {
  let b = 0x12;
  const stopped = c.paperOut || c.coverOpen || c.cutterError;
  switch (n) {
    case 1:
      if (stopped) b |= 0x08;
      break;
    case 2:
      if (c.coverOpen) b |= 0x04;
      if (c.paperOut) b |= 0x20;
      if (c.cutterError) b |= 0x40;
      break;
    case 3:
      if (c.cutterError) b |= 0x08 | 0x40;
      break;
    case 4:
      if (c.paperNearEnd || c.paperOut) b |= 0x0c;
      if (c.paperOut) b |= 0x60;
      break;
  }
  return b;
}
