// The renderer's typed client for the backend. Same origin in every transport
// (kiosk:// in Electron, http://127.0.0.1:port on loopback), so no URL is configured.
import { hc } from 'hono/client';
import type { ApiType } from '../../main/backend/app';

export const api = hc<ApiType>(`${location.origin}/api`);
