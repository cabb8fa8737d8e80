// Sealed scanned pages kept as files next to the database: one file per submission (and suite),
// its pages sealed one by one and written back to back, so a 10-page submission is one write and
// one fsync instead of SQLite's WAL copy plus checkpoint copy. The page rows in the database say
// where each page is; a file is made durable (its data and its directory entry) before the row
// that names it commits, and removed only after the row that named it is gone, so a crash leaves
// at most an unreferenced file, which the next start removes (`sweep`). Nothing here sees clear
// personal data: callers hand in sealed bytes.
import fs from 'node:fs';
import path from 'node:path';
import type { SuiteTag } from '../../common/crypto-suite/suite';

const SUFFIX = '.pages';
const WIPE_CHUNK = 1024 * 1024;

export interface PagePlace {
  offset: number;
  size: number;
}

function fsyncPath(p: string): void {
  const fd = fs.openSync(p, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function writeAll(fd: number, buf: Uint8Array, position: number): void {
  let done = 0;
  while (done < buf.length) done += fs.writeSync(fd, buf, done, buf.length - done, position + done);
}

/** Writes the pieces back to back from `position` in one writev (a short write finishes piece by piece). */
function writeParts(fd: number, parts: readonly Uint8Array[], position: number): void {
  let written = fs.writevSync(fd, parts as Uint8Array[], position);
  let at = position;
  for (const p of parts) {
    const done = Math.min(written, p.length);
    if (done < p.length) writeAll(fd, p.subarray(done), at + done);
    written -= done;
    at += p.length;
  }
}

export class PageFiles {
  /** The directory of the page files of the database at `dbFile`: `<dbFile>.pages/`, 0700. */
  static dirOf(dbFile: string): string {
    return `${dbFile}${SUFFIX}`;
  }

  /** The file holding a submission's pages sealed in `suite` (an idempotency key is a UUID: a safe name). */
  static nameOf(idempotencyKey: string, suite: SuiteTag): string {
    return `${idempotencyKey}.${suite}${SUFFIX}`;
  }

  constructor(readonly dir: string) {
    if (!fs.existsSync(dir)) {
      fs.mkdirSync(dir, { mode: 0o700 });
      // the folder itself must survive a power cut before any file in it is relied on
      fsyncPath(path.dirname(dir));
    }
  }

  /**
   * Writes the sealed pages as the file `name` (replacing an unreferenced leftover of the same
   * name) and returns where each page is. Each page comes as the pieces it was sealed into
   * (`Sealer.sealParts`), written as they are. Returns only once the bytes and the directory
   * entry are on disk; on failure (ENOSPC…) the partial file is removed and the error rethrown.
   */
  write(name: string, sealedPages: readonly (readonly Uint8Array[])[]): PagePlace[] {
    const file = path.join(this.dir, name);
    const places: PagePlace[] = [];
    let fd: number | null = null;
    try {
      fd = fs.openSync(file, 'w', 0o600);
      let offset = 0;
      for (const parts of sealedPages) {
        const size = parts.reduce((n, p) => n + p.length, 0);
        places.push({ offset, size });
        offset += size;
      }
      writeParts(fd, sealedPages.flat(), 0);
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      fd = null;
      fsyncPath(this.dir);
      return places;
    } catch (e) {
      if (fd !== null) fs.closeSync(fd);
      fs.rmSync(file, { force: true });
      throw e;
    }
  }

  /** One sealed page; throws when the file is missing or shorter than the row says. */
  read(name: string, place: PagePlace): Buffer {
    const fd = fs.openSync(path.join(this.dir, name), 'r');
    try {
      const buf = Buffer.allocUnsafe(place.size);
      const n = fs.readSync(fd, buf, 0, place.size, place.offset);
      if (n !== place.size) throw new Error(`page file ${name} is shorter than recorded`);
      return buf;
    } finally {
      fs.closeSync(fd);
    }
  }

  /**
   * Removes files no row names any more. Like SQLite's secure_delete for the database, the
   * sealed bytes are overwritten with zeros (and that reaches the disk) before the unlink.
   */
  remove(names: Iterable<string>): number {
    let n = 0;
    for (const name of names) {
      const file = path.join(this.dir, name);
      let fd: number;
      try {
        fd = fs.openSync(file, 'r+');
      } catch {
        continue; // already gone (a crash after the unlink, before the row's last reference went)
      }
      try {
        const size = fs.fstatSync(fd).size;
        const zeros = Buffer.alloc(Math.min(size, WIPE_CHUNK));
        for (let at = 0; at < size; at += zeros.length) writeAll(fd, zeros.subarray(0, Math.min(zeros.length, size - at)), at);
        fs.fdatasyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.rmSync(file, { force: true });
      n++;
    }
    return n;
  }

  /** Every page file present. */
  list(): string[] {
    return fs.readdirSync(this.dir).filter((f) => f.endsWith(SUFFIX));
  }

  /** Removes every page file not in `referenced` (left by a crash between file and row); returns how many. */
  sweep(referenced: ReadonlySet<string>): number {
    return this.remove(this.list().filter((f) => !referenced.has(f)));
  }

  /** Bytes held by page files (the bench's database-growth figure). */
  bytes(): number {
    return this.list().reduce((n, f) => n + fs.statSync(path.join(this.dir, f)).size, 0);
  }
}
