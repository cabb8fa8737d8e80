import { describe, expect, it } from 'vitest';
import { deviceConfigProblems, devicesConfigSchema } from './config';

describe('device configuration', () => {
  it('defaults to every device class, simulated', () => {
    const d = devicesConfigSchema.parse(undefined);
    expect(d.map((x) => `${x.kind}:${x.mode}`)).toEqual(['id-card-reader:simulator', 'receipt-printer:simulator', 'a4-printer:simulator', 'scanner:simulator', 'code-scanner:simulator']);
  });

  it('says which real device cannot be reached as configured, and why', () => {
    const devices = devicesConfigSchema.parse([
      { kind: 'receipt-printer', mode: 'tcp', host: '10.0.0.5' },
      { kind: 'code-scanner', mode: 'hid' },
      { kind: 'id-card-reader', mode: 'serial', vidPid: '0400:c35a' },
      { kind: 'receipt-printer', mode: 'usb-lp' },
      { kind: 'code-scanner', mode: 'simulator' },
    ]);
    expect(deviceConfigProblems(devices).map((p) => `${p.index}.${p.field}`)).toEqual(['0.host', '1.path', '3.path']);
    expect(deviceConfigProblems(devices)[0]!.message).toBe('网络打印机须配置 host 与 port / a TCP printer needs host and port');
  });

  it('refuses a reader polled faster than readers answer', () => {
    const r = devicesConfigSchema.safeParse([{ kind: 'id-card-reader', mode: 'simulator', pollMs: 100 }]);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('读卡器轮询间隔不得小于 300 ms');
  });
});
