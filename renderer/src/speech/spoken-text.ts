// What the kiosk says is read from the screen itself, so the spoken words are the displayed
// words by construction: a prompt is any element marked `data-spoken` (a step's title and lead,
// a device prompt), an error any `role="alert"`. Hidden elements are not said.

/** The backend's limit; no prompt or error on screen comes near it. */
const SPOKEN_TEXT_MAX = 2000;

export const SPOKEN_SELECTOR = '[data-spoken], [role="alert"]';

/** The text as a reader sees it: the element's text with runs of white space as one space. */
export function displayedText(el: Element): string {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function shown(el: Element): boolean {
  if (el.closest('[aria-hidden="true"], [hidden], [data-speech-skip]')) return false;
  return el instanceof HTMLElement ? el.getClientRects().length > 0 : true;
}

/** Every prompt and error on screen now, in reading (document) order, with its text. */
export function spokenElements(root: ParentNode): Array<{ el: Element; text: string }> {
  return Array.from(root.querySelectorAll(SPOKEN_SELECTOR))
    .filter(shown)
    .map((el) => ({ el, text: displayedText(el) }))
    .filter((x) => x.text.length > 0);
}

/** One utterance from several pieces: each piece is said as shown, with a pause between. */
export function utterance(pieces: string[]): string {
  return pieces.join(' ').slice(0, SPOKEN_TEXT_MAX);
}
