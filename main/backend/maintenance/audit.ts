// Every maintenance action leaves two traces: a log line (event catalogue id) and a row in the
// maintenance_audit table. Details are action names, ids and counts, never citizen data.
import { scrubText } from '../../../common/mask';
import type { AuditOutcome, MaintenanceTables } from '../../../offline-queue/store/maintenance-tables';
import type { Logger } from '../log/logger';

export type AuditDetail = Record<string, string | number | boolean | null>;

export class Auditor {
  constructor(
    private readonly tables: MaintenanceTables,
    private readonly logger: Logger,
  ) {}

  record(sessionTag: string | null, action: string, outcome: AuditOutcome, detail: AuditDetail = {}): void {
    const clean: AuditDetail = {};
    for (const [k, v] of Object.entries(detail)) clean[k] = typeof v === 'string' ? scrubText(v).slice(0, 300) : v;
    this.logger.log('maintenance.action', { session: sessionTag, action, outcome, ...clean });
    try {
      this.tables.audit({ at: new Date().toISOString(), sessionTag, action, outcome, detail: JSON.stringify(clean) });
    } catch (e) {
      // The log line above already carries the action; a full disk must not stop maintenance.
      this.logger.log('http.error', { route: 'maintenance.audit', message: (e as Error).message });
    }
  }
}
