// What happens with a service's materials once the citizen has scanned what they brought: the
// one rule the kiosk backend (which acts on it) and the renderer (which explains it) share.
//   - 共享获取 materials are fetched from the department that holds them: never asked for;
//   - the application form the kiosk generates stands for its material (filled on screen);
//   - a required material with no pages is owed. If every owed material may be 容缺, the citizen
//     signs a 告知承诺书 and the application goes ahead; if even one may not, nothing is submitted
//     and a 一次性告知单 lists EVERY missing material at once (so the citizen comes back once).
import type { Material, Service } from '../catalog';

export type MaterialHandling = 'shared' | 'form' | 'scanned' | 'owed' | 'skipped';

export interface MaterialLine {
  material: Material;
  handling: MaterialHandling;
  pages: number;
}

export type MaterialsDecision =
  /** everything required is here (scanned, shared or the form) */
  | { kind: 'complete'; lines: MaterialLine[] }
  /** only 容缺-eligible materials are missing: go ahead under a signed commitment */
  | { kind: 'commitment'; lines: MaterialLine[]; owed: Material[] }
  /** something that cannot be owed is missing: print the notice, submit nothing */
  | { kind: 'notice'; lines: MaterialLine[]; missing: Material[] };

/** pagesByMaterial: material id → pages the citizen scanned for it (absent = none). */
export function decideMaterials(service: Pick<Service, 'materials' | 'form'>, pagesByMaterial: Readonly<Record<string, number>>): MaterialsDecision {
  const formMaterial = service.form?.materialId ?? null;
  const lines: MaterialLine[] = service.materials.map((m) => {
    const pages = pagesByMaterial[m.id] ?? 0;
    if (m.sharedFrom) return { material: m, handling: 'shared', pages: 0 };
    if (m.id === formMaterial) return { material: m, handling: 'form', pages: 0 };
    if (pages > 0) return { material: m, handling: 'scanned', pages };
    return { material: m, handling: m.required ? 'owed' : 'skipped', pages: 0 };
  });
  const owed = lines.filter((l) => l.handling === 'owed').map((l) => l.material);
  if (owed.length === 0) return { kind: 'complete', lines };
  if (owed.every((m) => m.rongque)) return { kind: 'commitment', lines, owed };
  return { kind: 'notice', lines, missing: owed };
}

/** Materials the citizen is asked to scan (not shared, not the on-screen form), in guide order. */
export function materialsToScan(service: Pick<Service, 'materials' | 'form'>): Material[] {
  return service.materials.filter((m) => !m.sharedFrom && m.id !== service.form?.materialId);
}

/** 容缺 materials must reach the department within this many working days of acceptance. */
export const COMMITMENT_WORKING_DAYS = 5;
