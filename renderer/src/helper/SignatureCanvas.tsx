// A finger signature on the touch screen, returned as a small PNG (base64, no data: prefix).
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';

export interface SignatureCanvasHandle {
  clear(): void;
  /** the signature as PNG base64, or null when nothing was drawn */
  png(): string | null;
}

export function SignatureCanvas({ label, onChange, ref }: { label: string; onChange: (hasInk: boolean) => void; ref: Ref<SignatureCanvasHandle> }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [ink, setInk] = useState(false);

  useEffect(() => {
    const c = canvas.current!;
    const g = c.getContext('2d')!;
    g.lineWidth = 4;
    g.lineCap = 'round';
    g.lineJoin = 'round';
    g.strokeStyle = '#1b1f24';
  }, []);

  useEffect(() => onChange(ink), [ink, onChange]);

  useImperativeHandle(ref, () => ({
    clear() {
      const c = canvas.current!;
      c.getContext('2d')!.clearRect(0, 0, c.width, c.height);
      setInk(false);
    },
    png() {
      if (!ink) return null;
      return canvas.current!.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
    },
  }));

  const at = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const c = canvas.current!;
    const r = c.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * c.width) / r.width, y: ((e.clientY - r.top) * c.height) / r.height };
  };

  return (
    <canvas
      ref={canvas}
      className="hp-signature"
      width={900}
      height={300}
      role="img"
      aria-label={label}
      data-testid="authorisation-signature"
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        drawing.current = true;
        const g = canvas.current!.getContext('2d')!;
        const p = at(e);
        g.beginPath();
        g.moveTo(p.x, p.y);
        g.lineTo(p.x + 0.1, p.y + 0.1);
        g.stroke();
        setInk(true);
      }}
      onPointerMove={(e) => {
        if (!drawing.current) return;
        const g = canvas.current!.getContext('2d')!;
        const p = at(e);
        g.lineTo(p.x, p.y);
        g.stroke();
      }}
      onPointerUp={() => {
        drawing.current = false;
      }}
      onPointerCancel={() => {
        drawing.current = false;
      }}
    />
  );
}
