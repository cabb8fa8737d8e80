import { describe, expect, it } from 'vitest';
import { syncResultText } from './maintenance-words';

describe('maintenance words: the forced sync result', () => {
  it('says the counts when the sync finished', () => {
    expect(syncResultText({ lastFailure: null, lastError: null, pending: 0, sent: 12, dead: 1 })).toBe('同步完成：待传 0，已传 12，待处理 1 / sync done: 0 pending, 12 sent, 1 need attention');
  });

  it('says why it did not, in words for each failure code, with the engine’s detail after them', () => {
    const kinds = ['network', 'unavailable', 'auth', 'rejected', 'invalid', 'internal'] as const;
    const lines = kinds.map((k) => syncResultText({ lastFailure: k, lastError: null, pending: 3, sent: 0, dead: 0 }));
    for (const l of lines) expect(l).toMatch(/^同步未完成 \/ sync incomplete: \S/);
    expect(new Set(lines).size).toBe(kinds.length);
    expect(syncResultText({ lastFailure: 'network', lastError: 'connect ECONNREFUSED 127.0.0.1:1', pending: 3, sent: 0, dead: 0 })).toBe(
      '同步未完成 / sync incomplete: 无法连接中心系统（网络不通或中心未应答） / central cannot be reached (no network or no answer) — connect ECONNREFUSED 127.0.0.1:1',
    );
  });
});
