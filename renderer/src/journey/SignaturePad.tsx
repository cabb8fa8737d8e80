// A large on-screen signature box driven by pointer events (finger, stylus or mouse). The
// signature leaves as a PNG (base64) only when the citizen confirms the step that needs it.
import { forwardRef, useCallback, useImperativeHandle, useRef, useState } from 'react';
import { useJourneyT } from './strings';

export interface SignaturePadHandle {
  /** the signature as base64 PNG, or null when nothing was drawn */
  png(): string | null;
  clear(): void;
}

export const SignaturePad = forwardRef<SignaturePadHandle, { label: string; testId: string; onChange?: (signed: boolean) => void }>(function SignaturePad({ label, testId, onChange }, ref) {
  const t = useJourneyT();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<{ x: number; y: number } | null>(null);
  const strokes = useRef(0);
  const [signed, setSigned] = useState(false);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * e.currentTarget.width) / r.width, y: ((e.clientY - r.top) * e.currentTarget.height) / r.height };
  };

  const clear = useCallback(() => {
    const c = canvas.current;
    c?.getContext('2d')?.clearRect(0, 0, c.width, c.height);
    strokes.current = 0;
    setSigned(false);
    onChange?.(false);
  }, [onChange]);

  useImperativeHandle(ref, () => ({
    png: () => (strokes.current > 0 && canvas.current ? canvas.current.toDataURL('image/png').replace(/^data:image\/png;base64,/, '') : null),
    clear,
  }));

  return (
    <div className="sign">
      <p className="sign-label" id={`${testId}-label`}>
        {label}
      </p>
      <canvas
        ref={canvas}
        width={1200}
        height={360}
        className="sign-canvas"
        role="img"
        aria-labelledby={`${testId}-label`}
        data-testid={testId}
        data-signed={signed}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          drawing.current = point(e);
        }}
        onPointerMove={(e) => {
          if (!drawing.current) return;
          const ctx = e.currentTarget.getContext('2d')!;
          const p = point(e);
          ctx.lineWidth = 6;
          ctx.lineCap = 'round';
          ctx.strokeStyle = '#111';
          ctx.beginPath();
          ctx.moveTo(drawing.current.x, drawing.current.y);
          ctx.lineTo(p.x, p.y);
          ctx.stroke();
          drawing.current = p;
          if (strokes.current === 0) {
            setSigned(true);
            onChange?.(true);
          }
          strokes.current += 1;
        }}
        onPointerUp={() => (drawing.current = null)}
        onPointerCancel={() => (drawing.current = null)}
      />
      <button type="button" className="btn btn-secondary" onClick={clear} data-testid={`${testId}-clear`}>
        {t.signClear}
      </button>
    </div>
  );
});
