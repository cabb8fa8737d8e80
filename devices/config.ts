// The device part of the kiosk configuration, as devices/ reads it. main/backend/config/schema.ts
// owns the zod schema; this mirrors its shape so devices/ needs nothing from main/.

export type DeviceConfig =
  | { kind: 'id-card-reader'; mode: 'simulator' | 'serial'; path?: string; vidPid?: string; baudRate: number; pollMs: number }
  | { kind: 'receipt-printer'; mode: 'simulator' | 'serial' | 'usb-lp' | 'tcp'; path?: string; host?: string; port?: number; baudRate: number; widthChars: number }
  | { kind: 'a4-printer'; mode: 'simulator' | 'cups'; queue: string; fontPath?: string }
  | { kind: 'scanner'; mode: 'simulator' | 'sane'; device?: string }
  | { kind: 'code-scanner'; mode: 'simulator' | 'hid' | 'serial'; path?: string; vidPid?: string };
