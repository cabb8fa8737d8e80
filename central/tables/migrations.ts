// Central's schema, forward-only like the kiosk's (offline-queue/store/migrations.ts). Append new
// entries; never edit, renumber or remove an applied one: a database records the versions it ran,
// so an edited entry would never reach the databases that already have it. The SQL text is kept
// byte for byte as first shipped (SQLite stores it in sqlite_master), hence its indentation.
export interface CentralMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const centralMigrations: readonly CentralMigration[] = [
  {
    version: 1,
    name: 'catalog versions',
    sql: `CREATE TABLE catalog_versions (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     version TEXT NOT NULL UNIQUE,
     etag TEXT NOT NULL,
     body TEXT NOT NULL,
     published_at TEXT NOT NULL
   ) STRICT;`,
  },
  {
    version: 2,
    name: 'terminals, nonces, attachments, cases, events, documents, evaluations, calendars',
    sql: `CREATE TABLE terminals (
     terminal_id TEXT PRIMARY KEY,
     secret TEXT NOT NULL,
     created_at TEXT NOT NULL,
     disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
   ) STRICT;
   CREATE TABLE nonces (
     terminal_id TEXT NOT NULL,
     nonce TEXT NOT NULL,
     seen_at INTEGER NOT NULL,
     PRIMARY KEY (terminal_id, nonce)
   ) STRICT, WITHOUT ROWID;
   CREATE INDEX nonces_age ON nonces (seen_at);
   CREATE TABLE attachments (
     terminal_id TEXT NOT NULL,
     sha256 TEXT NOT NULL,
     size INTEGER NOT NULL,
     mime TEXT NOT NULL,
     name TEXT NOT NULL,
     received INTEGER NOT NULL DEFAULT 0,
     complete INTEGER NOT NULL DEFAULT 0 CHECK (complete IN (0, 1)),
     created_at TEXT NOT NULL,
     PRIMARY KEY (terminal_id, sha256)
   ) STRICT;
   CREATE TABLE attachment_chunks (
     terminal_id TEXT NOT NULL,
     sha256 TEXT NOT NULL,
     offset INTEGER NOT NULL,
     data BLOB NOT NULL,
     PRIMARY KEY (terminal_id, sha256, offset),
     FOREIGN KEY (terminal_id, sha256) REFERENCES attachments (terminal_id, sha256) ON DELETE CASCADE
   ) STRICT;
   CREATE TABLE case_counters (day TEXT PRIMARY KEY, last INTEGER NOT NULL) STRICT;
   CREATE TABLE cases (
     case_no TEXT PRIMARY KEY,
     terminal_id TEXT NOT NULL,
     idempotency_key TEXT NOT NULL,
     receipt_no TEXT NOT NULL,
     service_code TEXT NOT NULL,
     content_hash TEXT NOT NULL,
     manifest TEXT NOT NULL,
     status TEXT NOT NULL,
     created_at TEXT NOT NULL,
     UNIQUE (terminal_id, idempotency_key)
   ) STRICT;
   CREATE INDEX cases_receipt ON cases (terminal_id, receipt_no);
   CREATE TABLE case_events (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     case_no TEXT NOT NULL REFERENCES cases (case_no),
     terminal_id TEXT NOT NULL,
     at TEXT NOT NULL,
     body TEXT NOT NULL
   ) STRICT;
   CREATE INDEX case_events_feed ON case_events (terminal_id, seq);
   CREATE TABLE documents (
     id TEXT PRIMARY KEY,
     case_no TEXT NOT NULL REFERENCES cases (case_no),
     name TEXT NOT NULL,
     size INTEGER NOT NULL,
     sha256 TEXT NOT NULL,
     self_print INTEGER NOT NULL,
     data BLOB NOT NULL,
     created_at TEXT NOT NULL
   ) STRICT;
   CREATE TABLE evaluations (
     terminal_id TEXT NOT NULL,
     idempotency_key TEXT NOT NULL,
     evaluation_id TEXT NOT NULL UNIQUE,
     case_no TEXT NOT NULL REFERENCES cases (case_no),
     rating INTEGER NOT NULL,
     comment TEXT,
     created_at TEXT NOT NULL,
     PRIMARY KEY (terminal_id, idempotency_key)
   ) STRICT;
   CREATE TABLE calendars (
     year INTEGER PRIMARY KEY,
     version TEXT NOT NULL,
     body TEXT NOT NULL,
     published_at TEXT NOT NULL
   ) STRICT;`,
  },
  {
    version: 3,
    name: 'follow-up: notices, self-print, deliveries, applicant lookup',
    // Follow-up at the kiosk: notices beside results, self-print once (who printed, when), postal
    // delivery requests with their tracking numbers, and looking cases up by the applicant's number.
    sql: `ALTER TABLE documents ADD COLUMN kind TEXT NOT NULL DEFAULT 'result' CHECK (kind IN ('notice', 'result'));
   ALTER TABLE documents ADD COLUMN printed_at TEXT;
   ALTER TABLE documents ADD COLUMN printed_by TEXT;
   CREATE TABLE deliveries (
     case_no TEXT PRIMARY KEY REFERENCES cases (case_no),
     idempotency_key TEXT NOT NULL,
     terminal_id TEXT NOT NULL,
     address TEXT NOT NULL,
     requested_at TEXT NOT NULL,
     carrier TEXT,
     tracking_no TEXT
   ) STRICT;
   CREATE INDEX cases_applicant ON cases (terminal_id, upper(json_extract(manifest, '$.applicant.idNumber')));`,
  },
  {
    version: 4,
    name: 'fleet: heartbeats and usage',
    // Fleet view (central/fleet/): each terminal's latest heartbeat and its usage aggregates by day.
    sql: `CREATE TABLE heartbeats (
     terminal_id TEXT PRIMARY KEY,
     received_at INTEGER NOT NULL,
     interval_sec INTEGER NOT NULL,
     body TEXT NOT NULL
   ) STRICT;
   CREATE TABLE terminal_usage (
     terminal_id TEXT NOT NULL,
     day TEXT NOT NULL,
     body TEXT NOT NULL,
     PRIMARY KEY (terminal_id, day)
   ) STRICT;`,
  },
  {
    version: 5,
    name: 'helper staff registry',
    // 帮办代办: the township helpers published to terminals. Only salted scrypt hashes of the card
    // number and the PIN are kept; each change bumps the registry's version.
    sql: `CREATE TABLE staff (
     staff_id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     township TEXT NOT NULL,
     id_number_hash TEXT NOT NULL,
     pin_hash TEXT NOT NULL,
     active INTEGER NOT NULL CHECK (active IN (0, 1)),
     updated_at TEXT NOT NULL
   ) STRICT;
   CREATE TABLE staff_registry_version (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, published_at TEXT NOT NULL) STRICT;`,
  },
  {
    version: 6,
    name: 'follow-up at any terminal',
    // Follow-up at any terminal: a citizen's cases by card or receipt QR, whichever terminal took them.
    sql: `CREATE INDEX cases_receipt_any ON cases (receipt_no);
   DROP INDEX cases_applicant;
   CREATE INDEX cases_applicant_any ON cases (upper(json_extract(manifest, '$.applicant.idNumber')));`,
  },
  {
    version: 7,
    name: 'one evaluation per case and occasion',
    // 一次一评: which occasion an evaluation rates, so central takes one per case and occasion. Not a
    // unique index: databases from before the rule may hold several; the check is in evaluate().
    sql: `ALTER TABLE evaluations ADD COLUMN stage TEXT NOT NULL DEFAULT 'acceptance' CHECK (stage IN ('acceptance', 'result'));
   CREATE INDEX evaluations_case_stage ON evaluations (case_no, stage);`,
  },
  {
    version: 8,
    name: 'helper sign-in verified by central',
    // 帮办代办 sign-in verified by central (issue 10, finding 3): terminals no longer receive the
    // staff hashes; central counts wrong PINs per helper and signs helper proofs with its own key.
    sql: `CREATE TABLE staff_lockouts (
     staff_id TEXT PRIMARY KEY REFERENCES staff (staff_id),
     failures INTEGER NOT NULL CHECK (failures >= 0),
     locked_until INTEGER NOT NULL
   ) STRICT;
   CREATE TABLE central_keys (name TEXT PRIMARY KEY, key BLOB NOT NULL, created_at TEXT NOT NULL) STRICT;
   ALTER TABLE staff ADD COLUMN id_lookup TEXT;
   CREATE INDEX staff_id_lookup ON staff (id_lookup);`,
  },
  {
    version: 9,
    name: 'receipts as capabilities, lookup audit',
    // Receipts as capabilities (issue 10): the digest of the receipt's claim kept with its case, one
    // case per receipt number across central, and every follow-up lookup audited (kind and outcome
    // only: never the number or identity looked up). The audit also is the rate limiter's window.
    sql: `ALTER TABLE cases ADD COLUMN claim_digest TEXT;
   CREATE UNIQUE INDEX cases_receipt_unique ON cases (receipt_no);
   CREATE TABLE lookup_audit (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     terminal_id TEXT NOT NULL,
     at INTEGER NOT NULL,
     action TEXT NOT NULL CHECK (action IN ('lookup', 'document', 'printed', 'delivery')),
     by TEXT NOT NULL CHECK (by IN ('idNumber', 'receiptNo', 'claim')),
     found INTEGER NOT NULL CHECK (found IN (0, 1)),
     proof_ok INTEGER NOT NULL CHECK (proof_ok IN (0, 1)),
     limited INTEGER NOT NULL DEFAULT 0 CHECK (limited IN (0, 1))
   ) STRICT;
   CREATE INDEX lookup_audit_window ON lookup_audit (terminal_id, at);
   CREATE TABLE receipt_refusals (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     terminal_id TEXT NOT NULL,
     at TEXT NOT NULL,
     code TEXT NOT NULL CHECK (code IN ('receipt-terminal-mismatch', 'receipt-taken')),
     receipt_no TEXT NOT NULL
   ) STRICT;`,
  },
  {
    version: 10,
    name: 'signed releases, rollouts, remote configuration',
    // Fleet updates and remote configuration (issue 14): releases signed offline (central stores
    // the artifact and the signature, never the key), a rollout per release (groups, percentage,
    // paused), terminal groups, signed configuration per group and per terminal, and the drift
    // terminals report when a technician changed their configuration locally.
    sql: `CREATE TABLE releases (
     release_id INTEGER PRIMARY KEY AUTOINCREMENT,
     version TEXT NOT NULL,
     channel TEXT NOT NULL,
     rollback INTEGER NOT NULL CHECK (rollback IN (0, 1)),
     size INTEGER NOT NULL,
     sha512 TEXT NOT NULL UNIQUE,
     algorithm TEXT NOT NULL,
     signature TEXT NOT NULL,
     artifact BLOB NOT NULL,
     published_at TEXT NOT NULL
   ) STRICT;
   CREATE TABLE rollouts (
     release_id INTEGER PRIMARY KEY REFERENCES releases (release_id),
     stages TEXT NOT NULL,
     paused INTEGER NOT NULL CHECK (paused IN (0, 1)),
     updated_at TEXT NOT NULL
   ) STRICT;
   CREATE TABLE terminal_groups (terminal_id TEXT PRIMARY KEY REFERENCES terminals (terminal_id), group_name TEXT NOT NULL) STRICT;
   CREATE TABLE remote_configs (
     scope TEXT NOT NULL CHECK (scope IN ('group', 'terminal')),
     target TEXT NOT NULL,
     version INTEGER NOT NULL,
     document TEXT NOT NULL,
     algorithm TEXT NOT NULL,
     signature TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     PRIMARY KEY (scope, target)
   ) STRICT;
   CREATE TABLE config_drift (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     terminal_id TEXT NOT NULL,
     at INTEGER NOT NULL,
     fields TEXT NOT NULL
   ) STRICT;
   CREATE INDEX config_drift_terminal ON config_drift (terminal_id, seq);`,
  },
  {
    version: 11,
    name: 'help desk: video calls, callbacks, call-for-help notices',
    // 远程帮办 and 呼叫帮助 (issue 15): the session log (who, when, how long; never a recording),
    // callback numbers (purged when done or expired) and the call-for-help notices.
    sql: `CREATE TABLE help_calls (
     call_id TEXT PRIMARY KEY,
     terminal_id TEXT NOT NULL,
     screen TEXT NOT NULL,
     state TEXT NOT NULL CHECK (state IN ('waiting', 'answered', 'ended', 'missed')),
     created_at INTEGER NOT NULL,
     answered_at INTEGER,
     ended_at INTEGER,
     staff_id TEXT,
     end_reason TEXT
   ) STRICT;
   CREATE INDEX help_calls_state ON help_calls (state, created_at);
   CREATE TABLE help_callbacks (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     call_id TEXT NOT NULL REFERENCES help_calls (call_id),
     terminal_id TEXT NOT NULL,
     phone TEXT,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     done_at INTEGER,
     done_by TEXT
   ) STRICT;
   CREATE TABLE help_notices (
     notice_id TEXT PRIMARY KEY,
     terminal_id TEXT NOT NULL,
     screen TEXT NOT NULL,
     waiting_sec INTEGER NOT NULL,
     created_at INTEGER NOT NULL,
     ack_at INTEGER,
     ack_by TEXT
   ) STRICT;`,
  },
  {
    version: 12,
    name: 'crypto suite per terminal',
    // 国密 (issue 16): the suite a terminal is registered for, its SM2 public key, until when central
    // still takes the other suite from it while it switches, and the suite it last announced.
    sql: `ALTER TABLE terminals ADD COLUMN suite TEXT NOT NULL DEFAULT 'international' CHECK (suite IN ('international', 'sm'));
   ALTER TABLE terminals ADD COLUMN sm2_public_key TEXT;
   ALTER TABLE terminals ADD COLUMN transition_until INTEGER;
   ALTER TABLE terminals ADD COLUMN announced_suite TEXT CHECK (announced_suite IN ('international', 'sm'));`,
  },
  {
    version: 13,
    name: 'central’s own crypto suite',
    // 国密 (issue 16): the suite central itself runs (its helper proofs' MAC) and since when, so a
    // proof central made before a switch is still told from one made with the old MAC afterwards.
    sql: `CREATE TABLE central_suite (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     suite TEXT NOT NULL CHECK (suite IN ('international', 'sm')),
     since INTEGER NOT NULL
   ) STRICT;`,
  },
  {
    version: 14,
    name: '网证 credential nonces',
    // 网证 (issue 13): a credential is single use. Its nonce is kept until the credential expires
    // (≤ 180 s after issue), so a replayed QR is refused at any terminal; older rows are pruned.
    sql: `CREATE TABLE netid_nonces (
     kid TEXT NOT NULL,
     nonce TEXT NOT NULL,
     expires_at INTEGER NOT NULL,
     PRIMARY KEY (kid, nonce)
   ) STRICT;
   CREATE INDEX netid_nonces_expiry ON netid_nonces (expires_at);`,
  },
];
