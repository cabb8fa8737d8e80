// How full the disk holding the kiosk's data is: for the heartbeat and the technician's terminal panel.
import fs from 'node:fs';

export interface DiskUse {
  path: string;
  totalBytes: number;
  freeBytes: number;
  usedShare: number;
}

export function diskUse(dir: string): DiskUse | null {
  try {
    const s = fs.statfsSync(dir);
    const total = s.blocks * s.bsize;
    const free = s.bavail * s.bsize;
    return { path: dir, totalBytes: total, freeBytes: free, usedShare: total ? Math.round(((total - free) / total) * 1000) / 1000 : 0 };
  } catch {
    return null;
  }
}
