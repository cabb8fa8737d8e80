// One Content-Security-Policy for every transport: the Electron custom scheme and loopback
// HTTP serve the same responses, so the page is equally locked down in both.
import { createHash } from 'node:crypto';
import { BOOT_STYLE } from '../../common/boot-style';

/** The one inline <style> the page may carry (the boot screen's, common/boot-style.ts), by its hash. */
const BOOT_STYLE_SOURCE = `'sha256-${createHash('sha256').update(BOOT_STYLE, 'utf8').digest('base64')}'`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  `style-src 'self' ${BOOT_STYLE_SOURCE}`,
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  // the microphone for 远程帮办 video calls (opened after the consent screen), never for anybody else's frame
  'Permissions-Policy': 'camera=(self), microphone=(self), geolocation=(), payment=(), usb=()',
};

/**
 * API answers carry personal data (names, birth dates, addresses, case documents); the browser
 * must keep none of them in its disk cache, where they would outlive the citizen's session.
 */
export const NO_STORE = 'no-store';
