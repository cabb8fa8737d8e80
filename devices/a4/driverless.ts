// CUPS driverless A4 printers (IPP Everywhere / AirPrint / Mopria): found with `ippfind` (DNS-SD
// through the system's avahi-daemon) and `lpinfo --include-schemes …` (what cupsd's own backends
// see), or typed in by the technician as an address; added as a CUPS queue with
// `lpadmin -p Q -v ipp://… -m everywhere` (CUPS builds the queue from the printer's own IPP
// attributes: no driver). Every tool runs as a child with a deadline and its arguments as an
// array (no shell); a failure comes back as a code with the tool's own words as detail.
import { execFile } from 'node:child_process';
import os from 'node:os';
import { err, ok, type Result } from '../../common/result';

export interface DiscoveredIppPrinter {
  /** what lpadmin's -v gets */
  uri: string;
  /** the printer's DNS-SD instance name, or the URI when lpinfo gave none */
  name: string;
  /** make and model from the TXT record (`ty`), when advertised */
  makeModel: string | null;
  via: 'ippfind' | 'lpinfo';
}

export type DriverlessError =
  { code: 'tool-missing'; tool: string } | { code: 'bad-address'; detail: string } | { code: 'add-failed'; detail: string } | { code: 'tool-failed'; tool: string; detail: string };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  missing: boolean;
}

function run(cmd: string, args: string[], timeoutMs: number, env?: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs, env: env ?? process.env, maxBuffer: 1 << 20, encoding: 'utf8' }, (e, stdout, stderr) => {
      const code = e ? (typeof e.code === 'number' ? e.code : null) : 0;
      resolve({ code, stdout, stderr, missing: (e as NodeJS.ErrnoException | null)?.code === 'ENOENT' });
    });
  });
}

/**
 * A service advertised by this very machine (ipp-usb, or a test printer) names it `<host>.local`,
 * which cupsd resolves only with nss-mdns; the loopback address reaches it either way.
 */
function reachableUri(uri: string, hostname = os.hostname()): string {
  try {
    const u = new URL(uri);
    if (u.hostname.toLowerCase() === `${hostname.toLowerCase()}.local`) u.hostname = 'localhost';
    return u.toString();
  } catch {
    return uri;
  }
}

const FIELD_SEP = '\u001f';

/** Lines of `ippfind --exec printf …`: URI, instance name, `ty`, separated by US (0x1f). */
export function parseIppfind(out: string, hostname?: string): DiscoveredIppPrinter[] {
  // one entry per advertised printer: a printer offering both keeps ipp:// (ipps:// needs its
  // certificate trusted first, which a technician cannot do from the kiosk's screen)
  const byName = new Map<string, DiscoveredIppPrinter>();
  for (const line of out.split('\n')) {
    const [uri = '', name = '', ty = ''] = line.split(FIELD_SEP);
    if (!/^ipps?:\/\//.test(uri)) continue;
    const key = name || uri;
    const known = byName.get(key);
    if (known && (known.uri.startsWith('ipp:') || uri.startsWith('ipps:'))) continue;
    byName.set(key, { uri: reachableUri(uri, hostname), name: key, makeModel: ty || null, via: 'ippfind' });
  }
  return [...byName.values()];
}

/** Lines of `lpinfo -v`: "network dnssd://…" and the like; bare backend names carry no address. */
export function parseLpinfo(out: string): DiscoveredIppPrinter[] {
  return out
    .split('\n')
    .map((l) => /^\S+\s+((?:dnssd|ipps?):\/\/\S+)/.exec(l.trim())?.[1])
    .filter((u): u is string => !!u)
    .map((uri) => ({ uri, name: decodeURIComponent(/^dnssd:\/\/([^/._]+)/.exec(uri)?.[1] ?? uri), makeModel: null, via: 'lpinfo' as const }));
}

export interface DiscoverOptions {
  /** how long ippfind listens for DNS-SD answers */
  seconds?: number;
  /** the environment the tools run in (tests point DBUS_SYSTEM_BUS_ADDRESS at a private bus) */
  env?: NodeJS.ProcessEnv;
}

/** IPP printers on the network, from ippfind and lpinfo, without duplicates; `problems` names tools that failed. */
export async function discoverIppPrinters(opts: DiscoverOptions = {}): Promise<{ printers: DiscoveredIppPrinter[]; problems: DriverlessError[] }> {
  const seconds = opts.seconds ?? 3;
  const [find, info] = await Promise.all([
    run(
      'ippfind',
      ['-T', String(seconds), '_ipp._tcp', '_ipps._tcp', '--exec', 'printf', `%s${FIELD_SEP}%s${FIELD_SEP}%s\\n`, '{service_uri}', '{service_name}', '{txt_ty}', ';'],
      (seconds + 5) * 1000,
      opts.env,
    ),
    run('lpinfo', ['--include-schemes', 'dnssd,ipp,ipps', '--timeout', String(seconds), '-v'], (seconds + 10) * 1000, opts.env),
  ]);
  const problems: DriverlessError[] = [];
  const outcome = (tool: string, r: Run) => {
    if (r.missing) problems.push({ code: 'tool-missing', tool });
    // ippfind exits 1 when it found nothing: not a failure
    else if (r.code !== 0 && !(tool === 'ippfind' && r.code === 1 && !r.stderr.trim())) problems.push({ code: 'tool-failed', tool, detail: (r.stderr || `exit ${r.code}`).trim().slice(0, 300) });
  };
  outcome('ippfind', find);
  outcome('lpinfo', info);
  const printers = [...parseIppfind(find.stdout)];
  for (const p of parseLpinfo(info.stdout)) if (!printers.some((q) => q.uri === p.uri)) printers.push(p);
  return { printers, problems };
}

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$|^\[[0-9A-Fa-f:.]+\]$/;

/**
 * What a technician types: "192.168.1.20", "printer.local:631", or a full ipp:// / ipps:// URI.
 * Becomes an IPP URI (port 631 and the IPP Everywhere path /ipp/print when not given).
 */
export function parsePrinterAddress(text: string): Result<string, DriverlessError> {
  const t = text.trim();
  if (!t || t.length > 300) return err({ code: 'bad-address', detail: 'empty or too long' });
  const withScheme = /^[a-z]+:\/\//i.test(t) ? t : `ipp://${t}`;
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    return err({ code: 'bad-address', detail: 'not an address' });
  }
  if (u.protocol !== 'ipp:' && u.protocol !== 'ipps:') return err({ code: 'bad-address', detail: `scheme ${u.protocol} is not ipp or ipps` });
  if (!HOST.test(u.hostname) || u.username || u.password || u.search || u.hash) return err({ code: 'bad-address', detail: 'host name, port and path only' });
  const port = u.port || '631';
  const pathname = u.pathname === '/' || u.pathname === '' ? '/ipp/print' : u.pathname;
  return ok(`${u.protocol}//${u.hostname}:${port}${pathname}`);
}

/** A CUPS queue name for a printer: ASCII letters, digits, - and _, prefixed so the kiosk's queues stand out. */
export function queueNameFor(printer: { name?: string; uri: string }): string {
  const base = (printer.name && printer.name !== printer.uri ? printer.name : new URL(printer.uri).hostname)
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `kiosk-a4-${base || 'printer'}`;
}

/** Adds (or redefines) queue `queue` for the IPP Everywhere printer at `uri`, enabled and accepting jobs. */
export async function addDriverlessQueue(queue: string, uri: string, opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<Result<{ queue: string; uri: string }, DriverlessError>> {
  if (!/^[A-Za-z0-9_-]{1,127}$/.test(queue)) return err({ code: 'bad-address', detail: `queue name ${queue}` });
  // a dnssd:// URI (from lpinfo) is cupsd's own: it resolves it when printing
  const parsed: Result<string, DriverlessError> = /^dnssd:\/\/[^\s/]+\/\S*$/.test(uri) && uri.length <= 500 ? ok(uri) : parsePrinterAddress(uri);
  if (!parsed.ok) return parsed;
  // -E after -p: enabled and accepting. With -m everywhere cupsd fetches the printer's attributes
  // in the background, so an unreachable printer shows in the test print that follows, not here.
  const r = await run('lpadmin', ['-p', queue, '-E', '-v', parsed.value, '-m', 'everywhere'], opts.timeoutMs ?? 60_000, opts.env);
  if (r.missing) return err({ code: 'tool-missing', tool: 'lpadmin' });
  if (r.code !== 0) return err({ code: 'add-failed', detail: (r.stderr || r.stdout || `exit ${r.code}`).trim().slice(0, 300) });
  return ok({ queue, uri: parsed.value });
}

/** Removes a queue this module added (tests, or a technician undoing a choice). */
export async function removeQueue(queue: string, env?: NodeJS.ProcessEnv): Promise<void> {
  await run('lpadmin', ['-x', queue], 15_000, env);
}
