// Small tmpfs mounts for disk-full tests. Mounting needs root (CI runs as root); where it is
// impossible the test fails with the reason instead of being skipped.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export function mountTmpfs(dir: string, size: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (e) {
    const why = (e as { stderr?: Buffer }).stderr?.toString().trim() || (e as Error).message;
    throw new Error(`cannot mount a tmpfs for the disk-full test (needs root / CAP_SYS_ADMIN): ${why}`);
  }
  return () => {
    try {
      execFileSync('umount', [dir]);
    } catch {
      execFileSync('umount', ['-l', dir]);
    }
  };
}

/** Fills the volume with one file, leaving about `leaveBytes` free; returns the file to delete. */
export function fillVolume(dir: string, leaveBytes: number): string {
  const filler = path.join(dir, 'filler.bin');
  const st = fs.statfsSync(dir);
  const free = st.bavail * st.bsize;
  fs.writeFileSync(filler, Buffer.alloc(Math.max(0, free - leaveBytes)));
  return filler;
}
