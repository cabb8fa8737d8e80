// A serial QR / barcode scanner in software, on the device end of a pty pair: "scanning" a
// code writes it followed by CR LF, as the hardware does.
import iconv from 'iconv-lite';
import { openSerialLink, type Link } from '../core/link';

export class CodeScannerSim {
  private link: Link | null = null;

  async attach(devicePath: string): Promise<void> {
    const r = await openSerialLink(devicePath, 9600);
    if (!r.ok) throw new Error(`simulator cannot open ${devicePath}: ${r.error.detail}`);
    this.link = r.value;
    r.value.onLost(() => {
      if (this.link === r.value) this.link = null;
    });
  }

  async detach(): Promise<void> {
    await this.link?.close();
    this.link = null;
  }

  async scan(text: string, encoding: 'utf-8' | 'gb18030' = 'utf-8'): Promise<void> {
    if (!this.link) throw new Error('code scanner simulator is not attached');
    const body = encoding === 'utf-8' ? new TextEncoder().encode(text) : new Uint8Array(iconv.encode(text, 'gb18030'));
    await this.link.write(Uint8Array.from([...body, 0x0d, 0x0a]));
  }
}
