// `node dist/main/launcher.mjs --root /opt/gov-kiosk [-- app args…]`: the headless host's
// supervisor (bundle-launcher.ts), run by the systemd unit instead of the app itself.
import { BundleLauncher } from './bundle-launcher';

const argv = process.argv.slice(2);
const rootAt = argv.indexOf('--root');
const sep = argv.indexOf('--');
const root = rootAt >= 0 ? argv[rootAt + 1] : undefined;
if (!root) {
  process.stderr.write('usage: launcher --root <install root> [--health-timeout-sec N] [-- app args]\n');
  process.exit(64);
}
const t = argv.indexOf('--health-timeout-sec');
const launcher = new BundleLauncher({ root, args: sep >= 0 ? argv.slice(sep + 1) : [], healthTimeoutMs: t >= 0 ? Number(argv[t + 1]) * 1000 : undefined });
launcher.start();
process.on('SIGUSR2', () => launcher.restartApp());
for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(s, () => void launcher.stop().then(() => process.exit(0)));
