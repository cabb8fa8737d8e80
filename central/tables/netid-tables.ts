// 网证 credentials central has verified: their nonces, kept until the credential expires, so each
// credential opens one identification only (at whichever terminal scans it first).
import type { Db } from './database';

export class NetidTables {
  constructor(private readonly db: Db) {}

  /**
   * Records a credential's nonce; false when it was recorded before (a replay). Nonces of
   * credentials expired before `now` are pruned in the same transaction: they cannot be replayed
   * anyway, since an expired credential is refused before its nonce is looked at.
   */
  useNetidNonce(kid: string, nonce: string, expiresAt: number, now: number): boolean {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM netid_nonces WHERE expires_at < ?').run(now);
      return this.db.prepare('INSERT INTO netid_nonces (kid, nonce, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(kid, nonce, expiresAt).changes === 1;
    })();
  }
}
