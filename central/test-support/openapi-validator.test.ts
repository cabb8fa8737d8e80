// The validator every central answer in the tests goes through must itself refuse what the
// document does not allow; otherwise "all answers conform" would prove nothing.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { describe, expect, it } from 'vitest';
import { checkCentralAnswers, takeContractViolations } from './contract-fetch';
import { responseValidator } from './openapi-validator';

const check = responseValidator();
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
const U = 'http://central.test';

describe('response validator', () => {
  it('passes a documented answer', async () => {
    expect(await check('GET', `${U}/v1/health`, json({ ok: true, service: 'central', apiVersion: 1 }))).toEqual([]);
    expect(await check('GET', `${U}/v1/cases/feed`, json({ error: 'unsigned', message: 'x' }, 401))).toEqual([]);
  });

  it('refuses an undocumented field, status, content type or body', async () => {
    expect(await check('GET', `${U}/v1/health`, json({ ok: true, service: 'central', apiVersion: 1, debug: 1 }))).toHaveLength(1);
    expect(await check('GET', `${U}/v1/health`, json({ error: 'x', message: 'y' }, 418))).toHaveLength(1);
    expect(await check('GET', `${U}/v1/health`, new Response('up', { headers: { 'Content-Type': 'text/plain' } }))).toHaveLength(1);
    expect(await check('GET', `${U}/v1/calendar/2026`, json({ year: '2026', version: 'v1', days: [] }))).toHaveLength(1);
  });

  it('wants 405 with the right Allow for a method the path does not have, and 404 for a path not documented', async () => {
    expect(await check('DELETE', `${U}/v1/attachments`, json({ error: 'unsigned', message: 'x' }, 401))).toHaveLength(1);
    expect(await check('DELETE', `${U}/v1/attachments`, json({ error: 'method-not-allowed', message: 'x' }, 405, { Allow: 'GET' }))).toHaveLength(1);
    expect(await check('DELETE', `${U}/v1/attachments`, json({ error: 'method-not-allowed', message: 'x' }, 405, { Allow: 'POST' }))).toEqual([]);
    expect(await check('GET', `${U}/v1/nothing`, json({ error: 'x', message: 'y' }, 400))).toHaveLength(1);
    expect(await check('GET', `${U}/fleet`, new Response('<html>'))).toEqual([]);
  });

  it('collects off-contract answers of a registered central from the global fetch', async () => {
    const server = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: () => json({ ok: true, service: 'central', apiVersion: 1, extra: 'leak' }), hostname: '127.0.0.1', port: 0 }, () => resolve(s as Server));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      checkCentralAnswers(url);
      expect((await fetch(`${url}/v1/health`)).status).toBe(200);
      const v = takeContractViolations();
      expect(v).toHaveLength(1);
      expect(v[0]).toContain('additional properties');
    } finally {
      server.close();
    }
  });
});
