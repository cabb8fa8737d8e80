// What the offline queue tells the technician (maintenance panel, `queue.alert` events): a code
// with its parameters; the renderer words it (renderer/src/i18n/queue-alert-words.ts). The kind
// groups codes by what the technician has to look at.

export type QueueAlertDetail =
  /** the encryption key does not open the database's sealed rows */
  | { code: 'key-mismatch' }
  /** a crypto-suite switch stopped at a sealed item (`table.column`, or the error) */
  | { code: 'suite-switch-failed'; item: string }
  /** the database failed its integrity check and was moved aside (the quarantined file's name) */
  | { code: 'quarantined'; file: string }
  /** submissions of the quarantined database that salvage could not read (null: all of them) */
  | { code: 'salvage-unreadable'; count: number | null }
  /** the disk is full: an application was not saved */
  | { code: 'disk-full' }
  /** central refused this terminal's credentials (central's reason, as it came) */
  | { code: 'auth-refused'; detail: string };

export type QueueAlertCode = QueueAlertDetail['code'];

const KIND = {
  'key-mismatch': 'key',
  'suite-switch-failed': 'key',
  quarantined: 'integrity',
  'salvage-unreadable': 'integrity',
  'disk-full': 'disk-full',
  'auth-refused': 'auth',
} as const satisfies Record<QueueAlertCode, string>;

export type QueueAlertKind = (typeof KIND)[QueueAlertCode];

/** The alert as the queue keeps and sends it: kind and code with its parameters. */
export type QueueAlertOf = { kind: QueueAlertKind } & QueueAlertDetail;

export function queueAlert(detail: QueueAlertDetail): QueueAlertOf {
  return { kind: KIND[detail.code], ...detail };
}
