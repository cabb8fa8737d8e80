// Intake: attachments as resumable chunks verified by their digest (SHA-256, or SM3 from an sm
// terminal), then submission manifests in batches. A case is created only when every attachment
// it names is complete, and at most once per idempotency key. A terminal registered for the sm
// suite may not file SHA-256 digests (attachments, receipt claims) outside its transition window:
// the same no-downgrade rule as its signatures (central/auth/suite-allowed.ts).
import crypto from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { catalogSchema } from '../../common/catalog';
import { attachmentRefSchema, chunkQuerySchema, MAX_BATCH_ITEMS, MAX_CHUNK_BYTES, submissionManifestSchema, type SubmissionManifest, type SubmissionResult } from '../../common/central-api';
import { contentDigestSchema, digestAlgOf, suiteOfDigestAlg } from '../../common/content-digest';
import { MAX_OFFLINE_DAYS, plausibleInstant } from '../../common/plausible-time';
import { suiteAllowed } from '../auth/suite-allowed';
import type { AuthVariables } from '../auth/terminal-auth';
import { issuesOf, parseJsonBody, parseWith, problem } from '../http-helpers';
import { HELPER_TOKEN_KEY } from '../staff/helper-sign-in';
import { centralMac } from '../staff/central-mac';
import { checkHelperProof } from '../staff/helper-tokens';
import type { CentralStore } from '../store';

/** Service codes of the published catalog, re-read only when a new version is published. */
function serviceCodes(store: CentralStore) {
  let cached: { version: string; codes: Set<string> } | null = null;
  return (): Set<string> | null => {
    const latest = store.latestCatalog();
    if (!latest) return null;
    if (cached?.version !== latest.version) {
      const cat = catalogSchema.parse(JSON.parse(latest.body));
      cached = { version: latest.version, codes: new Set(cat.services.map((s) => s.code)) };
    }
    return cached.codes;
  };
}

const DIGEST_SUITE_MISMATCH = '本终端登记为国密套件（SM2/SM3/SM4），中心拒绝 SHA-256 摘要，应使用 SM3 / this terminal is registered for the sm suite: SHA-256 digests are refused, SM3 expected';

/** The digests a manifest files: every page's and the receipt claim's. */
function digestsOf(m: SubmissionManifest): string[] {
  return [...m.materials.flatMap((x) => x.pages.map((p) => p.sha256)), ...(m.claimDigest ? [m.claimDigest] : [])];
}

export function intakeRoutes(store: CentralStore, now: () => number = Date.now) {
  const codes = serviceCodes(store);
  const shaParam = z.object({ sha256: contentDigestSchema });
  /** Whether the terminal may file these digests now: no SHA-256 from an sm terminal outside its window. */
  const digestsAllowed = (terminalId: string, digests: string[]): boolean => {
    const t = store.terminalSuite(terminalId);
    const at = now();
    return t !== null && digests.every((d) => suiteAllowed(t, suiteOfDigestAlg(digestAlgOf(d)), at));
  };

  return new Hono<{ Variables: AuthVariables }>()
    .post('/attachments', async (c) => {
      const body = parseJsonBody(c, c.get('rawBody'), attachmentRefSchema);
      if (!body.ok) return body.response;
      if (!digestsAllowed(c.get('terminalId'), [body.value.sha256])) return problem(c, 409, 'digest-suite-mismatch', DIGEST_SUITE_MISMATCH);
      const st = await store.grouped(() => store.initAttachment(c.get('terminalId'), body.value));
      if ('conflict' in st) return problem(c, 409, 'conflict', st.conflict);
      return c.json(st);
    })
    .get('/attachments/:sha256', (c) => {
      const p = parseWith(c, c.req.param(), shaParam);
      if (!p.ok) return p.response;
      const st = store.attachment(c.get('terminalId'), p.value.sha256);
      return st ? c.json(st) : problem(c, 404, 'not-found', '无此附件 / no such attachment');
    })
    .put('/attachments/:sha256/content', async (c) => {
      const p = parseWith(c, c.req.param(), shaParam);
      if (!p.ok) return p.response;
      const q = parseWith(c, c.req.query(), chunkQuerySchema);
      if (!q.ok) return q.response;
      if (!/^application\/octet-stream[ \t]*(;.*)?$/i.test(c.req.header('content-type') ?? ''))
        return problem(c, 415, 'unsupported-media-type', '分片应为 application/octet-stream / a chunk must be application/octet-stream');
      const data = c.get('rawBody');
      if (data.byteLength === 0) return problem(c, 400, 'empty-chunk', '分片为空 / empty chunk');
      if (data.byteLength > MAX_CHUNK_BYTES) return problem(c, 413, 'too-large', `分片超过 ${MAX_CHUNK_BYTES} 字节 / chunk too large`);
      // 1.3.0: a chunk may carry its attachment's declaration (all of size, mime and name), so a
      // one-chunk page costs one request; declared and appended in the same commit.
      const { offset, size, mime, name } = q.value;
      const given = [size, mime, name].filter((v) => v !== undefined).length;
      if (given !== 0 && given !== 3) return problem(c, 400, 'invalid', '声明附件需同时给出 size、mime、name / a declaration needs size, mime and name together');
      const declared = size !== undefined && mime !== undefined && name !== undefined ? { sha256: p.value.sha256, size, mime, name } : null;
      if (declared && !digestsAllowed(c.get('terminalId'), [declared.sha256])) return problem(c, 409, 'digest-suite-mismatch', DIGEST_SUITE_MISMATCH);
      const r = await store.grouped(() => {
        const st = declared ? store.initAttachment(c.get('terminalId'), declared) : null;
        if (st && 'conflict' in st) return { kind: 'conflict' as const, message: st.conflict };
        // The chunk is the request's whole body, so the signature check's digest of it is this chunk's.
        return store.appendChunk(c.get('terminalId'), p.value.sha256, offset, data, c.get('bodyDigest'));
      });
      switch (r.kind) {
        case 'conflict':
          return problem(c, 409, 'conflict', r.message);
        case 'ok':
          return c.json(r.state);
        case 'unknown':
          return problem(c, 404, 'not-found', '请先声明附件 / declare the attachment first');
        case 'offset':
          return c.json({ error: 'offset-mismatch', message: `应从 ${r.state.received} 字节续传 / resume at ${r.state.received}`, ...r.state }, 409);
        case 'too-long':
          return problem(c, 422, 'too-long', '分片超出声明大小 / chunk goes past the declared size');
        case 'hash-mismatch':
          return c.json({ error: 'hash-mismatch', message: '摘要校验失败，请重新上传 / digest mismatch, upload again', ...r.state }, 422);
      }
    })
    .post('/submissions/batch', async (c) => {
      // The envelope is checked strictly; items one by one, so one bad item cannot block others.
      const envelope = parseJsonBody(c, c.get('rawBody'), z.object({ items: z.array(z.unknown()).min(1).max(MAX_BATCH_ITEMS) }));
      if (!envelope.ok) return envelope.response;
      const terminalId = c.get('terminalId');
      const known = codes();
      const results: SubmissionResult[] = envelope.value.items.map((item, index): SubmissionResult => {
        const key = typeof (item as { idempotencyKey?: unknown })?.idempotencyKey === 'string' ? (item as { idempotencyKey: string }).idempotencyKey : null;
        const parsed = submissionManifestSchema.safeParse(item);
        if (!parsed.success) return { index, idempotencyKey: key, outcome: 'rejected', code: 'invalid', reason: '申请内容不符合要求 / the submission is not valid', issues: issuesOf(parsed.error) };
        const m = parsed.data;
        const refuse = (code: Extract<SubmissionResult, { outcome: 'rejected' }>['code'], reason: string, issues: { path: string; message: string }[] = []): SubmissionResult => ({
          index,
          idempotencyKey: m.idempotencyKey,
          outcome: 'rejected',
          code,
          reason,
          issues,
        });
        if (known && !known.has(m.serviceCode)) return refuse('unknown-service', `事项 ${m.serviceCode} 不在清单中 / unknown service`);
        // A receipt number names the terminal that issued it: no terminal files under another's.
        if (m.receiptNo.split('-')[0] !== terminalId) {
          store.recordReceiptRefusal(terminalId, 'receipt-terminal-mismatch', m.receiptNo);
          return refuse('receipt-terminal-mismatch', `回执编号 ${m.receiptNo} 不属于终端 ${terminalId} / the receipt number was not issued by this terminal`);
        }
        // A resend of a case central already holds is answered as before, however old it is.
        if (!store.hasCaseKey(terminalId, m.idempotencyKey)) {
          const nowMs = now();
          const t = plausibleInstant(m.submittedAt, { nowMs, notBeforeMs: nowMs - MAX_OFFLINE_DAYS * 86_400_000, what: { zh: '提交时间', en: 'submittedAt' } });
          if (!t.ok) return refuse('invalid', '提交时间不可信 / implausible submission time', [{ path: 'submittedAt', message: t.error.message }]);
          if (!digestsAllowed(terminalId, digestsOf(m))) return refuse('digest-suite-mismatch', DIGEST_SUITE_MISMATCH);
        }
        // 帮办代办: central, not only the kiosk, checks that the helper signed in at this
        // terminal and that the proof was still valid when the submission was made.
        if (m.channel === 'helper') {
          const proof = checkHelperProof(centralMac(store, HELPER_TOKEN_KEY), m.helperProof, { staffId: m.helperId!, terminalId, submittedAt: m.submittedAt });
          if (!proof.ok) return refuse('helper-unverified', `帮办人员登录凭证无效（${proof.problem}） / no valid helper sign-in proof for this submission (${proof.problem})`);
        }
        const hash = crypto.createHash('sha256').update(JSON.stringify(m)).digest('hex');
        const r = store.intake(terminalId, m, hash);
        switch (r.kind) {
          case 'created':
          case 'duplicate':
            return { index, idempotencyKey: m.idempotencyKey, outcome: r.kind, caseNo: r.caseNo, receivedAt: r.receivedAt };
          case 'missing-attachments':
            return { index, idempotencyKey: m.idempotencyKey, outcome: 'missing-attachments', missing: r.missing };
          case 'receipt-taken':
            store.recordReceiptRefusal(terminalId, 'receipt-taken', m.receiptNo);
            return refuse('receipt-taken', `回执编号 ${m.receiptNo} 已有案件 / another case already holds this receipt number`);
          case 'key-reused':
            return refuse('key-reused', `幂等键已用于案件 ${r.caseNo} 的不同内容 / idempotency key already used for different content`);
        }
      });
      const anyTaken = results.some((r) => r.outcome !== 'rejected');
      return c.json({ results }, anyTaken ? 200 : 422);
    });
}
