// Waits (backend long poll) for what the citizen presents: an ID card placed on the reader or a
// receipt QR at the scanner. The identity itself never comes to the renderer, only "a card".
import { useEffect, useRef } from 'react';

export type CitizenInput = { kind: 'card' } | { kind: 'receipt'; receiptNo: string } | { kind: 'unknown-code' };

export function useCitizenInputs(onInput: (i: CitizenInput) => void): void {
  const handler = useRef(onInput);
  handler.current = onInput;
  useEffect(() => {
    const ctl = new AbortController();
    void (async () => {
      while (!ctl.signal.aborted) {
        let a: CitizenInput | { kind: 'timeout' };
        try {
          const res = await fetch('/api/progress/wait?timeoutMs=20000', { signal: ctl.signal });
          a = (await res.json()) as CitizenInput | { kind: 'timeout' };
        } catch {
          if (ctl.signal.aborted) return;
          // the backend is restarting or busy: ask again shortly
          await new Promise((r) => setTimeout(r, 2000));
          continue;
        }
        if (!ctl.signal.aborted && a.kind !== 'timeout') handler.current(a);
      }
    })();
    return () => ctl.abort();
  }, []);
}
