// What the hall's staff member sees of the kiosk's screen during 视频帮办: a structured view —
// the title, headings, buttons and the names of form fields — never pixels, never a field's
// value (what the citizen typed or the card filled in) and nothing inside [data-personal]. Each
// item gets a stable data-help-id on its element so the staff member can point at it.
import { scrubText } from '../../../common/mask';

export interface ScreenItem {
  id: string;
  role: 'heading' | 'button' | 'field';
  label: string;
}
export interface ScreenView {
  title: string;
  items: ScreenItem[];
}

const MAX_ITEMS = 80;
const MAX_LABEL = 80;
const SELECTOR = 'h1, h2, h3, button, [role="button"], a[href], input:not([type="hidden"]), select, textarea';
let nextId = 1;

const clean = (s: string) => scrubText(s.replace(/\s+/g, ' ').trim()).slice(0, MAX_LABEL);

function fieldLabel(el: HTMLElement): string {
  const aria = el.getAttribute('aria-label');
  if (aria) return aria;
  const id = el.id;
  const byFor = id ? el.ownerDocument.querySelector(`label[for="${CSS.escape(id)}"]`) : null;
  if (byFor) return byFor.textContent ?? '';
  const wrapping = el.closest('label');
  if (wrapping) {
    // the label's own words, without the field's value inside it
    const copy = wrapping.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('input, select, textarea').forEach((n) => n.remove());
    return copy.textContent ?? '';
  }
  return el.getAttribute('placeholder') ?? '';
}

function labelOf(el: HTMLElement): string {
  if (el.matches('input, select, textarea')) return fieldLabel(el);
  return el.getAttribute('aria-label') ?? el.textContent ?? '';
}

function roleOf(el: HTMLElement): ScreenItem['role'] {
  if (el.matches('h1, h2, h3')) return 'heading';
  if (el.matches('input, select, textarea')) return 'field';
  return 'button';
}

function visible(el: HTMLElement): boolean {
  if (el.closest('[hidden], [aria-hidden="true"]')) return false;
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0;
}

/** The view of what is under `root` now (the help panel itself is left out: it is marked data-help-private). */
export function describeScreen(root: ParentNode): ScreenView {
  const items: ScreenItem[] = [];
  for (const el of Array.from(root.querySelectorAll<HTMLElement>(SELECTOR))) {
    if (items.length >= MAX_ITEMS) break;
    if (el.closest('[data-help-private], [data-personal]') || !visible(el)) continue;
    const label = clean(labelOf(el));
    if (!label) continue;
    let id = el.dataset.helpId;
    if (!id) el.dataset.helpId = id = `h${nextId++}`;
    items.push({ id, role: roleOf(el), label });
  }
  const h1 = root.querySelector<HTMLElement>('main h1, h1');
  return { title: h1 ? clean(h1.textContent ?? '') : '', items };
}

/** The element a staff member pointed at, if it is still on the screen and not private. */
export function pointTarget(doc: Document, id: string): HTMLElement | null {
  if (!/^h\d{1,9}$/.test(id)) return null;
  const el = doc.querySelector<HTMLElement>(`[data-help-id="${id}"]`);
  return el && !el.closest('[data-help-private]') ? el : null;
}
