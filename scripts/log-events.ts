// `npm run log-events`: the event catalogue (common/log-events.ts) as a table for operators, or as
// JSON with --json. Personal fields are the ones the logger masks for that event.
import { logEvents, type LogEventSpec } from '../common/log-events';

const rows = Object.entries(logEvents as Record<string, LogEventSpec>).map(([id, s]) => ({
  id,
  level: s.level,
  audience: s.audience,
  personal: (s.personal ?? []).join(','),
  description: s.description,
}));

if (process.argv.includes('--json')) {
  process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
} else {
  const width = (k: 'id' | 'level' | 'audience' | 'personal') => Math.max(k.length, ...rows.map((r) => r[k].length));
  const cols = ['id', 'level', 'audience', 'personal'] as const;
  const line = (r: Record<(typeof cols)[number] | 'description', string>) => cols.map((c) => r[c].padEnd(width(c))).join('  ') + '  ' + r.description;
  process.stdout.write(line({ id: 'event', level: 'level', audience: 'audience', personal: 'personal', description: 'description' }) + '\n');
  for (const r of rows) process.stdout.write(line(r) + '\n');
  process.stdout.write(`\n${rows.length} events\n`);
}
