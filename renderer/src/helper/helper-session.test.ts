// The shared session contract (team.md): the helper outlives each resident's reset and is
// cleared, with everything on screen, by the helper's sign-out.
import { describe, expect, it } from 'vitest';
import { currentScreen, initialSession, sessionReducer, type SessionAction, type SessionState } from '../session/session';
import { parseKioskEvent } from '../system/events';

const run = (s: SessionState, ...as: SessionAction[]) => as.reduce(sessionReducer, s);

describe('helper in the session', () => {
  it('survives the resident’s reset (finish or idle) and is gone after helper sign-out', () => {
    const signedIn = run(
      initialSession('zh-CN'),
      { type: 'helper-signed-in', helper: { id: 'HB-001', name: '周海燕' } },
      { type: 'home' },
      { type: 'open', screen: { kind: 'guide', code: 'X1234567' } },
    );
    const afterResident = run(signedIn, { type: 'reset', lang: 'zh-CN' });
    expect(afterResident.helper).toEqual({ id: 'HB-001', name: '周海燕' });
    expect(currentScreen(afterResident)).toEqual({ kind: 'attract' });
    const out = run(signedIn, { type: 'query', value: '社保' }, { type: 'helper-signed-out' });
    expect(out.helper).toBeNull();
    expect(out.query).toBe('');
    expect(currentScreen(out)).toEqual({ kind: 'attract' });
    expect(out.generation).toBeGreaterThan(signedIn.generation);
  });

  it('parses the backend’s helper sign-out event and refuses a malformed one', () => {
    expect(parseKioskEvent(JSON.stringify({ type: 'helper.signed-out', reason: 'idle' }))).toEqual({ type: 'helper.signed-out', reason: 'idle' });
    expect(parseKioskEvent(JSON.stringify({ type: 'helper.signed-out', reason: 'whatever' }))).toBeNull();
  });
});
