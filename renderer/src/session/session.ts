// One citizen's session: where they are, what they typed, how they want the screen.
// Everything here is wiped by the idle timeout, so a pure reducer keeps "reset" exact.

export type Lang = 'zh-CN' | 'en';
/** 0 = normal text; 1–3 = the three large-text steps (root font 1.35×, 1.6×, 1.85×). */
export type TextSize = 0 | 1 | 2 | 3;
export const LARGEST_TEXT: TextSize = 3;

/** How the citizen wants the screen: text size, 高对比 colours, 低位 (every control in the
 *  lower part of the screen, for a wheelchair user). Wiped with the session like the language. */
export interface Display {
  textSize: TextSize;
  highContrast: boolean;
  lowReach: boolean;
}

export const NORMAL_DISPLAY: Display = { textSize: 0, highContrast: false, lowReach: false };
export type CatalogTab = 'department' | 'lifeEvent';

export type Screen =
  | { kind: 'attract' }
  | { kind: 'home'; tab: CatalogTab }
  | { kind: 'list'; by: CatalogTab; id: string }
  | { kind: 'search' }
  | { kind: 'guide'; code: string }
  // Follow-up (办件进度查询): the card / QR / typed receipt step, the cases, the postal address.
  | { kind: 'progress' }
  | { kind: 'progress-cases'; by: 'card' }
  | { kind: 'progress-cases'; by: 'receipt'; receiptNo: string }
  | { kind: 'postal'; receiptNo: string }
  // 帮办代办: helper sign-in (card + PIN) and the helper's own cases.
  | { kind: 'helper-sign-in' }
  | { kind: 'helper-cases' }
  // 申办: the application journey for one service (its steps live inside the screen).
  | { kind: 'apply'; code: string };

/** The township helper signed in at this kiosk (帮办代办); outlives each resident's session. */
export interface SessionHelper {
  id: string;
  name: string;
}

export interface SessionState {
  /** Navigation history; the last entry is on screen. Never empty. */
  stack: Screen[];
  query: string;
  lang: Lang;
  display: Display;
  /** Bumped on every reset so screens can drop their own local state. */
  generation: number;
  /** 帮办代办: set while a helper is signed in; the journey then submits on the helper channel. */
  helper: SessionHelper | null;
}

export type SessionAction =
  | { type: 'open'; screen: Screen }
  | { type: 'replace'; screen: Screen }
  | { type: 'back' }
  | { type: 'home' }
  | { type: 'query'; value: string }
  | { type: 'lang'; value: Lang }
  | { type: 'display'; value: Partial<Display> }
  | { type: 'reset'; lang: Lang }
  | { type: 'helper-signed-in'; helper: SessionHelper }
  | { type: 'helper-signed-out' };

export const MAX_QUERY = 50;
const HOME: Screen = { kind: 'home', tab: 'department' };

export function initialSession(lang: Lang): SessionState {
  return { stack: [{ kind: 'attract' }], query: '', lang, display: NORMAL_DISPLAY, generation: 0, helper: null };
}

export function currentScreen(s: SessionState): Screen {
  return s.stack[s.stack.length - 1]!;
}

export function sessionReducer(s: SessionState, a: SessionAction): SessionState {
  switch (a.type) {
    case 'open':
      return { ...s, stack: [...s.stack, a.screen] };
    case 'replace':
      return { ...s, stack: [...s.stack.slice(0, -1), a.screen] };
    case 'back':
      return s.stack.length > 1 ? { ...s, stack: s.stack.slice(0, -1) } : s;
    case 'home':
      // The attract screen stays underneath so "Back" from home returns to it.
      return { ...s, stack: [{ kind: 'attract' }, HOME] };
    case 'query':
      return { ...s, query: a.value.slice(0, MAX_QUERY) };
    case 'lang':
      return { ...s, lang: a.value };
    case 'display':
      return { ...s, display: { ...s.display, ...a.value } };
    case 'reset':
      // The resident leaves; the helper who served them stays signed in for the next resident.
      return { ...initialSession(a.lang), generation: s.generation + 1, helper: s.helper };
    case 'helper-signed-in':
      return { ...s, helper: a.helper };
    case 'helper-signed-out':
      // Whatever the helper was doing for a resident is wiped with them.
      return { ...initialSession(s.lang), generation: s.generation + 1, helper: null };
  }
}
