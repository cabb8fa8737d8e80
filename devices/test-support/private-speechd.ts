// A private speech-dispatcher for tests and benchmarks: its own config, socket, runtime dir and
// log in a temp folder, espeak-ng as the output module, and libao's `null` driver as the sound
// card (CI machines have none), so the whole synthesis runs and nothing is heard. What the
// service received and when it started sounding is read back from its log at level 5:
// "Queueing message |TEXT|" for every utterance and "Sending N samples to audio" for its sound.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface Utterance {
  text: string;
  language: string | null;
  volume: number | null;
  queuedAt: number;
  firstSoundAt: number | null;
}

export interface PrivateSpeechd {
  socketPath: string;
  /** every text the service queued, oldest first */
  spoken(): string[];
  /** each utterance: its text, the language and volume (SSIP's -100…100) the voice module was given, when it was queued and when its first audio went out (ms since the epoch, the service's own clock) */
  sounded(): Utterance[];
  stop(): Promise<void>;
}

const SPEECHD = '/usr/bin/speech-dispatcher';

/** The service is listening (its socket file appears before it accepts). */
function accepts(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const c = net.createConnection({ path: socketPath });
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });
}

/** `socketPath`: listen there (a restarted service on the socket the kiosk already knows). */
export async function startPrivateSpeechd(opts: { socketPath?: string } = {}): Promise<PrivateSpeechd> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-speechd-'));
  const conf = path.join(dir, 'conf');
  const run = path.join(dir, 'run');
  const home = path.join(dir, 'home');
  const log = path.join(dir, 'log');
  for (const d of [path.join(conf, 'modules'), run, home, log]) fs.mkdirSync(d, { recursive: true, mode: 0o700 });
  fs.writeFileSync(
    path.join(conf, 'speechd.conf'),
    [
      `LogLevel 5`,
      `LogDir "${log}"`,
      `DefaultVolume 100`,
      `AudioOutputMethod "libao"`,
      `AddModule "espeak-ng" "sd_espeak-ng" "espeak-ng.conf"`,
      `DefaultModule espeak-ng`,
      `DefaultLanguage "zh"`,
      '',
    ].join('\n'),
  );
  fs.copyFileSync('/etc/speech-dispatcher/modules/espeak-ng.conf', path.join(conf, 'modules', 'espeak-ng.conf'));
  // libao reads ~/.libao: the null driver takes the samples and plays nothing.
  fs.writeFileSync(path.join(home, '.libao'), 'default_driver=null\n');
  const socketPath = opts.socketPath ?? path.join(run, 'speechd.sock');
  // a socket file left by a stopped one on the same path would answer "refused", not this one
  fs.rmSync(socketPath, { force: true });
  const child: ChildProcess = spawn(SPEECHD, ['--run-single', '--timeout', '0', '--config-dir', conf, '--socket-path', socketPath, '--pid-file', path.join(run, 'pid'), '--log-dir', log], {
    env: { ...process.env, TZ: 'UTC', HOME: home, XDG_RUNTIME_DIR: run, XDG_CONFIG_HOME: path.join(home, '.config') },
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // generous: on a loaded machine its start (reading the symbol dictionaries) takes seconds
  const deadline = Date.now() + 30_000;
  while (!(await accepts(socketPath))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      const why = child.exitCode !== null ? `exited with ${child.exitCode}` : 'no connection after 30 s';
      child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(`private speech-dispatcher did not start: ${why}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const logText = () => {
    try {
      return fs.readFileSync(path.join(log, 'speech-dispatcher.log'), 'utf8');
    } catch {
      return '';
    }
  };
  const sounded = () => {
    const out: Utterance[] = [];
    for (const line of logText().split('\n')) {
      // the settings block sent to the voice module for the message just queued
      const setting = /^(language|volume)=(\S+)$/.exec(line);
      const last = out[out.length - 1];
      if (setting && last) {
        if (setting[1] === 'language') last.language ??= setting[2]!;
        else last.volume ??= Number(setting[2]);
        continue;
      }
      const at = /^\[\w{3} (\w{3} +\d+ [\d:]+ \d{4}) : (\d+)\]/.exec(line);
      if (!at) continue;
      const ms = Math.floor(new Date(`${at[1]} UTC`).getTime() / 1000) * 1000 + Number(at[2]) / 1000;
      const queued = /Queueing message \|(.*)\| with priority/.exec(line);
      if (queued) out.push({ text: queued[1]!, language: null, volume: null, queuedAt: ms, firstSoundAt: null });
      else if (/speak_queue Sending \d+ samples to audio/.test(line) && last && last.firstSoundAt === null) last.firstSoundAt = ms;
    }
    return out;
  };
  return {
    socketPath,
    spoken: () => sounded().map((s) => s.text),
    sounded,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
