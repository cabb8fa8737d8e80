// A maintenance panel's data: read now, then again in the background every few seconds (background
// reads do not keep an unattended technician session alive); a lost session closes the screen.
import { useCallback, useEffect } from 'react';

export function usePanelLoad(read: (background: boolean) => Promise<void>, everyMs: number, onExpired: (e: unknown) => void): (background?: boolean) => Promise<void> {
  const load = useCallback(
    async (background = false) => {
      try {
        await read(background);
      } catch (e) {
        onExpired(e);
      }
    },
    [read, onExpired],
  );
  useEffect(() => {
    void load();
    const t = setInterval(() => void load(true), everyMs);
    return () => clearInterval(t);
  }, [load, everyMs]);
  return load;
}
