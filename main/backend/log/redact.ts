// What the logger (and the log export) does to every field before it is written: a citizen's data
// is masked by its kind, credentials are dropped, free text is scrubbed of ID and phone numbers.
import { logEvents, type PersonalField } from '../../../common/log-events';
import { maskIdNumber, maskName, maskPhone, scrubText } from '../../../common/mask';

// Masked rather than dropped, so a technician can still correlate lines ("3201**********1234"
// tells two sessions apart).
const BY_KIND: Record<PersonalField, (v: string) => string> = {
  idNumber: maskIdNumber,
  name: maskName,
  phone: maskPhone,
  address: () => '***',
  photo: () => '[photo]',
};

// Masked whatever the event declares: credentials, and names that only ever hold a citizen's data
// (a backstop for an event that forgot to declare them). Not `name`: it names migrations, helper
// processes and devices far more often than people, so only the events that say so mask it.
const ALWAYS: Record<string, (v: string) => string> = {
  idnumber: maskIdNumber,
  id_number: maskIdNumber,
  applicantname: maskName,
  phone: maskPhone,
  mobile: maskPhone,
  address: () => '***',
  photo: () => '[photo]',
  secret: () => '[secret]',
  token: () => '[secret]',
};

/**
 * The fields an event declares personal in the catalogue. An event the catalogue does not know (a
 * line an older build wrote, read back by the log export) may hold anything: every kind is masked.
 */
export function personalFields(event: unknown): ReadonlySet<string> {
  const spec = typeof event === 'string' && Object.hasOwn(logEvents, event) ? logEvents[event as keyof typeof logEvents] : undefined;
  if (!spec) return new Set(Object.keys(BY_KIND));
  return new Set('personal' in spec ? spec.personal : []);
}

/**
 * A redacted copy of `value`. `personal` defaults to what the catalogue declares for `value.event`,
 * so a whole log line read back from a file is redacted as it was when written.
 */
export function redact(value: unknown, personal: ReadonlySet<string> = personalFields((value as { event?: unknown } | null)?.event), key = '', depth = 0): unknown {
  if (depth > 6) return '[deep]';
  const masker = (personal.has(key) ? BY_KIND[key as PersonalField] : undefined) ?? ALWAYS[key.toLowerCase()];
  if (typeof value === 'string') return masker ? masker(value) : scrubText(value);
  if (masker && value != null && typeof value !== 'object') return masker(String(value));
  if (value instanceof Error) return { message: scrubText(value.message), name: value.name };
  if (value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
  if (Array.isArray(value)) return value.map((v) => redact(v, personal, key, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redact(v, personal, k, depth + 1);
    return out;
  }
  return value;
}
