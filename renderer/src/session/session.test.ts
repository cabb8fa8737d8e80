import { describe, expect, it } from 'vitest';
import { currentScreen, initialSession, MAX_QUERY, sessionReducer, type SessionAction, type SessionState } from './session';

const run = (s: SessionState, ...actions: SessionAction[]) => actions.reduce(sessionReducer, s);

describe('session', () => {
  it('starts on the attract screen in the configured language, normal text, empty search', () => {
    const s = initialSession('en');
    expect(currentScreen(s)).toEqual({ kind: 'attract' });
    expect(s).toMatchObject({ lang: 'en', display: { textSize: 0, highContrast: false, lowReach: false }, query: '' });
  });

  it('idle reset wipes everything the citizen did and returns to the attract screen', () => {
    const used = run(
      initialSession('zh-CN'),
      { type: 'home' },
      { type: 'open', screen: { kind: 'search' } },
      { type: 'query', value: 'sbk' },
      { type: 'lang', value: 'en' },
      { type: 'display', value: { textSize: 3 } },
      { type: 'display', value: { highContrast: true } },
      { type: 'display', value: { lowReach: true } },
      { type: 'open', screen: { kind: 'guide', code: '321300-GG-00201-001' } },
    );
    const reset = sessionReducer(used, { type: 'reset', lang: 'zh-CN' });
    expect(currentScreen(reset)).toEqual({ kind: 'attract' });
    expect(reset.stack).toHaveLength(1);
    expect(used.display).toEqual({ textSize: 3, highContrast: true, lowReach: true });
    expect(reset).toMatchObject({ query: '', lang: 'zh-CN', display: { textSize: 0, highContrast: false, lowReach: false } });
    expect(reset.generation).toBe(used.generation + 1);
  });

  it('display settings change one at a time and survive navigation within the session', () => {
    const s = run(
      initialSession('zh-CN'),
      { type: 'display', value: { textSize: 2 } },
      { type: 'display', value: { highContrast: true } },
      { type: 'home' },
      { type: 'open', screen: { kind: 'search' } },
      { type: 'back' },
    );
    expect(s.display).toEqual({ textSize: 2, highContrast: true, lowReach: false });
  });

  it('a helper signing out wipes the display settings with the resident', () => {
    const s = run(
      initialSession('zh-CN'),
      { type: 'helper-signed-in', helper: { id: 'HB-001', name: '周海燕' } },
      { type: 'display', value: { lowReach: true, textSize: 1 } },
      { type: 'helper-signed-out' },
    );
    expect(s.display).toEqual({ textSize: 0, highContrast: false, lowReach: false });
  });

  it('Back walks the history; Back on the attract screen stays there', () => {
    const s = run(initialSession('zh-CN'), { type: 'home' }, { type: 'open', screen: { kind: 'list', by: 'lifeEvent', id: 'birth' } });
    const back = sessionReducer(s, { type: 'back' });
    expect(currentScreen(back)).toEqual({ kind: 'home', tab: 'department' });
    const attract = run(back, { type: 'back' }, { type: 'back' });
    expect(currentScreen(attract)).toEqual({ kind: 'attract' });
  });

  it('Home from deep inside goes to the catalog home, with the attract screen one Back away', () => {
    const deep = run(initialSession('zh-CN'), { type: 'home' }, { type: 'open', screen: { kind: 'search' } }, { type: 'open', screen: { kind: 'guide', code: 'X1234567' } });
    const home = sessionReducer(deep, { type: 'home' });
    expect(home.stack).toEqual([{ kind: 'attract' }, { kind: 'home', tab: 'department' }]);
  });

  it('switching tabs replaces the screen, so Back does not replay tab taps', () => {
    const s = run(initialSession('zh-CN'), { type: 'home' }, { type: 'replace', screen: { kind: 'home', tab: 'lifeEvent' } });
    expect(s.stack).toHaveLength(2);
    expect(currentScreen(sessionReducer(s, { type: 'back' }))).toEqual({ kind: 'attract' });
  });

  it('caps the search text at the length the backend accepts', () => {
    const s = sessionReducer(initialSession('zh-CN'), { type: 'query', value: 'a'.repeat(80) });
    expect(s.query).toHaveLength(MAX_QUERY);
  });
});
