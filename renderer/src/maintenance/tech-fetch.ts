// Maintenance requests: a 403 means the technician session is gone (idle expiry, sign-out on
// another screen), so the screen closes instead of showing errors.
export class SessionExpired extends Error {}

export async function techJson<T>(p: Promise<Response>): Promise<T> {
  const res = await p;
  if (res.status === 403) throw new SessionExpired('technician session expired');
  return (await res.json()) as T;
}

/** Request options for the screen's automatic refreshes: they do not keep an unattended session alive. */
export const BACKGROUND = { headers: { 'x-maintenance-background': '1' } };
