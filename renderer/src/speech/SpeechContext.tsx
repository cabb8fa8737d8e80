// Spoken guidance for one citizen session: on / off, volume, "say again", and the watcher that
// says every new prompt and error as it appears on screen (read from the screen: spoken-text.ts).
// The voice is the terminal's speech service behind the backend, not the browser's. Every new
// citizen starts from the terminal's defaults (`config.speech`); the idle reset stops speech.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api } from '../api';
import { call, send } from '../call';
import { useSession } from '../session/SessionContext';
import { spokenElements, utterance } from './spoken-text';

export const VOLUME_STEP = 20;
export const VOLUME_MAX = 100;
/** How long a burst of screen changes (a step's title, lead and a warning) is gathered into one utterance. */
const GATHER_MS = 60;
/** How often a terminal whose speech service is away looks for it again. */
const RECHECK_MS = 30_000;
/** …and soon after a prompt could not be said. */
const RETRY_AFTER_FAILURE_MS = 3000;

interface SpeechApi {
  /** the speech service can speak now; the controls hide while it cannot */
  available: boolean;
  on: boolean;
  volume: number;
  setOn: (on: boolean) => void;
  setVolume: (volume: number) => void;
  /** says again everything that is on screen to be said (prompt, device prompt, errors) */
  repeat: () => void;
}

const Ctx = createContext<SpeechApi | null>(null);

export function SpeechProvider({ defaults, children }: { defaults: { onByDefault: boolean; volume: number }; children: ReactNode }) {
  const { state } = useSession();
  const [available, setAvailable] = useState(false);
  const [on, setOnState] = useState(defaults.onByDefault);
  const [volume, setVolumeState] = useState(defaults.volume);
  const settings = useRef({ on, volume, lang: state.lang, available });
  settings.current = { on, volume, lang: state.lang, available };

  const checkAvailable = useCallback(async () => {
    try {
      const r = await call(api.speech.$get());
      setAvailable(r.ok && r.value.available);
    } catch {
      setAvailable(false);
    }
  }, []);

  useEffect(() => {
    void checkAvailable();
    const timer = setInterval(() => void checkAvailable(), RECHECK_MS);
    return () => clearInterval(timer);
  }, [checkAvailable]);

  const say = useCallback(
    async (text: string) => {
      const s = settings.current;
      if (!s.on || !s.available || !text) return;
      try {
        const r = await call(api.speech.say.$post({ json: { text, lang: s.lang, volume: s.volume } }));
        // The service went away: hide the controls rather than offer a voice that is not there,
        // and look again soon (the backend reconnects at once when it is back).
        if (!r.ok && r.error.status === 503) {
          setAvailable(false);
          setTimeout(() => void checkAvailable(), RETRY_AFTER_FAILURE_MS);
        }
      } catch {
        setAvailable(false);
      }
    },
    [checkAvailable],
  );

  const sayScreen = useCallback(() => void say(utterance(spokenElements(document.body).map((x) => x.text))), [say]);

  // A new citizen: the terminal's defaults again, and nothing left being said.
  const generation = useRef(state.generation);
  useEffect(() => {
    if (generation.current === state.generation) return;
    generation.current = state.generation;
    setOnState(defaults.onByDefault);
    setVolumeState(defaults.volume);
    // a terminal without the speech service has nothing to stop (and would log a 503 on every reset)
    if (settings.current.available) void send(api.speech.stop.$post());
  }, [state.generation, defaults.onByDefault, defaults.volume]);

  // The watcher: what appears or changes among the prompts and errors is said, once.
  const said = useRef(new WeakMap<Element, string>());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const gather = () => {
      timer = null;
      const fresh: string[] = [];
      for (const { el, text } of spokenElements(document.body)) {
        if (said.current.get(el) === text) continue;
        said.current.set(el, text);
        fresh.push(text);
      }
      if (fresh.length > 0) void say(utterance(fresh));
    };
    const observer = new MutationObserver(() => {
      timer ??= setTimeout(gather, GATHER_MS);
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['hidden', 'aria-hidden', 'role', 'data-spoken'] });
    gather();
    return () => {
      observer.disconnect();
      if (timer) clearTimeout(timer);
    };
  }, [say]);

  const value = useMemo<SpeechApi>(
    () => ({
      available,
      on,
      volume,
      setOn: (next) => {
        setOnState(next);
        settings.current.on = next;
        // Turned on: the screen's prompt at once, so the citizen hears that it works.
        if (next) sayScreen();
        else void send(api.speech.stop.$post());
      },
      setVolume: (next) => {
        const v = Math.max(VOLUME_STEP, Math.min(VOLUME_MAX, next));
        setVolumeState(v);
        settings.current.volume = v;
        // The prompt again at the new volume: a level is judged by ear, not by its number.
        sayScreen();
      },
      repeat: sayScreen,
    }),
    [available, on, volume, sayScreen],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSpeech(): SpeechApi {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSpeech outside SpeechProvider');
  return v;
}
