// A page for the 人证核验 browser test: FaceCheck (as the journey mounts it) and the simulator
// panel, bundled with esbuild and served by the real backend. What the component reported is
// kept on window for the test; "again" mounts a fresh check.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { SimulatorPanel } from '../../renderer/src/dev/SimulatorPanel';
import { FaceCheck } from '../../renderer/src/face/FaceCheck';
import { SessionProvider } from '../../renderer/src/session/SessionContext';

declare global {
  interface Window {
    faceOutcome: string[];
  }
}
window.faceOutcome = [];

function Page() {
  const [n, setN] = useState(0);
  return (
    <SessionProvider defaultLang="zh-CN">
      <main>
        <h1>人证核验测试页</h1>
        <FaceCheck key={n} onPassed={(r) => window.faceOutcome.push(`passed:${r.score}`)} onCounter={() => window.faceOutcome.push('counter')} onSkip={() => window.faceOutcome.push('skip')} />
        <button type="button" onClick={() => setN(n + 1)} data-testid="again" style={{ minHeight: 48 }}>
          again
        </button>
      </main>
    </SessionProvider>
  );
}

createRoot(document.getElementById('root')!).render(<Page />);
createRoot(document.getElementById('panel')!).render(<SimulatorPanel />);
