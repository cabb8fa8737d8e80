// Signed staged updates and remote configuration. Admin (bearer token): publish a release signed
// offline, set its rollout, put terminals in groups, store signed configuration per group and per
// terminal, read drift. Signed (terminals): which release to run, the artifact by byte range
// (resumable downloads), the configuration documents that apply. Central checks that what it
// stores is well formed and that an artifact matches its stated size and SHA-512; it holds no
// signing key and does not vouch for anything: terminals verify every signature themselves.
import crypto from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { decimalInt } from '../../common/central-api';
import { groupNameSchema, remoteConfigSchema, signedReleaseSchema, signedRemoteConfigSchema, updateAssignmentQuerySchema } from '../../common/fleet-updates';
import type { AuthVariables } from '../auth/terminal-auth';
import { configFor } from '../fleet/config-assignment';
import { assignRelease } from '../fleet/rollout';
import { parseWith, problem, readJsonBody } from '../http-helpers';
import type { CentralStore } from '../store';
import { requireAdminToken } from '../auth/admin-token';

export const releasePublishSchema = signedReleaseSchema.extend({
  /** the artifact (a bundle tarball or an installer), base64 */
  artifactBase64: z.base64().max(30 * 1024 * 1024),
});

export const rolloutSchema = z.object({
  stages: z
    .array(z.object({ group: groupNameSchema, percent: z.number().int().min(0).max(100) }))
    .max(100)
    .refine((s) => new Set(s.map((x) => x.group)).size === s.length, '每个分组只能出现一次 / each group at most once'),
  paused: z.boolean().default(false),
});

export const terminalGroupSchema = z.object({ group: groupNameSchema });
export const releaseIdParamSchema = z.object({ releaseId: decimalInt(1, 2_147_483_647) });
export const sha512ParamSchema = z.object({ sha512: z.string().regex(/^[0-9a-f]{128}$/) });
export const configTargetParamSchema = z.object({ scope: z.enum(['group', 'terminal']), target: z.string().regex(/^[A-Za-z0-9-]{1,40}$/) });
export const terminalParamSchema = z.object({ terminalId: z.string().regex(/^[A-Z0-9]{4,16}$/) });

export const releasePublishedSchema = z.object({ releaseId: z.number().int(), duplicate: z.boolean() });
export const releaseListSchema = z.object({
  releases: z.array(
    z.object({
      releaseId: z.number().int(),
      release: signedReleaseSchema,
      publishedAt: z.string(),
      rollout: z.object({ stages: z.array(z.object({ group: z.string(), percent: z.number().int() })), paused: z.boolean() }).nullable(),
    }),
  ),
});
export const rolloutSetSchema = z.object({ releaseId: z.number().int(), stages: rolloutSchema.shape.stages, paused: z.boolean() });
export const terminalGroupSetSchema = z.object({ terminalId: z.string(), group: z.string() });
export const configStoredSchema = z.object({ scope: z.enum(['group', 'terminal']), target: z.string(), version: z.number().int() });
export const configDriftListSchema = z.object({ drift: z.array(z.object({ terminalId: z.string(), at: z.string(), fields: z.array(z.string()) })) });

/** Largest range one request may ask for: downloads come in pieces a slow link can finish. */
export const MAX_RANGE_BYTES = 4 * 1024 * 1024;

export function releaseAdminRoutes(deps: { store: CentralStore; adminToken: string }) {
  const { store } = deps;
  return new Hono()
    .use(requireAdminToken(deps.adminToken))
    .post('/releases', async (c) => {
      const body = await readJsonBody(c, releasePublishSchema);
      if (!body.ok) return body.response;
      const { artifactBase64, ...release } = body.value;
      const bytes = Buffer.from(artifactBase64, 'base64');
      if (bytes.length !== release.size) return problem(c, 422, 'size-mismatch', `制品大小 ${bytes.length} 与声明的 ${release.size} 不符 / artifact size does not match`);
      if (crypto.createHash('sha512').update(bytes).digest('hex') !== release.sha512) return problem(c, 422, 'sha512-mismatch', '制品的 SHA-512 与声明不符 / artifact SHA-512 does not match');
      return c.json(store.publishRelease(release, bytes));
    })
    .get('/releases', (c) => c.json({ releases: store.releases() }))
    .put('/releases/:releaseId/rollout', async (c) => {
      const p = parseWith(c, c.req.param(), releaseIdParamSchema);
      if (!p.ok) return p.response;
      const body = await readJsonBody(c, rolloutSchema);
      if (!body.ok) return body.response;
      if (!store.setRollout(p.value.releaseId, body.value.stages, body.value.paused)) return problem(c, 404, 'not-found', '无此版本 / no such release');
      return c.json({ releaseId: p.value.releaseId, stages: body.value.stages, paused: body.value.paused });
    })
    .put('/terminals/:terminalId/group', async (c) => {
      const p = parseWith(c, c.req.param(), terminalParamSchema);
      if (!p.ok) return p.response;
      const body = await readJsonBody(c, terminalGroupSchema);
      if (!body.ok) return body.response;
      if (!store.setTerminalGroup(p.value.terminalId, body.value.group)) return problem(c, 404, 'not-found', '无此终端 / no such terminal');
      return c.json({ terminalId: p.value.terminalId, group: body.value.group });
    })
    .put('/configs/:scope/:target', async (c) => {
      const p = parseWith(c, c.req.param(), configTargetParamSchema);
      if (!p.ok) return p.response;
      const body = await readJsonBody(c, signedRemoteConfigSchema);
      if (!body.ok) return body.response;
      let doc: unknown;
      try {
        doc = JSON.parse(body.value.document);
      } catch {
        return problem(c, 422, 'invalid-document', '配置文档不是合法 JSON / the document is not valid JSON');
      }
      const parsed = remoteConfigSchema.safeParse(doc);
      if (!parsed.success) return problem(c, 422, 'invalid-document', '配置文档不符合格式 / the document does not fit the remote configuration format');
      if (parsed.data.scope !== p.value.scope || parsed.data.target !== p.value.target)
        return problem(c, 422, 'wrong-target', '配置文档的范围或对象与地址不符 / the document names another scope or target');
      const r = store.putRemoteConfig(p.value.scope, p.value.target, parsed.data.version, body.value);
      if (!r.stored) return problem(c, 409, 'not-newer', `已有版本 ${r.currentVersion}，新版本号须更大 / version must be above ${r.currentVersion}`);
      return c.json({ scope: p.value.scope, target: p.value.target, version: parsed.data.version });
    })
    .get('/config-drift', (c) => c.json({ drift: store.configDrift().map((d) => ({ ...d, at: new Date(d.at).toISOString() })) }));
}

/** Parses `bytes=a-b` / `bytes=a-` (one range); null when absent, 'bad' when unsatisfiable. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | 'bad' {
  if (!header) return null;
  const m = /^bytes=(\d{1,12})-(\d{0,12})$/.exec(header.trim());
  if (!m) return 'bad';
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'bad';
  return { start, end: Math.min(end, start + MAX_RANGE_BYTES - 1) };
}

export function updateRoutes(store: CentralStore) {
  return new Hono<{ Variables: AuthVariables }>()
    .get('/updates/assignment', (c) => {
      const q = parseWith(c, c.req.query(), updateAssignmentQuerySchema);
      if (!q.ok) return q.response;
      const id = c.get('terminalId');
      return c.json(assignRelease(store.releases(), id, store.terminalGroup(id), q.value.channel));
    })
    .get('/releases/:sha512/artifact', (c) => {
      const p = parseWith(c, c.req.param(), sha512ParamSchema);
      if (!p.ok) return p.response;
      const head = store.artifactRange(p.value.sha512, 0, -1);
      if (!head) return problem(c, 404, 'not-found', '无此制品 / no such artifact');
      const range = parseRange(c.req.header('range'), head.size);
      if (range === 'bad') return c.body(null, 416, { 'Content-Range': `bytes */${head.size}` });
      const { start, end } = range ?? { start: 0, end: Math.min(head.size, MAX_RANGE_BYTES) - 1 };
      const part = store.artifactRange(p.value.sha512, start, end)!;
      const headers = { 'Content-Type': 'application/octet-stream', 'Accept-Ranges': 'bytes', 'Content-Range': `bytes ${start}-${end}/${head.size}` };
      return c.body(new Uint8Array(part.bytes), 206, headers);
    })
    .get('/config', (c) => c.json(configFor(store, c.get('terminalId'))));
}
