// `npm run central`: the reference central as a standalone process.
// Environment: CENTRAL_PORT (default 8787), CENTRAL_DB (default ./.kiosk-data/central/central.db),
// CENTRAL_ADMIN_TOKEN (default: random, printed once), CENTRAL_METRICS_TOKEN (read-only bearer
// token for Prometheus' GET /metrics; without it only the admin token may scrape), CENTRAL_TERMINALS (JSON file:
// [{ "terminalId": "KSK0001", "secret": "…" }]) to provision terminals at start,
// CENTRAL_LOOKUP_MAX and CENTRAL_LOOKUP_WINDOW_SEC (follow-up lookups per terminal per sliding
// window; default 60 per 600 s).
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_LOOKUP_LIMIT } from '../common/central-api';
import { startCentral } from './embedded';

const terminalsSchema = z.array(z.object({ terminalId: z.string().regex(/^[A-Z0-9]{4,16}$/), secret: z.string().min(32) }));

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
const central = await startCentral({
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
