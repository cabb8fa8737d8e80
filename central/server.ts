// `npm run central`: the reference central as a standalone process.
// Environment: CENTRAL_PORT (default 8787), CENTRAL_DB (default ./.kiosk-data/central/central.db),
// CENTRAL_ADMIN_TOKEN (default: random, printed once), CENTRAL_TERMINALS (JSON file:
// [{ "terminalId": "KSK0001", "secret": "…" }]) to provision terminals at start.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
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
const central = await startCentral({ dbFile, port, terminals, adminToken: process.env.CENTRAL_ADMIN_TOKEN });
process.stdout.write(`参考中心系统已启动 / reference central listening: ${central.url}\n`);
if (!process.env.CENTRAL_ADMIN_TOKEN) process.stdout.write(`admin token: ${central.adminToken}\n`);
const stop = () => void central.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
