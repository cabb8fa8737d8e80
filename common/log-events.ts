// The event catalogue: every structured log line names one of these ids. This file is the one
// place they are documented; `npm run log-events` prints it as a table for operators.
// Add new ids here (never reuse or renumber one: log readers and central alerting key on them).
// An event that may carry a citizen's data declares those fields in `personal`: the logger masks
// them by kind (at any depth). A field is personal because of the event, not because of its
// name — `store.migrated` logs a migration's `name` in clear, a citizen's `name` is masked.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogAudience = 'technician' | 'operator' | 'developer';

/** Field names that hold a citizen's data; each is masked by its kind (see main/backend/log/redact.ts). */
export type PersonalField = 'idNumber' | 'name' | 'phone' | 'address' | 'photo';

export interface LogEventSpec {
  readonly level: LogLevel;
  readonly audience: LogAudience;
  readonly description: string;
  readonly personal?: readonly PersonalField[];
}

export const logEvents = {
  'kiosk.boot.start': { level: 'info', audience: 'technician', description: 'The backend host began starting (config path, data dir, mode).' },
  'kiosk.boot.ready': { level: 'info', audience: 'technician', description: 'The backend is serving; carries transport (scheme or loopback URL without secret) and start-up time.' },
  'kiosk.boot.failed': { level: 'error', audience: 'technician', description: 'The backend could not start; carries the reason.' },
  'kiosk.code-cache.saved': {
    level: 'info',
    audience: 'technician',
    description: 'The headless host wrote the compiled code of this start to its code cache in the data dir (or found it current), so the next start skips compiling; carries the directory.',
  },
  'kiosk.code-cache.failed': {
    level: 'warn',
    audience: 'technician',
    description: 'The headless host could not use or write its code cache (e.g. the data dir is not writable); it runs normally, only starts slower; carries the reason.',
  },
  'kiosk.shutdown': { level: 'info', audience: 'technician', description: 'The backend stopped on request (signal or window close).' },
  'host.run.reaped': {
    level: 'warn',
    audience: 'technician',
    description: 'At start, a helper process the previous run left behind (it crashed or was killed) was ended; carries its name (socat, scanimage, cupsd, chromium) and PID.',
  },
  'host.run.dir-removed': { level: 'info', audience: 'technician', description: 'At start, a temp folder of the previous run (pty links, SANE config, scanned pages) was removed.' },
  'host.run.previous-alive': {
    level: 'warn',
    audience: 'technician',
    description: 'At start, the run file names a kiosk process on this data dir that is still running; its helpers were left alone.',
  },
  'host.run.file-invalid': { level: 'warn', audience: 'technician', description: 'At start, the run file of the previous run could not be read; it was discarded and nothing was ended on its word.' },
  'config.loaded': {
    level: 'info',
    audience: 'technician',
    description: 'Configuration read and validated; carries the source path (or "defaults") and validatedBy: "schema" (parsed now) or "copy" (the unchanged file\'s validated copy in the data dir).',
  },
  'config.invalid': { level: 'error', audience: 'technician', description: 'Configuration rejected; carries each invalid field and why. The kiosk refuses to start.' },
  'http.rejected': {
    level: 'warn',
    audience: 'technician',
    description: 'A loopback request was refused: why = host, origin, secret (missing or wrong) or launch-code (used, expired or unknown one-time code).',
  },
  'http.error': {
    level: 'error',
    audience: 'developer',
    description: 'An API handler threw; carries route and error message (scrubbed of personal data).',
    personal: ['idNumber', 'name', 'phone', 'address', 'photo'],
  },
  'api.invalid-request': { level: 'warn', audience: 'developer', description: 'A request body or query failed schema validation.' },
  'catalog.sync.updated': { level: 'info', audience: 'technician', description: 'A new catalog version was fetched from central and cached.' },
  'catalog.sync.unchanged': { level: 'debug', audience: 'technician', description: 'Central answered 304: the cached catalog is current.' },
  'catalog.sync.failed': { level: 'warn', audience: 'technician', description: 'The catalog could not be fetched; the kiosk keeps serving its cached copy.' },
  'catalog.sync.rejected': { level: 'error', audience: 'technician', description: 'Central sent a catalog that failed validation; the cached copy is kept.' },
  'store.opened': { level: 'info', audience: 'technician', description: 'The kiosk database opened; carries schema version.' },
  'store.migrated': { level: 'info', audience: 'technician', description: 'A schema migration was applied.' },
  'store.integrity-failed': { level: 'error', audience: 'technician', description: 'The database failed its integrity check; it was quarantined and a fresh one created.' },
  'crypto.key.keystore': { level: 'info', audience: 'technician', description: 'The outbox key is held by the OS keystore; carries which (safeStorage or libsecret).' },
  'crypto.key.fallback': {
    level: 'warn',
    audience: 'technician',
    description:
      'No OS keystore is available: the outbox key sits in a 0600 file beside the data (protects from other users, not from a copied disk); carries the reason. Also shown on the terminal panel.',
  },
  'crypto.key.migrated': { level: 'info', audience: 'technician', description: 'A plain outbox key file was moved into the OS keystore and deleted; carries the old path and the keystore.' },
  'crypto.suite.in-use': {
    level: 'info',
    audience: 'technician',
    description: 'The crypto suite this terminal runs (config crypto.suite: international or sm) and its algorithms; at every start.',
  },
  'crypto.signing-key.created': {
    level: 'warn',
    audience: 'technician',
    description:
      'A new SM2 request-signing key pair was made (first start, or the old one is gone); carries the public key file central must register (see the terminal suite route in central/API.md).',
  },
  'crypto.suite.switch-started': {
    level: 'warn',
    audience: 'technician',
    description: 'Stored data is sealed with another suite than crypto.suite: both are read while it is re-sealed in the background; carries from, to and the sealed cells left.',
  },
  'crypto.suite.switch-finished': {
    level: 'info',
    audience: 'technician',
    description: 'Every sealed cell is in the configured suite; items of the other suite are refused from now on. Carries cells re-sealed and offline helper tickets dropped.',
  },
  'crypto.suite.switch-failed': {
    level: 'error',
    audience: 'technician',
    description: 'A sealed cell could not be re-sealed (it does not open with this key): the switch stops and the technician is alerted; carries table and column.',
  },
  'central.suite-refused': {
    level: 'error',
    audience: 'technician',
    description: "Central answered without naming this terminal's suite (a downgraded or misconfigured central): the answer was refused and the request will be retried.",
  },
  'central.started': { level: 'info', audience: 'developer', description: 'The reference central case system is listening (embedded or standalone).' },
  'renderer.crashed': { level: 'error', audience: 'technician', description: "The kiosk window's renderer process died or hung; it is reloaded to the attract screen." },
  'renderer.navigation-blocked': { level: 'warn', audience: 'technician', description: 'The window tried to navigate or open a window outside the app; refused.' },
  'renderer.permission-denied': { level: 'warn', audience: 'technician', description: 'The page asked for a permission other than the document camera; refused.' },
  'shell.window-closed': {
    level: 'warn',
    audience: 'technician',
    description: 'The kiosk window was closed (window manager, shortcut); the shell re-creates it (counted like a crash for the backoff).',
  },
  'shell.recovery-delayed': {
    level: 'warn',
    audience: 'technician',
    description:
      'Repeated failures (renderer crashes or hangs, window closes, process restarts): the next recovery waits (exponential, capped) behind the out-of-service page; carries reason, failures, delay.',
  },
  'shell.out-of-service': {
    level: 'error',
    audience: 'technician',
    description: 'Too many failures in a short time: the terminal shows 暂停服务 / Out of service and tries again later; carries reason, failures, retry delay.',
  },
  'shell.metrics-unavailable': {
    level: 'warn',
    audience: 'technician',
    description: "The terminal's own metrics port (--metrics-port / KIOSK_METRICS_PORT) could not be opened (in use, not a port); the kiosk runs on without it. Carries the message.",
  },
  'shell.download-blocked': { level: 'warn', audience: 'technician', description: 'The page started a download; cancelled (the kiosk never downloads).' },
  'session.idle-reset': { level: 'info', audience: 'operator', description: 'A citizen session ended by idle timeout after the countdown.' },
  'session.ended': { level: 'info', audience: 'operator', description: 'A citizen session ended by the citizen (finish / home).' },
  'device.ok': {
    level: 'info',
    audience: 'technician',
    description: 'A device became usable (opened, reopened, fault cleared); carries device, mode and state. Logged once per change, not per poll.',
  },
  'device.degraded': { level: 'warn', audience: 'technician', description: 'A device works but needs attention (paper near end, receipts waiting to be reprinted, scanner jammed on the last page).' },
  'device.offline': {
    level: 'warn',
    audience: 'technician',
    description: 'A device cannot serve citizens: missing, unplugged, not answering, paper out, cover open, queue stopped; carries reason and detail.',
  },
  'device.link-trouble': {
    level: 'debug',
    audience: 'technician',
    description: 'A serial device sent noise or corrupt frames that were skipped (counts per poll); frequent lines point to a bad cable or wrong baud rate.',
  },
  'device.simulator.started': {
    level: 'info',
    audience: 'developer',
    description: 'A device simulator started (pty pair, SANE test backend or CUPS-PDF queue) and the real driver was attached to it.',
  },
  'device.simulator.unavailable': {
    level: 'warn',
    audience: 'developer',
    description: 'A device simulator could not start (socat, cupsd or scanimage missing); the device is reported offline with the reason.',
  },
  'device.simulator.action': { level: 'info', audience: 'developer', description: 'A simulator was driven from a test or the dev panel (insert card, paper out, unplug, …).' },
  'idcard.read': {
    level: 'info',
    audience: 'operator',
    description:
      'An identity card was read and validated; carries card type and the masked number only, and without a photo why (photoProblem, a code of common/device-failures.ts, with the decoder’s own photoDetail).',
    personal: ['idNumber'],
  },
  'netid.verified': {
    level: 'info',
    audience: 'operator',
    description:
      'A national network identity credential (netid) QR was verified at central and became the held identity; carries the masked number and which fields the answer gave (no photo: no face check).',
    personal: ['idNumber'],
  },
  'netid.refused': {
    level: 'info',
    audience: 'operator',
    description:
      'A netid QR did not identify the citizen; carries the reason (malformed, expired, replayed, bad signature, unknown issuer, offline: central unreachable, unverifiable: an answer outside the contract).',
  },
  'idcard.rejected': {
    level: 'warn',
    audience: 'operator',
    description:
      'A card could not be read or failed validation (ID checksum, unknown layout); the citizen was asked to place it again; carries the problem code and the reader’s detail (which field, which flag).',
  },
  'receipt.printed': { level: 'info', audience: 'operator', description: 'A receipt was printed and cut; carries job id and byte count.' },
  'receipt.held': { level: 'warn', audience: 'operator', description: 'A receipt could not be printed (paper out, cover open, unplugged) and was kept for reprinting; carries job id and reason.' },
  'receipt.discarded': { level: 'info', audience: 'operator', description: 'A held receipt was discarded by staff without reprinting.' },
  'a4.printed': { level: 'info', audience: 'operator', description: 'An A4 document went through the CUPS queue to completion; carries queue, CUPS job id and pages.' },
  'a4.failed': { level: 'warn', audience: 'operator', description: "An A4 job failed, was stopped or timed out in CUPS; carries queue, job id and CUPS's reason." },
  'scan.completed': { level: 'info', audience: 'operator', description: 'A scan finished; carries source (flatbed / ADF), page count and format.' },
  'scan.failed': { level: 'warn', audience: 'operator', description: 'A scan failed (jammed, cover open, no documents, scanner missing); carries the SANE status.' },
  'camera.page-accepted': { level: 'info', audience: 'operator', description: 'A document-camera page image was accepted into the materials inbox; carries size and dimensions.' },
  'code.scanned': { level: 'debug', audience: 'developer', description: 'The QR / barcode scanner read a code; carries its length only (the content may be personal).' },
  'queue.opened': { level: 'info', audience: 'technician', description: 'The submission outbox opened; carries counts (pending / sent / dead) and the key source.' },
  'queue.key-created': { level: 'warn', audience: 'technician', description: 'A new at-rest encryption key was created (first start, or the old key is gone: older queued data cannot be read).' },
  'queue.key-mismatch': {
    level: 'error',
    audience: 'technician',
    description: 'The at-rest key does not match the one the database was written with; queued submissions cannot be decrypted and will go to the dead-letter list.',
  },
  'queue.enqueued': { level: 'info', audience: 'operator', description: 'A submission was committed to the outbox and its receipt number issued; carries receipt number, service, page count.' },
  'queue.enqueue-rejected': { level: 'warn', audience: 'developer', description: 'A submission failed validation or reused an idempotency key; nothing was stored.' },
  'queue.disk-full': { level: 'error', audience: 'technician', description: 'The disk is full: a submission could not be stored and the citizen was told before any receipt.' },
  'queue.enqueue-failed': { level: 'error', audience: 'technician', description: 'Storing a submission failed for a reason other than a full disk; nothing was stored.' },
  'queue.sync.sent': { level: 'info', audience: 'technician', description: 'Central acknowledged a submission; carries receipt and case number.' },
  'queue.sync.offline': { level: 'warn', audience: 'technician', description: 'Central could not be reached or was unavailable; sync waits (backoff with jitter / Retry-After).' },
  'queue.sync.online': { level: 'info', audience: 'technician', description: 'Central is reachable again after a failure; sync resumed.' },
  'queue.sync.auth-failed': { level: 'error', audience: 'technician', description: "Central refused this terminal's credentials (unknown terminal, bad signature); nothing syncs until fixed." },
  'queue.dead-letter': { level: 'error', audience: 'technician', description: 'Central rejected a submission (4xx); it moved to the dead-letter list with the reason and waits for a technician.' },
  'queue.dead-letter-retried': { level: 'info', audience: 'technician', description: 'A technician put a dead letter back into the queue.' },
  'queue.case-status': { level: 'info', audience: 'operator', description: 'A case status change arrived from central (受理 / 补正 / 不予受理 / 审查 / 办结 / 送达).' },
  'followup.lookup': {
    level: 'info',
    audience: 'operator',
    description:
      'A citizen looked up progress at the kiosk; carries how (card / receipt), source (live / local), case count and how many of them a proof opened (the rest: status only). Never the identity number or the receipt claim.',
  },
  'followup.notice-printed': {
    level: 'info',
    audience: 'operator',
    description: "A notice (受理 / 补正材料 / 不予受理通知书) was printed on A4 at the citizen's request; carries receipt number and document id.",
  },
  'followup.result-printed': { level: 'info', audience: 'operator', description: 'A result document released for self-service printing was printed (once); carries receipt number and document id.' },
  'followup.result-print-refused': {
    level: 'warn',
    audience: 'operator',
    description: 'A second print of a result, or a print after postal delivery was chosen, was refused; carries receipt number and why.',
  },
  'followup.print-failed': {
    level: 'warn',
    audience: 'operator',
    description: "A notice or result could not be printed (printer offline, document not downloaded); a result's one print is given back.",
  },
  'followup.print-reported': { level: 'info', audience: 'technician', description: 'Central was told of a self-service result print (first report or a retry after it was offline).' },
  'followup.print-report-failed': { level: 'warn', audience: 'technician', description: 'Reporting a result print to central failed; it is retried every minute.' },
  'queue.document-refused': {
    level: 'warn',
    audience: 'technician',
    description:
      "Central refused to release a notice or result for download ahead (the receipt claim this kiosk holds did not open the case); it is fetched when the citizen prints it with their own proof. Carries the document id and central's error.",
  },
  'followup.lookup-limited': {
    level: 'warn',
    audience: 'operator',
    description: 'Central refused a progress lookup from this terminal (too many lookups in its window, 429); the citizen was told to try again later.',
  },
  'followup.proof-refused': {
    level: 'warn',
    audience: 'operator',
    description:
      "A print, document or postal request was refused because the citizen's proof (receipt QR claim or ID card) does not open that case; carries receipt number and action, never the claim or identity.",
  },
  'followup.central-refused': {
    level: 'warn',
    audience: 'technician',
    description:
      "Central refused (or answered oddly) a document fetch or a postal delivery request for a citizen; carries action, kind, HTTP status, central's error code and its message (the citizen is shown the kiosk's words for the code).",
  },
  'followup.delivery-requested': { level: 'info', audience: 'operator', description: 'A citizen chose postal delivery of a result; carries receipt number (the address is never logged).' },
  'speech.ready': {
    level: 'info',
    audience: 'technician',
    description: 'The system speech service (speech-dispatcher) answers and has a voice; carries its socket and output modules. Spoken guidance is on offer again.',
  },
  'speech.unavailable': {
    level: 'warn',
    audience: 'technician',
    description:
      'The system speech service is missing, has no voice module or failed (reason no-service / no-voice / error, with the detail); the citizen screens hide their speech controls until it is back.',
  },
  'journey.face-check-unavailable': {
    level: 'warn',
    audience: 'technician',
    description:
      'At boot: 人证核验 is configured but cannot work (reason: the ID reader has no photo decoder configured); journeys run as with journey.faceCheck false and the reader shows degraded until devices[].photoDecoder is set.',
  },
  'face.verified': { level: 'info', audience: 'operator', description: 'A person-and-card check (人证核验) finished; carries the decision (match / no-match) and score, never the images.' },
  'face.failed': {
    level: 'warn',
    audience: 'technician',
    description: 'The face verifier could not give a decision (unavailable, no face found, bad image, timeout); carries the verifier’s own cause when it gave one.',
  },
  'queue.document-fetched': { level: 'info', audience: 'operator', description: 'A result document (PDF) released for self-service printing was downloaded and verified.' },
  'queue.downstream-failed': { level: 'warn', audience: 'technician', description: 'Pulling case status, documents or the calendar failed; retried at the next poll.' },
  'queue.calendar-updated': { level: 'info', audience: 'technician', description: 'A new holiday / working-day calendar was stored.' },
  'queue.sync.error': { level: 'error', audience: 'developer', description: 'A sync pass failed with an unexpected error (bug or local storage problem); it is retried with backoff.' },
  'queue.salvaged': {
    level: 'warn',
    audience: 'technician',
    description: 'After a quarantine, readable submissions were copied from the corrupt file into the new database; carries recovered and unreadable counts.',
  },
  'queue.purged': { level: 'info', audience: 'technician', description: 'Retention removed the personal data of acknowledged submissions; audit rows remain.' },
  'queue.page-files-swept': {
    level: 'warn',
    audience: 'technician',
    description:
      'At start, sealed page files no submission refers to (left by a power cut or crash between writing a file and committing its row, or after a purge) were wiped and removed; carries the count. skipped: a quarantined database lies next to the store, so nothing was removed.',
  },
  // Technician maintenance mode (main/backend/maintenance/). Audit lines are also kept in the
  // maintenance_audit table; none carries citizen data.
  // 帮办代办 (main/backend/helpers/). Staff ids are not citizen data; card numbers never appear.
  'helper.card-unknown': { level: 'info', audience: 'technician', description: 'A card placed at helper sign-in is no active helper’s card (central said so).' },
  'helper.signed-in': {
    level: 'info',
    audience: 'operator',
    description:
      'AUDIT: a helper signed in — online: card and PIN verified by central; offline: card plus the unexpired ticket central issued at their last online sign-in here (mode: offline, PIN not checked). Carries the staff id and mode.',
  },
  'helper.central-unreachable': {
    level: 'warn',
    audience: 'technician',
    description: 'Helper sign-in could not reach central (network, unavailable, credentials); an offline ticket is tried instead. Carries the failure kind.',
  },
  'helper.ticket-missing': {
    level: 'info',
    audience: 'operator',
    description: 'AUDIT: central unreachable and no unexpired offline ticket on this terminal for the card placed: helper sign-in refused.',
  },
  'helper.pin-rejected': {
    level: 'warn',
    audience: 'operator',
    description: "AUDIT: central refused a helper PIN; carries the staff id, the attempts central still allows and the screen's own failure count.",
  },
  'helper.locked-out': {
    level: 'warn',
    audience: 'operator',
    description: 'AUDIT: helper sign-in locked after repeated wrong PINs — by central for that helper (scope: helper) or on this screen (scope: screen); carries the staff id and until when.',
  },
  'helper.signed-out': {
    level: 'info',
    audience: 'operator',
    description: 'AUDIT: a helper session ended; carries the staff id and why (sign-out, idle, replaced by another sign-in, expired: the session or offline ticket central issued ran out).',
  },
  'helper.submit-refused': { level: 'warn', audience: 'operator', description: 'A helper-channel submission came without a live helper session or with another helper id; refused.' },
  'maintenance.signed-in': { level: 'info', audience: 'technician', description: 'AUDIT: a technician entered maintenance mode with the PIN; carries the session tag.' },
  'maintenance.pin-rejected': { level: 'warn', audience: 'technician', description: 'AUDIT: a wrong technician PIN was entered; carries the failure count.' },
  'maintenance.locked-out': {
    level: 'warn',
    audience: 'technician',
    description: 'AUDIT: maintenance entry was locked after repeated wrong PINs, or a PIN was entered while locked (attempt: true); carries until when.',
  },
  'maintenance.signed-out': { level: 'info', audience: 'technician', description: 'AUDIT: a technician session ended (sign-out or idle expiry); carries the reason.' },
  'maintenance.action': {
    level: 'info',
    audience: 'technician',
    description: 'AUDIT: a maintenance action (test print, self-test, reconnect, retry, forced sync, config edit, log export, hygiene entry); carries action, outcome and non-personal detail.',
  },
  'maintenance.denied': { level: 'warn', audience: 'technician', description: 'A maintenance route was called without a technician session (403).' },
  // Terminal health and usage statistics (main/backend/health/).
  'update.downloading': { level: 'info', audience: 'operator', description: 'The updater began (or resumed) downloading a release central assigned; carries version and size.' },
  'update.download-interrupted': {
    level: 'warn',
    audience: 'operator',
    description: 'A release download stopped (network, central); the partial file is kept and the next check resumes from its last byte.',
  },
  'update.verified': { level: 'info', audience: 'operator', description: 'A downloaded release matched its signed SHA-512 and size, and its manifest the pinned release key.' },
  'update.refused': {
    level: 'error',
    audience: 'operator',
    description:
      'A release was refused: reason tampered, truncated, downgrade, unsigned, wrong-key, wrong-suite (an Ed25519 signature on an sm terminal), wrong-channel or install-failed, with the message shown to technicians.',
  },
  'update.installing': { level: 'info', audience: 'operator', description: 'No citizen at the screen and within the maintenance window: the release is being staged, then the app restarts into it.' },
  'update.install-interrupted': {
    level: 'warn',
    audience: 'operator',
    description: 'The Electron build started on its old version with an update recorded as about to install (a crash or failed install before the restart); the release is tried again.',
  },
  'update.health-check': { level: 'info', audience: 'operator', description: 'The Electron build started on a new version and put it on probation; carries version, from and the start count.' },
  'update.healthy': { level: 'info', audience: 'operator', description: 'A new version passed its health check after the restart (backend, devices, window) and stays.' },
  'update.rolled-back': {
    level: 'error',
    audience: 'operator',
    description: 'A new version failed its health check after the restart (or crash-looped) and the previous one was put back; carries from, to, why and whether a previous version was kept.',
  },
  'config.remote.applied': {
    level: 'info',
    audience: 'operator',
    description: 'A signed remote configuration was applied at idle; carries the group and terminal versions and which fields applied live or need a restart.',
  },
  'config.remote.refused': {
    level: 'error',
    audience: 'operator',
    description:
      'A remote configuration was refused and the last good one kept: reason bad-signature, wrong-suite (an Ed25519 signature on an sm terminal), unsigned, invalid (fails the schema), device-failed or older.',
  },
  'config.remote.drift': {
    level: 'warn',
    audience: 'operator',
    description: 'The configuration file differs from the applied remote configuration in these fields (a technician changed them locally).',
  },
  'heartbeat.sent': { level: 'debug', audience: 'technician', description: 'A heartbeat reached central; carries payload bytes.' },
  'heartbeat.failed': { level: 'warn', audience: 'technician', description: 'A heartbeat could not be delivered (network, central refused); the next one carries current figures.' },
  // Application journey (main/backend/journey/). No personal data: receipt numbers, service codes, counts.
  'journey.submitted': { level: 'info', audience: 'operator', description: 'An application was queued from the journey; carries receipt number, service code, pages, owed materials and channel.' },
  'journey.form-rejected': { level: 'info', audience: 'developer', description: 'A journey submission failed the service form check; carries the field ids (not their values).' },
  'journey.face-check-skipped': {
    level: 'warn',
    audience: 'operator',
    description:
      'A journey submission went without 人证核验 although configured: this terminal cannot check faces (reason no-photo-decoder) or the applicant identified with a 社保卡 or a netid (network identity QR), neither of which gives a photo (reasons social-card-has-no-photo, netid-has-no-photo); carries service code and reason.',
  },
  'journey.face-check-missing': { level: 'warn', audience: 'operator', description: 'A journey submission came without a passed 人证核验 for the held card on a terminal that checks faces; refused.' },
  'journey.notice-printed': {
    level: 'info',
    audience: 'operator',
    description: 'A 一次性告知单 (missing materials, nothing submitted) was printed; carries service code and the missing material ids.',
  },
  'journey.receipt-held': {
    level: 'warn',
    audience: 'technician',
    description: 'The 收件回执 could not print (paper out, cover open…); the job is held for reprint and the citizen was shown the receipt number.',
  },
  'journey.rated': {
    level: 'info',
    audience: 'operator',
    description: 'A 好差评 was given at the end of a journey; carries receipt number, rating and whether it is flagged for follow-up (rating ≤ 2).',
  },
  'help.call.started': {
    level: 'info',
    audience: 'operator',
    description: '远程帮办: the citizen placed a video call with the hall; carries the screen and step it came from, the queue position and the estimated wait.',
  },
  'help.call.ended': {
    level: 'info',
    audience: 'operator',
    description: '远程帮办: the call ended at this screen (why: citizen hung up or the session ended) and how long it lasted; reached: whether central heard of it.',
  },
  'help.call.unreachable': { level: 'warn', audience: 'technician', description: '远程帮办: central could not be reached to place a call; the screen said so and offered the hotline.' },
  'help.callback.left': {
    level: 'info',
    audience: 'operator',
    description: '远程帮办: nobody answered and the citizen left a phone number for a callback (masked here; central keeps it until the callback is made or 3 days).',
    personal: ['phone'],
  },
  'help.requested': {
    level: 'info',
    audience: 'operator',
    description: '呼叫帮助: the citizen asked for someone from the hall; carries the screen, how long they had been on it, whether central was told and how many staff were on duty.',
  },
  'journey.left': {
    level: 'info',
    audience: 'operator',
    description: 'An application was left unsubmitted by the bottom bar (back / home): its held card and the pages scanned for it were dropped together; the person stays at the screen.',
  },
  'journey.wiped': {
    level: 'info',
    audience: 'operator',
    description:
      'The citizen session ended (main/backend/citizen/citizen-session.ts): held card and face verdict, scanned pages, submitted receipt numbers and follow-up proofs wiped; carries the reason (idle, finish, helper-card, followup-ended).',
  },
} as const satisfies Record<string, LogEventSpec>;

export type LogEventId = keyof typeof logEvents;
