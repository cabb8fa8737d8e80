// `npm run central`: the reference central as a standalone process.
// Environment: CENTRAL_PORT (default 8787), CENTRAL_DB (default ./.kiosk-data/central/central.db),
// CENTRAL_ADMIN_TOKEN (default: random, printed once), CENTRAL_METRICS_TOKEN (read-only bearer
// token for Prometheus' GET /metrics; without it only the admin token may scrape), CENTRAL_TERMINALS (JSON file:
// [{ "terminalId": "KSK0001", "secret": "…", "suite": "sm", "sm2PublicKey": "04…" }], suite and
// key optional) to provision terminals at start,
// CENTRAL_LOOKUP_MAX and CENTRAL_LOOKUP_WINDOW_SEC (follow-up lookups per terminal per sliding
// window; default 60 per 600 s), CENTRAL_TURN_URLS (comma-separated turn:/turns: URLs),
// CENTRAL_TURN_SECRET (coturn's static-auth-secret) and CENTRAL_TURN_RELAY_ONLY=1 for 远程帮办 calls,
// CENTRAL_CRYPTO_SUITE (`international`, the default, or `sm`: central's own MACs — helper
// proofs, console sessions — in HMAC-SM3; see central/API.md).
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_LOOKUP_LIMIT } from '../common/central-api';
import { suiteTagSchema } from '../common/crypto-suite/suite';
import { startCentral } from './embedded';

const terminalsSchema = z.array(
  z.object({
    terminalId: z.string().regex(/^[A-Z0-9]{4,16}$/),
    secret: z.string().min(32),
    /** 国密 (issue 16): the suite the terminal must sign with, and its SM2 public key (hex 04…) */
    suite: z.enum(['international', 'sm']).optional(),
    sm2PublicKey: z
      .string()
      .regex(/^04[0-9a-f]{128}$/)
      .optional(),
  }),
);

const port = Number(process.env.CENTRAL_PORT ?? 8787);
const dbFile = process.env.CENTRAL_DB ?? path.resolve('.kiosk-data', 'central', 'central.db');
let terminals: z.infer<typeof terminalsSchema> = [];
if (process.env.CENTRAL_TERMINALS) {
  const parsed = terminalsSchema.safeParse(JSON.parse(fs.readFileSync(process.env.CENTRAL_TERMINALS, 'utf8')));
  if (!parsed.success) {
    process.stderr.write(`CENTRAL_TERMINALS 文件格式不正确 / invalid terminals file: ${parsed.error.message}\n`);
    process.exit(78);
  }
  terminals = parsed.data;
}
const lookupLimit = z
  .object({
    max: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_LOOKUP_LIMIT.max),
    windowSec: z.coerce
      .number()
      .int()
      .min(1)
      .max(86_400)
      .default(DEFAULT_LOOKUP_LIMIT.windowMs / 1000),
  })
  .safeParse({ max: process.env.CENTRAL_LOOKUP_MAX || undefined, windowSec: process.env.CENTRAL_LOOKUP_WINDOW_SEC || undefined });
if (!lookupLimit.success) {
  process.stderr.write(`CENTRAL_LOOKUP_MAX / CENTRAL_LOOKUP_WINDOW_SEC 不正确 / invalid lookup limit: ${lookupLimit.error.message}\n`);
  process.exit(78);
}
const turnUrls = (process.env.CENTRAL_TURN_URLS ?? '').split(',').filter((u) => u.trim());
if (turnUrls.length && !process.env.CENTRAL_TURN_SECRET) {
  process.stderr.write('CENTRAL_TURN_URLS 需要 CENTRAL_TURN_SECRET / CENTRAL_TURN_URLS needs CENTRAL_TURN_SECRET\n');
  process.exit(78);
}
const suite = suiteTagSchema.safeParse(process.env.CENTRAL_CRYPTO_SUITE || 'international');
if (!suite.success) {
  process.stderr.write(`CENTRAL_CRYPTO_SUITE 应为 international 或 sm / CENTRAL_CRYPTO_SUITE must be international or sm (got ${JSON.stringify(process.env.CENTRAL_CRYPTO_SUITE)})\n`);
  process.exit(78);
}
const central = await startCentral({
  suite: suite.data,
  turn: turnUrls.length ? { urls: turnUrls, secret: process.env.CENTRAL_TURN_SECRET!, relayOnly: process.env.CENTRAL_TURN_RELAY_ONLY === '1' } : null,
  dbFile,
  port,
  terminals,
  adminToken: process.env.CENTRAL_ADMIN_TOKEN,
  metricsToken: process.env.CENTRAL_METRICS_TOKEN || undefined,
  lookupLimit: { max: lookupLimit.data.max, windowMs: lookupLimit.data.windowSec * 1000 },
});
process.stdout.write(`参考中心系统已启动 / reference central listening: ${central.url}\n`);
if (!process.env.CENTRAL_ADMIN_TOKEN) process.stdout.write(`admin token: ${central.adminToken}\n`);
const stop = () => void central.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
