// The scanned pages a journey step refers to, by id in the backend's page inbox: the images
// never round-trip through the renderer.
import { z } from 'zod';
import type { DeviceLayer } from '../../../devices/device-layer';
import { lazySchema } from '../../../common/lazy-schema';

const pageId = lazySchema(() => z.string().uuid());
export const providedSchema = lazySchema(() => z.array(z.object({ materialId: z.string().regex(/^[a-z0-9-]{1,64}$/), pageIds: z.array(pageId).max(100) })).max(100));
export type Provided = z.infer<typeof providedSchema>;

export const UNKNOWN_PAGE = { kind: 'unknown-page' as const };

type Pages = Pick<DeviceLayer['pages'], 'get' | 'take'>;

/** Pages per material, and the ids the inbox no longer holds. */
export function pagesOf(pages: Pages, list: Provided): { counts: Record<string, number>; unknown: string[] } {
  const counts: Record<string, number> = {};
  const unknown: string[] = [];
  for (const m of list) {
    for (const id of m.pageIds) if (!pages.get(id)) unknown.push(id);
    counts[m.materialId] = (counts[m.materialId] ?? 0) + m.pageIds.length;
  }
  return { counts, unknown };
}

/** The bytes of each known material's pages, in scan order; null when a page has gone meanwhile. */
export function pageBytesOf(pages: Pages, byMaterial: ReadonlyMap<string, string[]>): Map<string, { mime: 'image/jpeg' | 'image/png'; data: Uint8Array }[]> | null {
  const out = new Map<string, { mime: 'image/jpeg' | 'image/png'; data: Uint8Array }[]>();
  for (const [materialId, ids] of byMaterial) {
    const list: { mime: 'image/jpeg' | 'image/png'; data: Uint8Array }[] = [];
    for (const id of ids) {
      const p = pages.get(id);
      if (!p) return null;
      list.push({ mime: p.mime, data: p.bytes });
    }
    out.set(materialId, list);
  }
  return out;
}

/** Takes the pages out of the inbox: stored in the outbox now, or not to be kept for the next citizen. */
export function takePages(pages: Pages, ids: Iterable<string>): void {
  for (const id of ids) pages.take(id);
}
