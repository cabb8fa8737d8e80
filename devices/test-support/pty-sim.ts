// Test helper: a fresh temp folder and pty pair with a simulator plugged into the device end,
// the driver under test to be opened on pair.hostPath.
import { PtyPair } from '../sim/pty-pair';
import { tempDir } from './wait';

export async function simOnPty(name: string, sim: { attach(devicePath: string): Promise<void> }): Promise<{ dir: string; pair: PtyPair }> {
  const dir = tempDir(name);
  const p = await PtyPair.start(dir, name);
  if (!p.ok) throw new Error(p.error);
  await sim.attach(p.value.devicePath);
  return { dir, pair: p.value };
}
