// What a piece of free text may not contain (text-hygiene.ts explains why), without zod: the
// renderer checks form answers with it and must not ship zod for that.

/** C0 and C1 controls and DEL, except tab, line feed and carriage return (judged separately). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Embeddings, overrides and isolates (U+202A–202E, U+2066–2069) and the implicit marks. */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
/** Invisible characters that split or join text unseen, and the Unicode line / paragraph separators. */
const INVISIBLE = /[\u200B\u2028\u2029\u2060\uFEFF]/;
/** Half of a UTF-16 pair without its other half (JSON can carry one; UTF-8 cannot). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export type TextProblem = 'control' | 'bidi' | 'invisible' | 'line-break' | 'ill-formed';

/** What is wrong with a free text, or null. Multi-line fields may hold line breaks (\n, \r\n) and tabs. */
export function textProblem(s: string, o: { multiline?: boolean } = {}): TextProblem | null {
  if (LONE_SURROGATE.test(s)) return 'ill-formed';
  if (CONTROL.test(s)) return 'control';
  if (BIDI.test(s)) return 'bidi';
  if (INVISIBLE.test(s)) return 'invisible';
  if (!o.multiline && /[\t\n\r]/.test(s)) return 'line-break';
  return null;
}
