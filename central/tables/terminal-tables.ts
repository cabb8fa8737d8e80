// Registered terminals (their signing secrets) and the nonces they used: replay protection.
import type { Db } from './database';

export class TerminalTables {
  constructor(private readonly db: Db) {}

  registerTerminal(terminalId: string, secret: string): void {
    this.db
      .prepare(
        `INSERT INTO terminals (terminal_id, secret, created_at) VALUES (?, ?, ?)
         ON CONFLICT (terminal_id) DO UPDATE SET secret = excluded.secret, disabled = 0`,
      )
      .run(terminalId, secret, new Date().toISOString());
  }

  terminalSecret(terminalId: string): string | null {
    const r = this.db.prepare('SELECT secret FROM terminals WHERE terminal_id = ? AND disabled = 0').get(terminalId) as { secret: string } | undefined;
    return r?.secret ?? null;
  }

  hasNonce(terminalId: string, nonce: string): boolean {
    return this.db.prepare('SELECT 1 FROM nonces WHERE terminal_id = ? AND nonce = ?').get(terminalId, nonce) !== undefined;
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
