// Mounts the device simulator panel (written by the devices team in src/dev/) when the
// terminal runs with devTools on. The glob is empty when the file does not exist, so the
// renderer builds and runs without it. Production builds fold the flavour test
// (common/build-flavour.ts) and emit no panel chunk at all.
import { lazy, Suspense, type ComponentType } from 'react';

type PanelModule = { default?: ComponentType; SimulatorPanel?: ComponentType };
const modules: Record<string, () => Promise<PanelModule>> =
  typeof __KIOSK_PRODUCTION_BUILD__ === 'boolean' && __KIOSK_PRODUCTION_BUILD__ ? {} : import.meta.glob<PanelModule>('../dev/SimulatorPanel.tsx');
const loader = Object.values(modules)[0];

const Panel = loader
  ? lazy(async () => {
      const m = await loader();
      const C = m.default ?? m.SimulatorPanel;
      return { default: C ?? (() => null) };
    })
  : null;

export function DevPanelSlot({ enabled }: { enabled: boolean }) {
  if (!enabled || !Panel) return null;
  return (
    <Suspense fallback={null}>
      <Panel />
    </Suspense>
  );
}
