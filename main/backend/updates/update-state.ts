// The update's progress on disk, shared by the updater (inside the app) and the bundle launcher
// (outside it): what the terminal runs, what it works towards, the last step and its reason, and
// the releases it rolled back from (never installed again; an operator publishes a fixed one).
// Written atomically (temporary file + rename), so a power cut leaves the old or the new state.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { heartbeatUpdateSchema } from '../../../common/fleet-updates';
import { lazySchema } from '../../../common/lazy-schema';

export const updateStateSchema = lazySchema(() =>
  heartbeatUpdateSchema.extend({
    /** SHA-512 of the target release (null when idle) */
    targetSha512: z.string().nullable().default(null),
    /** artifacts that failed their health check here, by SHA-512 */
    blocked: z.array(z.string()).max(100).default([]),
  }),
);
export type UpdateState = z.infer<typeof updateStateSchema>;

/** A small JSON file of the updater's, parsed with its schema: null when missing, unreadable or not what the schema says. */
export function readJsonFile<S extends z.ZodType>(file: string, schema: S): z.output<S> | null {
  try {
    const r = schema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

export function readUpdateState(file: string): UpdateState | null {
  return readJsonFile(file, updateStateSchema);
}

export function writeUpdateState(file: string, state: UpdateState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(updateStateSchema.parse(state)) + '\n', { mode: 0o600 });
  const fd = fs.openSync(tmp, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(tmp, file);
}
