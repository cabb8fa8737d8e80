// What the citizen presents while a progress screen is open: an ID card placed on the reader or
// a receipt QR at the scanner, as `followup.input` events on the backend's event stream. The
// identity itself never comes to the renderer, only "a card".
import { useEffect, useRef } from 'react';
import { useSystem } from '../system/SystemContext';

export type CitizenInput = { kind: 'card' } | { kind: 'receipt'; receiptNo: string } | { kind: 'unknown-code' };

export function useCitizenInputs(onInput: (i: CitizenInput) => void): void {
  const handler = useRef(onInput);
  handler.current = onInput;
  const { subscribe } = useSystem();
  useEffect(
    () =>
      subscribe((e) => {
        if (e.type === 'followup.input') handler.current(e.input);
      }),
    [subscribe],
  );
}
