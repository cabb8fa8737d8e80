// 视频帮办 at the kiosk: places the call through the backend, waits in the queue, and once a staff
// member answers runs the browser's own WebRTC with the ICE servers central gave (TURN). The
// staff console makes the offer and opens the data channel; this side answers, sends the
// structured screen view (screen-view.ts) when the citizen agreed to share it, and shows where
// the staff member points. Signalling goes kiosk backend → central; media and the data channel
// go peer to peer (through TURN). Nothing here can submit anything: the screen stays the citizen's.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HelpScreen } from '../../../common/help-desk';
import { api } from '../api';
import { call, send, type Answer } from '../call';
import { setCallActive } from './call-activity';
import { describeScreen, pointTarget } from './screen-view';

type Ice = Answer<typeof api.help.calls.$post>['ice'];

export type CallPhase =
  | { k: 'closed' }
  | { k: 'consent' }
  | { k: 'placing' }
  | { k: 'waiting'; position: number; estimateSec: number }
  | { k: 'connecting'; staffName: string | null }
  | { k: 'in-call'; staffName: string | null; reconnecting: boolean }
  | { k: 'missed' }
  | { k: 'callback-done' }
  | { k: 'ended'; why: 'staff' | 'citizen' | 'lost' | 'offline' | 'no-camera' };

export interface Consent {
  camera: boolean;
  screen: boolean;
}

interface Live {
  pc: RTCPeerConnection | null;
  media: MediaStream | null;
  ice: Ice;
  consent: Consent;
  after: number;
  remoteSet: boolean;
  pending: RTCIceCandidateInit[];
  timer: number;
  lostTimer: number;
  failures: number;
  observer: MutationObserver | null;
  over: boolean;
}

const RECONNECT_GRACE_MS = 15_000;
/** Polls the backend fails in a row before the screen says the network dropped. */
const OFFLINE_AFTER_FAILURES = 3;

export function useHelpCall(hooks: { onPoint: (el: HTMLElement) => void }) {
  const [phase, setPhase] = useState<CallPhase>({ k: 'closed' });
  const [remote, setRemote] = useState<MediaStream | null>(null);
  const [local, setLocal] = useState<MediaStream | null>(null);
  const live = useRef<Live | null>(null);
  const onPoint = useRef(hooks.onPoint);
  onPoint.current = hooks.onPoint;
  const calling = phase.k === 'placing' || phase.k === 'waiting' || phase.k === 'connecting' || phase.k === 'in-call';
  useEffect(() => {
    setCallActive(calling);
    return () => setCallActive(false);
  }, [calling]);

  const cleanup = useCallback(() => {
    const l = live.current;
    live.current = null;
    if (!l) return;
    l.over = true;
    window.clearTimeout(l.timer);
    window.clearTimeout(l.lostTimer);
    l.observer?.disconnect();
    l.pc?.close();
    l.media?.getTracks().forEach((t) => t.stop());
    setRemote(null);
    setLocal(null);
  }, []);

  const finish = useCallback(
    (why: Extract<CallPhase, { k: 'ended' }>['why'] | 'missed') => {
      cleanup();
      setPhase(why === 'missed' ? { k: 'missed' } : { k: 'ended', why });
    },
    [cleanup],
  );

  const sendView = useCallback((dc: RTCDataChannel) => {
    const l = live.current;
    if (!l || dc.readyState !== 'open') return;
    const view = l.consent.screen ? describeScreen(document) : { title: '', items: [] };
    dc.send(JSON.stringify({ type: 'screen', consent: l.consent, ...view }));
  }, []);

  const connect = useCallback(
    async (l: Live, offerSdp: string) => {
      const pc = new RTCPeerConnection({ iceServers: l.ice.iceServers, iceTransportPolicy: l.ice.iceTransportPolicy });
      l.pc = pc;
      l.media?.getTracks().forEach((t) => pc.addTrack(t, l.media!));
      pc.addEventListener('track', (e) => setRemote(e.streams[0] ?? new MediaStream([e.track])));
      pc.addEventListener('icecandidate', (e) => {
        if (e.candidate) void send(api.help.calls.current.signals.$post({ json: { kind: 'candidate', data: JSON.stringify(e.candidate.toJSON()) } }));
      });
      pc.addEventListener('datachannel', (e) => {
        const dc = e.channel;
        let queued = 0;
        // the view follows the screen, at most twice a second
        const resend = () => {
          if (queued) return;
          queued = window.setTimeout(() => {
            queued = 0;
            sendView(dc);
          }, 500);
        };
        dc.addEventListener('open', () => {
          sendView(dc);
          l.observer = new MutationObserver(resend);
          l.observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['hidden', 'disabled', 'aria-pressed', 'class'] });
        });
        dc.addEventListener('message', (m) => {
          try {
            const msg = JSON.parse(String(m.data)) as { type?: unknown; id?: unknown };
            if (msg.type !== 'point' || typeof msg.id !== 'string') return;
            const el = pointTarget(document, msg.id);
            if (el) onPoint.current(el);
          } catch {
            // a malformed message from the other side is dropped
          }
        });
      });
      pc.addEventListener('connectionstatechange', () => {
        if (live.current !== l) return;
        const s = pc.connectionState;
        if (s === 'connected') {
          window.clearTimeout(l.lostTimer);
          setPhase((p) => (p.k === 'connecting' || p.k === 'in-call' ? { k: 'in-call', staffName: p.staffName, reconnecting: false } : p));
        } else if (s === 'disconnected') {
          setPhase((p) => (p.k === 'in-call' ? { ...p, reconnecting: true } : p));
          window.clearTimeout(l.lostTimer);
          l.lostTimer = window.setTimeout(() => {
            if (live.current !== l) return;
            void send(api.help.calls.current.hangup.$post());
            finish('lost');
          }, RECONNECT_GRACE_MS);
        } else if (s === 'failed') {
          void send(api.help.calls.current.hangup.$post());
          finish('lost');
        }
      });
      await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
      l.remoteSet = true;
      for (const c of l.pending.splice(0)) await pc.addIceCandidate(c).catch(() => undefined);
      const answer = await pc.createAnswer();
      await pc.setLocalDescription(answer);
      await send(api.help.calls.current.signals.$post({ json: { kind: 'answer', data: answer.sdp ?? '' } }));
    },
    [finish, sendView],
  );

  const poll = useCallback(
    async (l: Live) => {
      if (l.over) return;
      const st = await call(api.help.calls.current.$get()).catch(() => null);
      if (l.over) return;
      if (!st || !st.ok) {
        // the backend no longer holds the call: this screen's session ended it
        if (st && st.error.status === 404) return finish('citizen');
        l.failures += 1;
        // while the call itself is up, the media path does not need the backend
        if (l.failures >= OFFLINE_AFTER_FAILURES && l.pc?.connectionState !== 'connected') return finish(l.pc ? 'lost' : 'offline');
      } else {
        l.failures = 0;
        const s = st.value;
        if (s.state === 'missed') return finish('missed');
        if (s.state === 'ended') return finish(s.endReason === 'connection-lost' ? 'lost' : 'staff');
        if (s.state === 'waiting') setPhase({ k: 'waiting', position: s.position ?? 1, estimateSec: s.estimatedWaitSec ?? 0 });
        if (s.state === 'answered') {
          setPhase((p) => (p.k === 'in-call' ? p : p.k === 'connecting' ? p : { k: 'connecting', staffName: s.staffName }));
          const sig = await call(api.help.calls.current.signals.$get({ query: { after: String(l.after) } })).catch(() => null);
          if (l.over) return;
          if (sig?.ok) {
            for (const m of sig.value.signals) {
              l.after = Math.max(l.after, m.seq);
              if (m.kind === 'offer' && !l.pc) await connect(l, m.data);
              else if (m.kind === 'candidate') {
                const c = JSON.parse(m.data) as RTCIceCandidateInit;
                if (l.remoteSet && l.pc) await l.pc.addIceCandidate(c).catch(() => undefined);
                else l.pending.push(c);
              }
            }
          }
        }
      }
      if (l.over) return;
      l.timer = window.setTimeout(() => void poll(l), l.pc?.connectionState === 'connected' ? 2000 : 700);
    },
    [connect, finish],
  );

  const start = useCallback(
    async (consent: Consent, screen: HelpScreen) => {
      cleanup();
      setPhase({ k: 'placing' });
      let media: MediaStream | null = null;
      try {
        media = await navigator.mediaDevices.getUserMedia({ audio: true, video: consent.camera });
      } catch {
        setPhase({ k: 'ended', why: 'no-camera' });
        return;
      }
      const r = await call(api.help.calls.$post({ json: { screen } })).catch(() => null);
      if (!r || !r.ok) {
        media.getTracks().forEach((t) => t.stop());
        setPhase({ k: 'ended', why: 'offline' });
        return;
      }
      const l: Live = { pc: null, media, ice: r.value.ice, consent, after: 0, remoteSet: false, pending: [], timer: 0, lostTimer: 0, failures: 0, observer: null, over: false };
      live.current = l;
      setLocal(consent.camera ? media : null);
      setPhase({ k: 'waiting', position: r.value.position ?? 1, estimateSec: r.value.estimatedWaitSec ?? 0 });
      void poll(l);
    },
    [cleanup, poll],
  );

  const hangUp = useCallback(() => {
    void send(api.help.calls.current.hangup.$post());
    finish('citizen');
  }, [finish]);

  /** Nobody answered (or the citizen could not wait): leave a number for a callback. */
  const leaveNumber = useCallback(
    async (phone: string): Promise<boolean> => {
      const r = await call(api.help.calls.current.callback.$post({ json: { phone } })).catch(() => null);
      if (!r || !r.ok) return false;
      cleanup();
      setPhase({ k: 'callback-done' });
      return true;
    },
    [cleanup],
  );

  const giveUpWaiting = useCallback(() => {
    // stop the media and the polling, keep the call at central until the number is left
    const l = live.current;
    if (l) {
      window.clearTimeout(l.timer);
      l.over = true;
      l.media?.getTracks().forEach((t) => t.stop());
    }
    setLocal(null);
    setPhase({ k: 'missed' });
  }, []);

  const open = useCallback(() => setPhase((p) => (p.k === 'closed' || p.k === 'ended' || p.k === 'callback-done' ? { k: 'consent' } : p)), []);
  const close = useCallback(() => {
    if (live.current) void send(api.help.calls.current.hangup.$post());
    cleanup();
    setPhase({ k: 'closed' });
  }, [cleanup]);

  // the screen goes away (reset, reload): the call goes with it
  useEffect(() => () => cleanup(), [cleanup]);

  return { phase, remote, local, start, hangUp, leaveNumber, giveUpWaiting, open, close };
}
