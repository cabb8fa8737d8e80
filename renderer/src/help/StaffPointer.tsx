// Where the staff member points: a thick ring around the element, scrolled into view, for a few
// seconds. It takes no taps (the element under it stays the citizen's to press).
import { useEffect, useState } from 'react';

/** long enough for an elderly citizen to find it while being told where to look */
const SHOW_MS = 15_000;

export function StaffPointer({ target, label, onDone }: { target: HTMLElement; label: string; onDone: () => void }) {
  const [rect, setRect] = useState<DOMRect | null>(null);
  useEffect(() => {
    target.scrollIntoView({ block: 'center', behavior: 'smooth' });
    let frame = 0;
    const follow = () => {
      setRect(target.isConnected ? target.getBoundingClientRect() : null);
      frame = requestAnimationFrame(follow);
    };
    follow();
    const done = window.setTimeout(onDone, SHOW_MS);
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(done);
    };
  }, [target, onDone]);
  if (!rect) return null;
  const pad = 8;
  return (
    <div
      className="staff-pointer"
      role="status"
      data-testid="staff-pointer"
      data-target-id={target.dataset.helpId}
      style={{ left: rect.left - pad, top: rect.top - pad, width: rect.width + 2 * pad, height: rect.height + 2 * pad }}
    >
      <span className="staff-pointer-label">{label}</span>
    </div>
  );
}
