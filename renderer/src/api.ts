// The renderer's typed client for the backend. Same origin in every transport
// (kiosk:// in Electron, http://127.0.0.1:port on loopback), so no URL is configured.
import type { Hono } from 'hono';
import { hc } from 'hono/client';
import type { BlankEnv } from 'hono/types';
import type { KioskApiSchema } from '../../common/api/kiosk-api-types';

/**
 * The backend's API as the renderer compiles against it: the routes' schema written out as plain
 * types (common/api/kiosk-api-types.ts, generated from `ApiType` in main/backend/app.ts), so no
 * backend module — and no Node type — is part of the renderer's type check.
 */
export type KioskApi = Hono<BlankEnv, KioskApiSchema, '/'>;

export const api = hc<KioskApi>(`${location.origin}/api`);
