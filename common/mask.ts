// Personal data is never shown or logged in clear outside the citizen's own screen.

/** 320102199003071234 → 3201**********1234 (keeps the first four and last four). */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 8) return '*'.repeat(s.length);
  return s.slice(0, 4) + '*'.repeat(s.length - 8) + s.slice(-4);
}

/** 张三丰 → 张** ; keeps the family name only. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** 13812345678 → 138****5678 */
export function maskPhone(phone: string): string {
  const s = phone.trim();
  if (s.length < 7) return '*'.repeat(s.length);
  return s.slice(0, 3) + '*'.repeat(s.length - 7) + s.slice(-4);
}

const ID_LIKE = /\b(\d{4})\d{10}(\d{3}[\dXx])\b/g;
const PHONE_LIKE = /\b(1[3-9]\d)\d{4}(\d{4})\b/g;

/** Scrubs anything shaped like an ID or mobile number out of free text (error messages, device dumps). */
export function scrubText(text: string): string {
  return text.replace(ID_LIKE, '$1**********$2').replace(PHONE_LIKE, '$1****$2');
}
