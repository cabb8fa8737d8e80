// Builds the stand-in vendor libraries (sdtapi-standin.c, wlt-standin.c) with gcc into a folder
// the caller owns and removes: the tests and the simulator load them by path, exactly like a
// vendor's library. Never committed as binaries. Also writes the stand-in's card file.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { err, ok, type Result } from '../../../../common/result';
import { encodeReadData } from '../../frame';
import type { SimCard } from '../../simulator';

export interface StandIns {
  /** the reader SDK (sdtapi ABI) */
  sdtapi: string;
  /** the WLT photo decoder (libwlt ABI) */
  wlt: string;
  /** the folder the SDK stand-in reads its card and fault files from ($KIOSK_SDK_STANDIN_DIR) */
  stateDir: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const ext = process.platform === 'darwin' ? 'dylib' : 'so';

function gcc(src: string, out: string): Promise<Result<void, string>> {
  return new Promise((resolve) =>
    execFile('gcc', ['-shared', '-fPIC', '-O2', '-Wall', '-Wextra', '-Werror', '-o', out, path.join(here, src)], (e, _o, stderr) =>
      resolve(e ? err(`gcc ${src}: ${(stderr || e.message).trim()}`) : ok(undefined)),
    ),
  );
}

export async function buildStandIns(dir: string): Promise<Result<StandIns, string>> {
  fs.mkdirSync(dir, { recursive: true });
  const out: StandIns = { sdtapi: path.join(dir, `libsdtapi-standin.${ext}`), wlt: path.join(dir, `libwlt-standin.${ext}`), stateDir: path.join(dir, 'reader') };
  fs.mkdirSync(out.stateDir, { recursive: true });
  const built = await Promise.all([gcc('sdtapi-standin.c', out.sdtapi), gcc('wlt-standin.c', out.wlt)]);
  const failed = built.find((r) => !r.ok);
  return failed && !failed.ok ? err(failed.error) : ok(out);
}

/** Puts a card on the stand-in reader (null: takes it away). Atomic: the SDK never sees half a file. */
export function setStandInCard(stateDir: string, card: SimCard | null): void {
  const file = path.join(stateDir, 'card.bin');
  if (!card) {
    fs.rmSync(file, { force: true });
    return;
  }
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, encodeReadData(card.text, card.photo, card.fingerprint ?? new Uint8Array(0)));
  fs.renameSync(tmp, file);
}

export type StandInFault = 'unplugged' | 'hang' | 'garbage' | 'no-sam';

export function setStandInFault(stateDir: string, fault: StandInFault, on: boolean): void {
  const file = path.join(stateDir, fault);
  if (on) fs.writeFileSync(file, '');
  else fs.rmSync(file, { force: true });
}
