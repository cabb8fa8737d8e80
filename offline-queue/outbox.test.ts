import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7, UUIDV7_PATTERN } from '../common/uuidv7';
import { fileKeyProvider, KeyFileError, safeStorageWrapper } from './crypto/key-provider';
import { Sealer } from './crypto/sealer';
import { Outbox } from './outbox';
import { Store } from './store/store';
import { sampleSubmission, testIdNumber } from './test-support/sample-submission';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function open(now?: () => Date) {
  const dbFile = path.join(dir, 'kiosk.db');
  const store = Store.open(dbFile);
  const { key } = fileKeyProvider(path.join(dir, 'keys', 'outbox.key')).loadKey();
  const outbox = new Outbox({ store, sealer: new Sealer(key), terminalId: 'KSK0042', dbFile, now });
  return { store, outbox, dbFile };
}

describe('outbox', () => {
  it('issues receipt numbers per terminal and China-time day that continue after a restart', () => {
    const at = new Date('2026-11-22T16:30:00Z'); // 00:30 on 23 Nov in China
    let { store, outbox } = open(() => at);
    const a = outbox.enqueue(sampleSubmission());
    const b = outbox.enqueue(sampleSubmission());
    expect(a.ok && a.value.receiptNo).toBe('KSK0042-20261123-0001');
    expect(b.ok && b.value.receiptNo).toBe('KSK0042-20261123-0002');
    store.close();
    ({ store, outbox } = open(() => at));
    const c = outbox.enqueue(sampleSubmission());
    expect(c.ok && c.value.receiptNo).toBe('KSK0042-20261123-0003');
    store.close();
  });

  it('gives the same receipt for the same idempotency key, and refuses the key for other content', () => {
    const { store, outbox } = open();
    const key = uuidv7();
    const input = sampleSubmission({ key });
    const first = outbox.enqueue(input);
    const again = outbox.enqueue(input);
    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(again.value).toMatchObject({ receiptNo: first.value.receiptNo, duplicate: true });
    const other = outbox.enqueue(sampleSubmission({ key, name: '李四' }));
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.error.kind).toBe('key-reused');
    expect(store.outbox.counts().pending).toBe(1);
    store.close();
  });

  it('rejects an invalid submission with field-level reasons and stores nothing', () => {
    const { store, outbox } = open();
    const bad = { ...sampleSubmission(), applicant: { name: '王五', idNumber: '320102199003071230', phone: null } };
    const r = outbox.enqueue(bad);
    expect(r.ok).toBe(false);
    if (!r.ok && r.error.kind === 'invalid') expect(r.error.issues.map((i) => i.path)).toContain('applicant.idNumber');
    expect(store.outbox.counts()).toEqual({ pending: 0, sent: 0, dead: 0 });
    store.close();
  });

  it('never writes the ID number, name or page bytes in clear to the database or WAL', () => {
    const { store, outbox, dbFile } = open();
    const idNumber = testIdNumber(777);
    const input = sampleSubmission({ idNumber, name: '欧阳明月', pages: 2, pageBytes: 2048 });
    const pageSample = Buffer.from(input.materials[0]!.pages[0]!.data).subarray(100, 132);
    for (let i = 0; i < 3; i++) expect(outbox.enqueue({ ...input, idempotencyKey: undefined }).ok).toBe(true);
    // Read the files while the database is open: the WAL holds the fresh commits.
    const files = [dbFile, `${dbFile}-wal`].filter((f) => fs.existsSync(f));
    expect(files).toContain(`${dbFile}-wal`);
    const raw = Buffer.concat(files.map((f) => fs.readFileSync(f)));
    expect(raw.includes(Buffer.from(idNumber))).toBe(false);
    expect(raw.includes(Buffer.from(idNumber, 'utf16le'))).toBe(false);
    expect(raw.includes(Buffer.from('欧阳明月'))).toBe(false);
    expect(raw.includes(Buffer.from('13812345678'))).toBe(false);
    expect(raw.includes(pageSample)).toBe(false);
    // …but the queue can read it back.
    const row = store.outbox.due(Date.now(), 1)[0]!;
    expect(outbox.manifest(row).applicant.idNumber).toBe(idNumber);
    expect(outbox.pageBytes(row, 0).subarray(100, 132).equals(pageSample)).toBe(true);
    store.close();
  });

  it('keeps the key in a 0600 file and refuses one that others can read', () => {
    const keyFile = path.join(dir, 'k', 'outbox.key');
    const first = fileKeyProvider(keyFile).loadKey();
    expect(first.created).toBe(true);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(fileKeyProvider(keyFile).loadKey().key.equals(first.key)).toBe(true);
    fs.chmodSync(keyFile, 0o644);
    expect(() => fileKeyProvider(keyFile).loadKey()).toThrow(KeyFileError);
  });

  it('wraps the key with the OS keystore when the shell provides one (safeStorage)', () => {
    const keyFile = path.join(dir, 'k', 'wrapped.key');
    // A stand-in keystore: XOR with a secret the file never sees.
    const secret = 0x5a;
    let available = true;
    const keystore = {
      isEncryptionAvailable: () => available,
      encryptString: (s: string) => Buffer.from(Buffer.from(s).map((b) => b ^ secret)),
      decryptString: (b: Buffer) => Buffer.from(b.map((x) => x ^ secret)).toString(),
    };
    const first = fileKeyProvider(keyFile, safeStorageWrapper(keystore)).loadKey();
    const onDisk = fs.readFileSync(keyFile);
    expect(onDisk.includes(first.key)).toBe(false);
    expect(onDisk.includes(Buffer.from(first.key.toString('base64')))).toBe(false);
    expect(fileKeyProvider(keyFile, safeStorageWrapper(keystore)).loadKey().key.equals(first.key)).toBe(true);
    available = false;
    expect(() => fileKeyProvider(keyFile, safeStorageWrapper(keystore)).loadKey()).toThrow(KeyFileError);
  });

  it('makes time-ordered UUIDv7 keys that never repeat', () => {
    const keys = Array.from({ length: 5000 }, () => uuidv7());
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((k) => UUIDV7_PATTERN.test(k))).toBe(true);
    expect([...keys].sort()).toEqual(keys);
  });
});
