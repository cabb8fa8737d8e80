// Receipts that could not be printed. Kept (in memory, and on disk when a directory is given,
// so a restart does not lose them) until staff reprint or discard them: never dropped silently.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { receiptDocSchema, type ReceiptDoc } from '../../documents/model/receipt-doc';
import { RECEIPT_HELD_REASONS } from '../../common/device-failures';
import type { PrintFailureReason } from './printer';
import { lazySchema } from '../../common/lazy-schema';

export interface HeldJob {
  id: string;
  doc: ReceiptDoc;
  reason: PrintFailureReason;
  detail: string;
  heldAt: string;
  attempts: number;
}

const heldJobSchema = lazySchema(() =>
  z.object({
    id: z.string().regex(/^[0-9a-f-]{36}$/),
    doc: receiptDocSchema,
    reason: z.enum(RECEIPT_HELD_REASONS),
    detail: z.string(),
    heldAt: z.string(),
    attempts: z.number().int(),
  }),
);

export class HeldJobs {
  private readonly jobs = new Map<string, HeldJob>();

  constructor(private readonly dir: string | null = null) {
    if (!dir) return;
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const f of fs
      .readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort()) {
      try {
        const job = heldJobSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
        this.jobs.set(job.id, job);
      } catch {
        // A corrupt file stays on disk for a technician; it is not silently deleted.
      }
    }
  }

  static newId(): string {
    return crypto.randomUUID();
  }

  get size(): number {
    return this.jobs.size;
  }

  list(): HeldJob[] {
    return [...this.jobs.values()].sort((a, b) => a.heldAt.localeCompare(b.heldAt));
  }

  get(id: string): HeldJob | undefined {
    return this.jobs.get(id);
  }

  hold(job: HeldJob): void {
    this.jobs.set(job.id, job);
    if (this.dir) {
      const file = path.join(this.dir, `${job.id}.json`);
      fs.writeFileSync(file + '.tmp', JSON.stringify(job), { mode: 0o600 });
      fs.renameSync(file + '.tmp', file);
    }
  }

  release(id: string): HeldJob | undefined {
    const job = this.jobs.get(id);
    this.jobs.delete(id);
    if (this.dir) fs.rmSync(path.join(this.dir, `${id}.json`), { force: true });
    return job;
  }
}
