// Central's own SQLite store: the one owner of central's SQL. Each table group (central/tables/)
// keeps its own statements; this facade opens the database once and offers every group's
// methods on one object, so routes keep asking "the store" without knowing which group answers.
import { AttachmentTables } from './tables/attachment-tables';
import { CaseTables } from './tables/case-tables';
import { CatalogTables } from './tables/catalog-tables';
import { openCentralDatabase, type Db } from './tables/database';
import { DocumentTables } from './tables/document-tables';
import { EvaluationTables } from './tables/evaluation-tables';
import { FleetTables } from './tables/fleet-tables';
import { GroupCommit } from './tables/group-commit';
import { HelpTables } from './tables/help-tables';
import { LookupAuditTables } from './tables/lookup-audit-tables';
import { NetidTables } from './tables/netid-tables';
import { ReleaseTables } from './tables/release-tables';
import { StaffTables } from './tables/staff-tables';
import { TerminalTables } from './tables/terminal-tables';

export type { PublishedCatalog } from './tables/catalog-tables';
export { TransitionError, type CaseRow, type IntakeOutcome } from './tables/case-tables';
export type { LookupAuditEntry } from './tables/lookup-audit-tables';
export type { ReleaseRow, RolloutStage } from './tables/release-tables';
export type { HelpCallRow, HelpCallbackRow, HelpNoticeRow } from './tables/help-tables';

/** A group's public methods (its database handle and collaborators stay private). */
type Methods<T> = Pick<T, keyof T>;

/** Puts a group's methods on the store, bound to the group; two groups may not claim one name. */
function expose(store: object, group: object): void {
  for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(group))) {
    if (name === 'constructor') continue;
    if (name in store) throw new Error(`store method ${name} is offered by two table groups`);
    const method = (group as Record<string, unknown>)[name];
    if (typeof method === 'function') Object.defineProperty(store, name, { value: method.bind(group) });
  }
}

export interface CentralStore
  extends
    Methods<CatalogTables>,
    Methods<TerminalTables>,
    Methods<AttachmentTables>,
    Methods<CaseTables>,
    Methods<DocumentTables>,
    Methods<LookupAuditTables>,
    Methods<EvaluationTables>,
    Methods<StaffTables>,
    Methods<FleetTables>,
    Methods<ReleaseTables>,
    Methods<HelpTables>,
    Methods<NetidTables> {}

export class CentralStore {
  readonly db: Db;
  private readonly beforeClose = new Set<() => void>();
  private readonly commits: GroupCommit;

  constructor(file: string) {
    this.db = openCentralDatabase(file);
    this.commits = new GroupCommit(this.db);
    const attachments = new AttachmentTables(this.db);
    const documents = new DocumentTables(this.db);
    const fleet = new FleetTables(this.db);
    // Heartbeats are written behind (tables/fleet-tables.ts): the last ones are committed before the file closes.
    this.onClose(() => fleet.flushHeartbeats());
    for (const group of [
      new CatalogTables(this.db),
      new TerminalTables(this.db),
      attachments,
      new CaseTables(this.db, attachments, documents),
      documents,
      new LookupAuditTables(this.db),
      new EvaluationTables(this.db),
      new StaffTables(this.db),
      fleet,
      new ReleaseTables(this.db),
      new HelpTables(this.db),
      new NetidTables(this.db),
    ])
      expose(this, group);
  }

  /** Lets a component flush what it holds in memory before the database closes. */
  onClose(fn: () => void): void {
    this.beforeClose.add(fn);
  }

  /**
   * Runs store writes (one or more store methods) in a transaction shared with the other
   * requests that arrived in the same turn of the event loop; resolves once it is committed.
   */
  grouped<T>(write: () => T): Promise<T> {
    return this.commits.run(write);
  }

  close(): void {
    this.commits.flush();
    for (const fn of this.beforeClose) fn();
    this.db.close();
  }

  stats(): { cases: number; attachments: number; nonces: number; evaluations: number } {
    const n = (sql: string) => (this.db.prepare(sql).get() as { n: number }).n;
    return {
      cases: n('SELECT COUNT(*) AS n FROM cases'),
      attachments: n('SELECT COUNT(*) AS n FROM attachments'),
      nonces: n('SELECT COUNT(*) AS n FROM nonces'),
      evaluations: n('SELECT COUNT(*) AS n FROM evaluations'),
    };
  }
}
