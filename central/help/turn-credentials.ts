// TURN REST credentials (draft-uberti-behave-turn-rest, coturn's `use-auth-secret`): central and
// the TURN server share one secret; each call gets a username that carries its own expiry and a
// password that is the HMAC of it. Nothing is stored, nothing is revoked: the pair stops working
// at its expiry, so a leaked pair is worth an hour at most.
import crypto from 'node:crypto';
import type { IceConfig } from '../../common/help-desk';

export interface TurnConfig {
  /** e.g. ['turn:turn.example.gov.cn:3478?transport=udp', 'turns:turn.example.gov.cn:5349'] */
  urls: string[];
  /** coturn's static-auth-secret */
  secret: string;
  /** how long a pair works (default 1 h) */
  ttlSec?: number;
  /** send everything through TURN (iceTransportPolicy 'relay'): no host or reflexive address of either side is revealed */
  relayOnly?: boolean;
}

const DEFAULT_TTL_SEC = 3600;

/** The ICE servers for one side of one call; `who` ends up in the TURN server's log (terminal or staff id, never a citizen). */
export function iceConfigFor(turn: TurnConfig | null, who: string, now: number): IceConfig {
  const ttl = turn?.ttlSec ?? DEFAULT_TTL_SEC;
  const expires = Math.floor(now / 1000) + ttl;
  if (!turn || turn.urls.length === 0) return { iceServers: [], iceTransportPolicy: 'all', expiresAt: new Date(expires * 1000).toISOString() };
  const username = `${expires}:${who}`;
  const credential = crypto.createHmac('sha1', turn.secret).update(username).digest('base64');
  return { iceServers: [{ urls: turn.urls, username, credential }], iceTransportPolicy: turn.relayOnly ? 'relay' : 'all', expiresAt: new Date(expires * 1000).toISOString() };
}
