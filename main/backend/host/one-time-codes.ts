// Launch codes for the loopback transport. The per-boot secret must never travel in a URL (a
// URL ends up on Chromium's command line, which every local user can read, and on stdout); a
// launch URL carries instead a code that is good for one exchange, within a short time.
import crypto from 'node:crypto';

export const LAUNCH_CODE_TTL_MS = 60_000;

export class OneTimeCodes {
  private readonly live = new Map<string, number>();

  constructor(
    private readonly ttlMs = LAUNCH_CODE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  issue(): string {
    this.prune();
    const code = crypto.randomBytes(24).toString('base64url');
    this.live.set(code, this.now() + this.ttlMs);
    return code;
  }

  /** True once for a code issued less than the TTL ago; it is spent either way. */
  redeem(code: string): boolean {
    const expires = this.live.get(code);
    if (expires === undefined) return false;
    this.live.delete(code);
    return this.now() < expires;
  }

  private prune(): void {
    const t = this.now();
    for (const [code, expires] of this.live) if (expires <= t) this.live.delete(code);
  }
}
