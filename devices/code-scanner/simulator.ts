// A serial QR / barcode scanner in software, on the device end of a pty pair: "scanning" a
// code writes it followed by CR LF, as the hardware does.
import iconv from 'iconv-lite';
import { DeviceEnd } from '../sim/device-end';

export class CodeScannerSim {
  private readonly end = new DeviceEnd();

  async attach(devicePath: string): Promise<void> {
    this.end.plug(await DeviceEnd.open(devicePath, 9600));
  }

  detach(): Promise<void> {
    return this.end.unplug();
  }

  async scan(text: string, encoding: 'utf-8' | 'gb18030' = 'utf-8'): Promise<void> {
    const link = this.end.link;
    if (!link) throw new Error('code scanner simulator is not attached');
    const body = encoding === 'utf-8' ? new TextEncoder().encode(text) : new Uint8Array(iconv.encode(text, 'gb18030'));
    await link.write(Uint8Array.from([...body, 0x0d, 0x0a]));
  }
}
