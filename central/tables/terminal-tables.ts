// Registered terminals (their signing secrets, crypto suite and SM2 public keys) and the nonces
// they used: replay protection.
import type { Db } from './database';

export type SuiteName = 'international' | 'sm';

/** How central expects a terminal to sign. */
export interface TerminalSuite {
  terminalId: string;
  /** the suite the terminal is registered for: requests signed otherwise are refused … */
  suite: SuiteName;
  /** … except until this instant (ms), while the terminal switches */
  transitionUntil: number | null;
  /** hex SM2 public key (uncompressed, 04…); needed for `sm` */
  sm2PublicKey: string | null;
  /** the suite the terminal says it uses (its heartbeat); null before it first said */
  announcedSuite: SuiteName | null;
}

/** Everything the request check needs about one terminal, in one read. */
export interface TerminalCredentials extends TerminalSuite {
  secret: string;
}

interface TerminalRow {
  terminal_id: string;
  secret: string;
  suite: SuiteName;
  sm2_public_key: string | null;
  transition_until: number | null;
  announced_suite: SuiteName | null;
}

const suiteOf = (r: TerminalRow): TerminalSuite => ({
  terminalId: r.terminal_id,
  suite: r.suite,
  transitionUntil: r.transition_until,
  sm2PublicKey: r.sm2_public_key,
  announcedSuite: r.announced_suite,
});

export class TerminalTables {
  /**
   * Enabled terminals' credentials as last read, so a signed request costs no query (`--cpu-prof`
   * of central under bench/fleet.bench.ts: the lookup was a heartbeat's largest cost after its
   * commit). Emptied by a trigger on every insert, update or delete of a terminal row on this
   * connection — re-registration, a new suite or key, disabling, also by SQL outside these
   * methods — and filled only outside a transaction, so it never holds a change that could still
   * roll back. Central is the only writer of its database (one process, one connection).
   * Unknown terminals are not kept: a prober cannot grow it.
   */
  private readonly credentials = new Map<string, Readonly<TerminalCredentials>>();

  constructor(private readonly db: Db) {
    db.function('central_terminals_changed', { deterministic: false, varargs: false }, () => {
      this.credentials.clear();
      return null;
    });
    for (const op of ['INSERT', 'UPDATE', 'DELETE'])
      db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS terminals_changed_${op.toLowerCase()} AFTER ${op} ON main.terminals BEGIN SELECT central_terminals_changed(); END`);
  }

  /**
   * Registers (or re-provisions) a terminal. Re-registering without a suite keeps the one it has:
   * a new secret is not a way to move a terminal off `sm`.
   */
  registerTerminal(terminalId: string, secret: string, crypto: { suite?: SuiteName; sm2PublicKey?: string | null } = {}): void {
    this.db
      .prepare(
        `INSERT INTO terminals (terminal_id, secret, created_at, suite, sm2_public_key) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (terminal_id) DO UPDATE SET secret = excluded.secret, disabled = 0,
           suite = CASE WHEN ? THEN excluded.suite ELSE suite END,
           sm2_public_key = COALESCE(excluded.sm2_public_key, sm2_public_key)`,
      )
      .run(terminalId, secret, new Date().toISOString(), crypto.suite ?? 'international', crypto.sm2PublicKey ?? null, crypto.suite ? 1 : 0);
  }

  terminalSecret(terminalId: string): string | null {
    const r = this.db.prepare('SELECT secret FROM terminals WHERE terminal_id = ? AND disabled = 0').get(terminalId) as { secret: string } | undefined;
    return r?.secret ?? null;
  }

  /** An enabled terminal's secret and suite; null for an unknown or disabled one. */
  terminalCredentials(terminalId: string): Readonly<TerminalCredentials> | null {
    const cached = this.credentials.get(terminalId);
    if (cached) return cached;
    const r = this.db.prepare('SELECT terminal_id, secret, suite, sm2_public_key, transition_until, announced_suite FROM terminals WHERE terminal_id = ? AND disabled = 0').get(terminalId) as
      TerminalRow | undefined;
    if (!r) return null;
    const found = Object.freeze({ ...suiteOf(r), secret: r.secret });
    if (!this.db.inTransaction) this.credentials.set(terminalId, found);
    return found;
  }

  terminalSuite(terminalId: string): TerminalSuite | null {
    const r = this.terminalCredentials(terminalId);
    if (!r) return null;
    const { secret: _secret, ...suite } = r;
    return suite;
  }

  /** Sets a terminal's suite, SM2 key (kept when not given) and transition window; false for an unknown terminal. */
  setTerminalSuite(terminalId: string, s: { suite: SuiteName; sm2PublicKey?: string | null; transitionUntil: number | null }): boolean {
    return (
      this.db
        .prepare('UPDATE terminals SET suite = ?, sm2_public_key = COALESCE(?, sm2_public_key), transition_until = ? WHERE terminal_id = ? AND disabled = 0')
        .run(s.suite, s.sm2PublicKey ?? null, s.transitionUntil, terminalId).changes === 1
    );
  }

  /** What the terminal said about its own suite (its heartbeat). */
  recordAnnouncedSuite(terminalId: string, suite: SuiteName): void {
    // Sent with every heartbeat, changed almost never: written only when it differs.
    if (this.credentials.get(terminalId)?.announcedSuite === suite) return;
    this.db.prepare('UPDATE terminals SET announced_suite = ? WHERE terminal_id = ? AND announced_suite IS NOT ?').run(suite, terminalId, suite);
  }

  /** Nonces seen at or after this instant, oldest first (what the replay guard starts with). */
  noncesSince(since: number): { terminalId: string; nonce: string; seenAt: number }[] {
    return this.db.prepare('SELECT terminal_id AS terminalId, nonce, seen_at AS seenAt FROM nonces WHERE seen_at >= ? ORDER BY seen_at').all(since) as {
      terminalId: string;
      nonce: string;
      seenAt: number;
    }[];
  }

  /** Persists seen nonces in one transaction and prunes those too old to be accepted anyway. */
  recordNonces(seen: { terminalId: string; nonce: string; seenAt: number }[], pruneBefore: number): void {
    const ins = this.db.prepare('INSERT INTO nonces (terminal_id, nonce, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
    this.db.transaction(() => {
      for (const n of seen) ins.run(n.terminalId, n.nonce, n.seenAt);
      this.db.prepare('DELETE FROM nonces WHERE seen_at < ?').run(pruneBefore);
    })();
  }
}
