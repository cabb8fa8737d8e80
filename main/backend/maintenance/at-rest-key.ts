// Facts about the outbox key for the technician's terminal panel, decided at boot (types only:
// boot, the maintenance services and the panel share them without importing one another).

/** Where the outbox key lives this boot. A plain-file fallback is shown, not hidden. */
export interface AtRestKeyFacts {
  keystore: 'safeStorage' | 'libsecret' | 'file' | 'static';
  /** Why the key sits in a 0600 file beside the data; null when a keystore holds it. */
  fallbackReason: string | null;
}
