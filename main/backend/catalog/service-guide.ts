// The service guide's use cases: the catalog as a whole, one service's full guide, and that guide
// printed on A4. Refusals are codes (area `catalog` in http/refusals.ts); the renderer words them.
import type { Catalog, Department, LifeEvent, Service } from '../../../common/catalog';
import { err, ok, type Result } from '../../../common/result';
import { guideDocument } from '../../../documents/guide/guide-document';
import type { BackendContext } from '../context';

export type CatalogRefusal =
  | { kind: 'catalog-unavailable' }
  | { kind: 'not-found' }
  /** the A4 printer's own reason (the CUPS detail went to the technician's log as a4.failed) */
  | { kind: 'printer'; reason: string };

const UNAVAILABLE = { kind: 'catalog-unavailable' } as const;
const NOT_FOUND = { kind: 'not-found' } as const;

/** The cached catalog, or the refusal the screen shows while there has never been one. */
export function cachedCatalog(ctx: BackendContext): Result<Catalog, CatalogRefusal> {
  const cat = ctx.catalog.catalog;
  return cat ? ok(cat) : err(UNAVAILABLE);
}

/** One service with its department and life events, for the full guide. */
export function serviceGuide(ctx: BackendContext, code: string): Result<{ service: Service; department: Department | null; lifeEvents: LifeEvent[]; catalogVersion: string }, CatalogRefusal> {
  const cat = cachedCatalog(ctx);
  if (!cat.ok) return cat;
  const service = ctx.catalog.service(code);
  if (!service) return err(NOT_FOUND);
  const department = cat.value.departments.find((d) => d.id === service.departmentId) ?? null;
  const lifeEvents = cat.value.lifeEvents.filter((e) => service.lifeEventIds.includes(e.id));
  return ok({ service, department, lifeEvents, catalogVersion: cat.value.version });
}

/** Prints a service's guide on A4. */
export async function printGuide(ctx: BackendContext, code: string, now: Date): Promise<Result<{ jobId: number; pages: number | null }, CatalogRefusal>> {
  const guide = serviceGuide(ctx, code);
  if (!guide.ok) return guide;
  const { service, department, catalogVersion } = guide.value;
  const r = await ctx.devices.a4.printDoc(guideDocument(service, department, catalogVersion, now));
  if (!r.ok) return err({ kind: 'printer', reason: r.error.kind });
  return ok({ jobId: r.value.jobId, pages: r.value.pages });
}
