// A tiny page for the browser tests: the document-camera helper and the simulator panel,
// bundled with esbuild and served by the real backend (same origin, same CSP as the kiosk).
import { createRoot } from 'react-dom/client';
import { SimulatorPanel } from '../../renderer/src/dev/SimulatorPanel';
import { capturePage, openDocumentCamera, uploadPage } from '../../renderer/src/devices/document-camera';

declare global {
  interface Window {
    captureOnePage(): Promise<unknown>;
  }
}

window.captureOnePage = async () => {
  const video = document.querySelector('video')!;
  const cam = await openDocumentCamera(video);
  if (!cam.ok) return { step: 'open', ...cam };
  const shot = await capturePage(video);
  cam.value.stop();
  if (!shot.ok) return { step: 'capture', ...shot };
  const up = await uploadPage(shot.value);
  return { step: 'upload', camera: { label: cam.value.label, width: cam.value.width, height: cam.value.height }, blob: { type: shot.value.type, size: shot.value.size }, ...up };
};

createRoot(document.getElementById('panel')!).render(<SimulatorPanel />);
