// Forward-only schema migrations. Append new entries; never edit or remove an applied one,
// and never drop a table that holds citizen submissions (data is migrated, not discarded).
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'catalog cache',
    sql: `
      CREATE TABLE catalog_cache (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        version TEXT NOT NULL,
        etag TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        body TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: 'submission outbox',
    // Personal data (the submission document, page bytes, notices, result PDFs) lives only in
    // BLOB columns sealed with AES-256-GCM; everything in clear here is non-personal.
    sql: `
      CREATE TABLE store_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE receipt_sequences (
        terminal_id TEXT NOT NULL,
        day TEXT NOT NULL,
        last_seq INTEGER NOT NULL CHECK (last_seq >= 0),
        PRIMARY KEY (terminal_id, day)
      ) STRICT;

      CREATE TABLE submissions (
        id INTEGER PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        receipt_no TEXT NOT NULL UNIQUE,
        terminal_id TEXT NOT NULL,
        service_code TEXT NOT NULL,
        channel TEXT NOT NULL CHECK (channel IN ('kiosk', 'helper')),
        created_at TEXT NOT NULL,
        content_mac TEXT NOT NULL,
        document BLOB,
        page_count INTEGER NOT NULL,
        total_bytes INTEGER NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        dead_code TEXT,
        dead_reason TEXT,
        dead_at TEXT,
        case_no TEXT,
        acked_at TEXT,
        case_status TEXT,
        case_status_at TEXT,
        purged_at TEXT
      ) STRICT;
      CREATE INDEX submissions_due ON submissions (state, next_attempt_at, id);
      CREATE INDEX submissions_case ON submissions (case_no);

      CREATE TABLE submission_pages (
        submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        material_id TEXT NOT NULL,
        mime TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        data BLOB NOT NULL,
        uploaded_at TEXT,
        PRIMARY KEY (submission_id, seq)
      ) STRICT;

      CREATE TABLE case_events (
        seq INTEGER PRIMARY KEY,
        submission_id INTEGER NOT NULL REFERENCES submissions (id),
        status TEXT NOT NULL,
        at TEXT NOT NULL,
        notice BLOB
      ) STRICT;
      CREATE INDEX case_events_submission ON case_events (submission_id, seq);

      CREATE TABLE result_documents (
        id TEXT PRIMARY KEY,
        submission_id INTEGER NOT NULL REFERENCES submissions (id),
        name TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        self_print INTEGER NOT NULL CHECK (self_print IN (0, 1)),
        data BLOB,
        fetched_at TEXT,
        printed_at TEXT,
        purged_at TEXT
      ) STRICT;

      CREATE TABLE calendars (
        year INTEGER PRIMARY KEY,
        version TEXT NOT NULL,
        body TEXT NOT NULL,
        fetched_at TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 3,
    name: 'evaluation outbox',
    // 好差评 given at the kiosk travel like submissions: queued durably, sent once (idempotency
    // key), rejected ones kept with the reason. The comment is personal text: sealed.
    sql: `
      CREATE TABLE evaluations (
        id INTEGER PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        submission_id INTEGER NOT NULL REFERENCES submissions (id),
        rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
        comment BLOB,
        created_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        evaluation_id TEXT,
        sent_at TEXT,
        dead_reason TEXT
      ) STRICT;
      CREATE INDEX evaluations_due ON evaluations (state, next_attempt_at);
    `,
  },
  {
    version: 5,
    name: 'follow-up: applicant lookup, self-print reports',
    // applicant_ref is a keyed MAC of the identity number (never the number itself), so the
    // kiosk can find a citizen's cases offline when the card is placed. A result printed here
    // is claimed before printing (printed_at) and reported to central afterwards.
    sql: `
      ALTER TABLE submissions ADD COLUMN applicant_ref TEXT;
      CREATE INDEX submissions_applicant ON submissions (applicant_ref);
      ALTER TABLE result_documents ADD COLUMN print_reported_at TEXT;
    `,
  },
  {
    version: 6,
    name: 'maintenance audit, hygiene log and usage statistics',
    // Nothing here is personal: audit details are action names and counts, usage rows are
    // aggregates by day, service, channel and step.
    sql: `
      CREATE TABLE maintenance_audit (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        session_tag TEXT,
        action TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'failed', 'refused')),
        detail TEXT NOT NULL
      ) STRICT;
      CREATE TABLE hygiene_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('disinfection', 'screen-clean', 'surface-clean')),
        note TEXT NOT NULL,
        session_tag TEXT
      ) STRICT;
      CREATE TABLE usage_submissions (
        receipt_no TEXT PRIMARY KEY,
        day TEXT NOT NULL,
        service_code TEXT NOT NULL,
        channel TEXT NOT NULL CHECK (channel IN ('kiosk', 'helper')),
        delivery TEXT NOT NULL
      ) STRICT;
      CREATE INDEX usage_submissions_day ON usage_submissions (day);
      CREATE TABLE usage_steps (
        day TEXT NOT NULL,
        journey TEXT NOT NULL,
        step TEXT NOT NULL,
        reached INTEGER NOT NULL DEFAULT 0,
        abandoned INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (day, journey, step)
      ) STRICT;
    `,
  },
  {
    version: 7,
    name: '帮办代办: staff registry cache, helper lockouts, helper of a submission',
    // The registry as central published it (staff ids, names, townships and only salted scrypt
    // hashes of card numbers and PINs), so helpers sign in while central is unreachable. Lockouts
    // are kept here so a restart does not reset them. helper_id is a staff id, not citizen data.
    sql: `
      CREATE TABLE staff_registry (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        version TEXT NOT NULL,
        etag TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        body TEXT NOT NULL
      ) STRICT;
      CREATE TABLE helper_lockouts (
        staff_id TEXT PRIMARY KEY,
        failures INTEGER NOT NULL CHECK (failures >= 0),
        locked_until INTEGER NOT NULL
      ) STRICT;
      ALTER TABLE submissions ADD COLUMN helper_id TEXT;
      CREATE INDEX submissions_helper ON submissions (helper_id, created_at);
    `,
  },
  {
    version: 8,
    name: '帮办代办: helper sign-in verified by central — drop the cached staff registry, keep sealed offline tickets',
    // Issue 10, finding 3: the registry held every helper's scrypt hashes of card number and PIN,
    // enough to recover a 6-digit PIN offline from a stolen disk. Its rows are deleted first so
    // secure_delete zeroes them (openDatabase checkpoints the WAL after migrating). Per-helper
    // lockouts are central's now; this table keeps only the screen's own count. A ticket is
    // sealed (AES-GCM, like other personal data); card_ref is a keyed MAC of the card number,
    // useless without the key, so the row can be found when the helper's card is placed.
    sql: `
      DELETE FROM staff_registry;
      DROP TABLE staff_registry;
      DELETE FROM helper_lockouts;
      CREATE TABLE helper_tickets (
        staff_id TEXT PRIMARY KEY,
        card_ref TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        sealed BLOB NOT NULL
      ) STRICT;
      CREATE INDEX helper_tickets_card ON helper_tickets (card_ref);
    `,
  },
  {
    version: 9,
    name: 'receipt claims: the sealed claim of each receipt, the sealed proof of an unreported print',
    // claim: the random capability printed in the receipt's QR (common/receipt-claim.ts), sealed
    // like the rest of the submission and cleared with it at purge. print_proof: the citizen's
    // proof (claim or card number) a print report carries to central, sealed, kept only until
    // central has heard of the print.
    sql: `
      ALTER TABLE submissions ADD COLUMN claim BLOB;
      ALTER TABLE result_documents ADD COLUMN print_proof BLOB;
    `,
  },
  {
    version: 10,
    name: 'page files, queue counters, purge index',
    // Issue 12. Scanned pages of a large submission live in one sealed, fsync'd file next to the
    // database (store/page-files.ts): SQLite wrote them twice (WAL, then checkpoint), six times
    // slower than writing the bytes once. A page row now holds either its sealed bytes (data, as
    // before: small submissions, and every page queued before this version) or where they are
    // in the file of its submission, sealed in file_suite. SQLite cannot relax NOT NULL in place,
    // so the table is rebuilt; the rows and their bytes are copied over, nothing is dropped.
    // submission_counts is kept by triggers, so the queue's status reads three rows instead of
    // counting a table that grows by every submission ever made here; submissions_purgeable
    // lets retention find what to purge without reading the audit rows it keeps, and
    // submissions_pending_order gives the sync engine the oldest due submissions by walking the
    // pending ones in order (submissions_due made it sort every pending row on each pass).
    sql: `
      CREATE TABLE submission_pages_v10 (
        submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        material_id TEXT NOT NULL,
        mime TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        data BLOB,
        uploaded_at TEXT,
        file_suite TEXT CHECK (file_suite IN ('international', 'sm')),
        file_offset INTEGER CHECK (file_offset >= 0),
        sealed_size INTEGER CHECK (sealed_size > 0),
        PRIMARY KEY (submission_id, seq),
        CHECK ((data IS NULL) = (file_suite IS NOT NULL AND file_offset IS NOT NULL AND sealed_size IS NOT NULL))
      ) STRICT;
      INSERT INTO submission_pages_v10 (submission_id, seq, material_id, mime, size, sha256, data, uploaded_at)
        SELECT submission_id, seq, material_id, mime, size, sha256, data, uploaded_at FROM submission_pages;
      DROP TABLE submission_pages;
      ALTER TABLE submission_pages_v10 RENAME TO submission_pages;
      CREATE INDEX submission_pages_in_files ON submission_pages (file_suite, submission_id) WHERE file_suite IS NOT NULL;

      CREATE TABLE submission_counts (
        state TEXT PRIMARY KEY CHECK (state IN ('pending', 'sent', 'dead')),
        n INTEGER NOT NULL CHECK (n >= 0)
      ) STRICT;
      INSERT INTO submission_counts (state, n) SELECT 'pending', COUNT(*) FROM submissions WHERE state = 'pending';
      INSERT INTO submission_counts (state, n) SELECT 'sent', COUNT(*) FROM submissions WHERE state = 'sent';
      INSERT INTO submission_counts (state, n) SELECT 'dead', COUNT(*) FROM submissions WHERE state = 'dead';
      CREATE TRIGGER submissions_counted_insert AFTER INSERT ON submissions BEGIN
        UPDATE submission_counts SET n = n + 1 WHERE state = NEW.state;
      END;
      CREATE TRIGGER submissions_counted_update AFTER UPDATE OF state ON submissions WHEN OLD.state <> NEW.state BEGIN
        UPDATE submission_counts SET n = n - 1 WHERE state = OLD.state;
        UPDATE submission_counts SET n = n + 1 WHERE state = NEW.state;
      END;
      CREATE TRIGGER submissions_counted_delete AFTER DELETE ON submissions BEGIN
        UPDATE submission_counts SET n = n - 1 WHERE state = OLD.state;
      END;

      CREATE INDEX submissions_purgeable ON submissions (acked_at) WHERE state = 'sent' AND purged_at IS NULL;
      CREATE INDEX submissions_pending_order ON submissions (id) WHERE state = 'pending';
    `,
  },
];
