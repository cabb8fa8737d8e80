// The systemd unit and the shell's own restart policy must agree: systemd restarts the kiosk
// forever and slowly, a config error (exit 78) is never restarted, and the shell — which shows
// the out-of-service page instead of a desktop — is what gives up on a restart storm.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESTART_POLICY } from '../main/shell/restart-governor';

const unit = fs.readFileSync(path.join(import.meta.dirname, 'linux', 'gov-kiosk.service'), 'utf8');

function directives(section: string): Map<string, string> {
  const body = unit.split(/^\[/m).find((s) => s.startsWith(`${section}]`)) ?? '';
  const m = new Map<string, string>();
  for (const line of body.split('\n').slice(1)) {
    const kv = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (kv) m.set(kv[1]!, kv[2]!);
  }
  return m;
}

describe('gov-kiosk.service', () => {
  const unitSection = directives('Unit');
  const service = directives('Service');

  it('restarts a crashed kiosk, never a config error', () => {
    expect(service.get('Restart')).toBe('always');
    expect(service.get('RestartPreventExitStatus')).toBe('78');
  });

  it('never gives up (a failed unit leaves the session without the kiosk window): the shell decides out of service', () => {
    expect(unitSection.get('StartLimitIntervalSec')).toBe('0');
    expect(unitSection.has('StartLimitBurst')).toBe(false);
  });

  it('slows down to at most the shell’s own cap between restarts', () => {
    expect(Number(service.get('RestartSteps'))).toBeGreaterThan(0);
    const maxDelaySec = Number(service.get('RestartMaxDelaySec'));
    expect(maxDelaySec).toBeGreaterThan(Number(service.get('RestartSec')));
    expect(maxDelaySec * 1000).toBeLessThanOrEqual(RESTART_POLICY.capMs);
  });

  it("keeps malloc to two arenas, as the locked session's launcher does", () => {
    const env = unit.split('\n').filter((l) => l.startsWith('Environment='));
    expect(env).toContain('Environment=MALLOC_ARENA_MAX=2');
  });
});
