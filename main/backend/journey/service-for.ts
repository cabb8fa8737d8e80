// The service a journey step is about, when the kiosk can take it whole: the catalog is there,
// the code is in it, and the service is done fully at the kiosk with a generated form.
import type { Service } from '../../../common/catalog';
import { err, ok, type Result } from '../../../common/result';
import type { CatalogService } from '../catalog/catalog-service';

export type KioskService = { service: Service; fields: NonNullable<Service['form']>['fields'] };

export type ServiceRefusal = { kind: 'catalog-unavailable'; message: string } | { kind: 'unknown-service'; message: string } | { kind: 'not-at-kiosk'; message: string };

export function serviceFor(catalog: Pick<CatalogService, 'catalog' | 'service'>, code: string): Result<KioskService, ServiceRefusal> {
  if (!catalog.catalog) return err({ kind: 'catalog-unavailable', message: '事项清单尚未同步，暂不能申请 / the service list is not available yet' });
  const service = catalog.service(code);
  if (!service) return err({ kind: 'unknown-service', message: '未找到该事项 / no such service' });
  if (!service.kioskFull || !service.form)
    return err({ kind: 'not-at-kiosk', message: `该事项不能在自助机全程办理：${service.kioskNote ?? '请到窗口办理'} / this service cannot be completed at the kiosk` });
  return ok({ service, fields: service.form.fields });
}
