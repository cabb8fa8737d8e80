// The Linux Secret Service (GNOME Keyring, KWallet) through libsecret's `secret-tool`, for the
// headless host, which has no Electron safeStorage. The outbox key is stored there, so the key
// is not on the disk it protects: a copied disk alone does not open the sealed data.
import { spawnSync } from 'node:child_process';

export interface SecretService {
  readonly kind: 'libsecret';
  /** Whether a Secret Service answers on the session bus now. */
  available(): boolean;
  lookup(): Buffer | null;
  store(key: Buffer): void;
}

export type Run = (args: string[], input?: string) => { status: number | null; stdout: string; stderr: string; error?: Error };

const runSecretTool: Run = (args, input) => {
  const r = spawnSync('secret-tool', args, { input, encoding: 'utf8', timeout: 10_000 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
};

/**
 * `secret-tool` keyed by the kiosk's keys folder, so two kiosks (or test runs) on one machine
 * never share a key. `lookup` exits 1 with nothing on stderr when the item does not exist; any
 * message on stderr means no Secret Service (no D-Bus session, no keyring daemon, locked).
 */
export function secretToolService(keysDir: string, opts: { run?: Run; env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform; item?: 'outbox' | 'terminal-sm2' } = {}): SecretService {
  const run = opts.run ?? runSecretTool;
  const env = opts.env ?? process.env;
  const item = opts.item ?? 'outbox';
  const attrs = ['service', 'gov-kiosk', 'key', item, 'dir', keysDir];
  return {
    kind: 'libsecret',
    available() {
      if ((opts.platform ?? process.platform) !== 'linux' || !env.DBUS_SESSION_BUS_ADDRESS) return false;
      const r = run(['lookup', ...attrs]);
      return !r.error && (r.status === 0 || (r.status === 1 && r.stderr.trim() === ''));
    },
    lookup() {
      const r = run(['lookup', ...attrs]);
      if (r.error || (r.status !== 0 && r.stderr.trim() !== '')) throw new Error(`secret-tool lookup failed: ${r.error?.message ?? r.stderr.trim()}`);
      const text = r.status === 0 ? r.stdout.trim() : '';
      return text ? Buffer.from(text, 'base64') : null;
    },
    store(key) {
      const r = run(['store', `--label=gov-kiosk ${item} key`, ...attrs], key.toString('base64'));
      if (r.error || r.status !== 0) throw new Error(`secret-tool store failed: ${r.error?.message ?? r.stderr.trim()}`);
    },
  };
}
