// Opens the receipt printer over serial, the USB printer class device or TCP 9100.
import type { Offline } from '../../common/devices';
import { err, ok, type Result } from '../../common/result';
import { openCharDeviceLink, openSerialLink, openTcpLink, type Link, type LinkOpenError } from '../core/link';
import { ReceiptPrinterSession, type PrinterOptions } from './printer';

export type ReceiptPrinterPortConfig = { mode: 'serial'; path: string; baudRate: number } | { mode: 'usb-lp'; path: string } | { mode: 'tcp'; host: string; port: number };

export function receiptPrinterConnector(cfg: ReceiptPrinterPortConfig, options: PrinterOptions = {}) {
  return async (): Promise<Result<ReceiptPrinterSession, Offline>> => {
    let link: Result<Link, LinkOpenError>;
    if (cfg.mode === 'serial') link = await openSerialLink(cfg.path, cfg.baudRate);
    else if (cfg.mode === 'usb-lp') link = await openCharDeviceLink(cfg.path);
    else link = await openTcpLink(cfg.host, cfg.port);
    if (!link.ok) return err({ state: 'offline', reason: link.error.reason === 'not-found' ? 'not-found' : 'error', detail: link.error.detail });
    const session = new ReceiptPrinterSession(link.value, options);
    const started = await session.start();
    if (!started.ok) {
      await session.close();
      return started;
    }
    return ok(session);
  };
}
