// The service a journey step is about, when the kiosk can take it whole: the catalog is there,
// the code is in it, and the service is done fully at the kiosk with a generated form.
import type { Service } from '../../../common/catalog';
import { err, ok, type Result } from '../../../common/result';
import type { CatalogService } from '../catalog/catalog-service';

export type KioskService = { service: Service; fields: NonNullable<Service['form']>['fields'] };

/** Codes only: the renderer's string table (renderer/src/i18n/refusals.ts) words them. */
export type ServiceRefusal = { kind: 'catalog-unavailable' } | { kind: 'unknown-service' } | { kind: 'not-at-kiosk'; note: string | null };

export function serviceFor(catalog: Pick<CatalogService, 'catalog' | 'service'>, code: string): Result<KioskService, ServiceRefusal> {
  if (!catalog.catalog) return err({ kind: 'catalog-unavailable' });
  const service = catalog.service(code);
  if (!service) return err({ kind: 'unknown-service' });
  if (!service.kioskFull || !service.form) return err({ kind: 'not-at-kiosk', note: service.kioskNote ?? null });
  return ok({ service, fields: service.form.fields });
}
