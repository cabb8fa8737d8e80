// The simulator's end of a serial cable (the device side of a pty pair): the link it answers
// on, forgotten as soon as the cable is pulled so that nothing is written into a dead port.
import { openSerialLink, type Link } from '../core/link';

export class DeviceEnd {
  private current: Link | null = null;

  get link(): Link | null {
    return this.current;
  }

  static async open(devicePath: string, baudRate: number): Promise<Link> {
    const r = await openSerialLink(devicePath, baudRate);
    if (!r.ok) throw new Error(`simulator cannot open ${devicePath}: ${r.error.detail}`);
    return r.value;
  }

  plug(link: Link, onData?: (d: Uint8Array) => void): void {
    this.current = link;
    if (onData) link.onData(onData);
    link.onLost(() => {
      if (this.current === link) this.current = null;
    });
  }

  async unplug(): Promise<void> {
    await this.current?.close();
    this.current = null;
  }
}
