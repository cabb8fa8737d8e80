// What a name or a piece of free text may contain, one rule for the kiosk's and central's zod
// schemas alike. Invisible controls and bidirectional overrides make a text read differently from
// what it is ("invoice\u202Efdp.exe" shows as "invoiceexe.pdf"; U+0085 is a line break to some
// parsers and nothing to others), and a look-alike slash or a Windows device name turns a plain
// file name into a path or a device the moment someone saves the file on a desktop.
import { z } from 'zod';
import { lazySchema } from './lazy-schema';
import { textProblem, type TextProblem } from './text-problem';

export { textProblem, type TextProblem } from './text-problem';

/** Characters that read as a slash, backslash or dot separator but are not one. */
const LOOKALIKE_PATH = /[\u2044\u2215\u2216\u2571\u2572\u29F5\u29F8\u29F9\uFE68\uFF0F\uFF3C\u2024\u2025\uFF0E]/;
/** Characters Windows and common tools refuse or treat specially in a file name. */
const RESERVED_IN_NAME = /[\\/:*?"<>|]/;
/** DOS device names, reserved with any extension and whatever trails them (CON.txt, nul . , COM¹). */
const DEVICE_NAME = /^(CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|COM[1-9\u00B9\u00B2\u00B3]|LPT[1-9\u00B9\u00B2\u00B3])$/i;

const MESSAGES: Record<TextProblem | NameProblem, string> = {
  control: '含有不可见的控制字符 / contains invisible control characters',
  bidi: '含有文字方向控制符 / contains bidirectional override or isolate characters',
  invisible: '含有不可见字符 / contains invisible characters',
  'line-break': '不能换行 / must be a single line',
  'ill-formed': '含有无效的字符编码 / contains ill-formed Unicode',
  path: '文件名不能包含路径或路径符号 / file name must not contain a path or path-like characters',
  device: '文件名不能是系统保留的设备名（如 CON、NUL、COM1）/ file name must not be a reserved device name (CON, NUL, COM1 …)',
  edge: '文件名不能以点或空格开头或结尾 / file name must not start or end with a dot or a space',
};

export type NameProblem = TextProblem | 'path' | 'device' | 'edge';

/** What is wrong with a file name as a person would read it, or null. */
export function fileNameProblem(name: string): NameProblem | null {
  const t = textProblem(name);
  if (t) return t;
  if (RESERVED_IN_NAME.test(name) || LOOKALIKE_PATH.test(name) || name === '.' || name === '..') return 'path';
  if (/^[. ]|[. ]$/.test(name)) return 'edge';
  // Windows ignores what follows the first dot and trailing spaces when it matches device names.
  if (DEVICE_NAME.test(name.split('.')[0]!.replace(/ +$/, ''))) return 'device';
  return null;
}

export function textProblemMessage(p: TextProblem | NameProblem): string {
  return MESSAGES[p];
}

/** Adds the free-text rule to a string schema (keeps its other checks). */
export function cleanText<S extends z.ZodString>(schema: S, o: { multiline?: boolean } = {}): S {
  return schema.superRefine((s, ctx) => {
    const p = textProblem(s, o);
    if (p) ctx.addIssue({ code: 'custom', message: MESSAGES[p] });
  }) as S;
}

/** A file name as a person would read it: no path, no device, nothing invisible. */
export const cleanFileNameSchema = lazySchema(() =>
  z
    .string()
    .min(1)
    .max(120)
    .superRefine((n, ctx) => {
      const p = fileNameProblem(n);
      if (p) ctx.addIssue({ code: 'custom', message: MESSAGES[p] });
    }),
);
