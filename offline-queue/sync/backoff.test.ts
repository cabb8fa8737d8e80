import { describe, expect, it } from 'vitest';
import { fullJitterDelay, parseRetryAfter, retryDelay } from './backoff';

const policy = { baseMs: 100, capMs: 10_000 };

describe('backoff', () => {
  it('draws each delay uniformly below an exponentially growing, capped ceiling (full jitter)', () => {
    expect(fullJitterDelay(0, policy, () => 0.999)).toBe(99);
    expect(fullJitterDelay(3, policy, () => 0.5)).toBe(400);
    expect(fullJitterDelay(20, policy, () => 0.999)).toBe(9990); // capped
    expect(fullJitterDelay(5, policy, () => 0)).toBe(0);
    const samples = Array.from({ length: 2000 }, () => fullJitterDelay(4, policy));
    expect(Math.max(...samples)).toBeLessThan(1600);
    expect(Math.min(...samples)).toBeLessThan(200); // spread over the whole range, not clustered at the top
  });

  it('honours Retry-After as seconds or as an HTTP date, and never waits less than it asks', () => {
    const now = Date.parse('2026-11-22T08:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 08:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(retryDelay(0, policy, 5000, () => 0.5)).toBe(5000);
    expect(retryDelay(10, policy, 100, () => 0.9)).toBe(9000);
    expect(retryDelay(0, policy, 86_400_000, () => 0)).toBe(3_600_000); // a silly Retry-After is capped at 1 h
  });
});
