// The fleet view: one plain HTML page served by central (no script; a refresh link rather than an
// automatic reload, which would pull the page from under a screen-reader user). A table of
// terminals with their flags (problems first), then the usage figures as SVG charts.
import { summariseUsage, type UsageSummary } from '../../common/usage-summary';
import { stackedBars } from './svg-charts';
import type { HelpNoticeView } from '../help/help-views';
import { FLAG_LABELS, type TerminalStatus } from './fleet-status';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);

export function usageCharts(u: UsageSummary): string {
  const channels = [
    { name: '自助办 / self-service', color: '#1f5fa8' },
    { name: '代办 / assisted', color: '#c25e00' },
  ];
  return `
  <section aria-labelledby="usage-h">
    <h2 id="usage-h">办件统计 / Usage (${esc(u.days[0] ?? '')} – ${esc(u.days.at(-1) ?? '')})</h2>
    <ul class="figures">
      <li>办件量 / submissions: <strong data-testid="usage-total">${u.total}</strong></li>
      <li>不见面占比 / share without a counter visit: <strong data-testid="usage-novisit">${pct(u.noVisitShare)}</strong></li>
      <li>满意率（4–5 星）/ satisfied: <strong data-testid="usage-satisfaction">${pct(u.satisfaction)}</strong></li>
    </ul>
    ${stackedBars(
      'chart-per-day',
      '每日办件量（按渠道）/ Submissions per day by channel',
      channels,
      u.perDay.map((d) => ({ label: d.day, values: [d.kiosk, d.helper] })),
    )}
    ${stackedBars(
      'chart-per-service',
      '各事项办件量 / Submissions per service',
      channels,
      u.perService.slice(0, 15).map((s) => ({ label: s.serviceCode, values: [s.kiosk, s.helper] })),
    )}
    ${stackedBars(
      'chart-ratings',
      '好差评分布 / Ratings',
      [{ name: '评价数 / ratings', color: '#2e7d32' }],
      u.ratings.map((n, i) => ({ label: `${i + 1} 星 / ${i + 1}★`, values: [n] })),
    )}
    ${stackedBars(
      'chart-steps',
      '各步骤完成与放弃 / Completion vs abandonment per step',
      [
        { name: '继续 / went on', color: '#1f5fa8' },
        { name: '放弃 / abandoned', color: '#b00020' },
      ],
      u.steps.map((s) => ({ label: `${s.journey} · ${s.step}`, values: [s.completed, s.abandoned] })),
    )}
  </section>`;
}

function row(t: TerminalStatus): string {
  const hb = t.heartbeat;
  const paper = hb?.devices.find((d) => d.device === 'receipt-printer')?.paper ?? '—';
  const flags = t.flags.length ? t.flags.map((f) => `<span class="flag flag-${f}" data-flag="${f}">${esc(FLAG_LABELS[f])}</span>`).join(' ') : '<span class="ok">正常 / OK</span>';
  const down = t.downDevices.map((d) => esc(d.message)).join('<br>');
  return `<tr data-testid="terminal-row" data-terminal="${esc(t.terminalId)}" data-flags="${t.flags.join(' ')}">
    <th scope="row">${esc(t.terminalId)}</th>
    <td>${flags}${down ? `<div class="detail">${down}</div>` : ''}</td>
    <td>${t.lastSeen ? `${esc(t.lastSeen.replace('T', ' ').slice(0, 19))}Z（${t.secondsSinceLast} 秒前 / s ago）` : '—'}</td>
    <td>${hb ? `${hb.queue.pending} / ${hb.queue.sent} / ${hb.queue.dead}` : '—'}</td>
    <td>${hb?.queue.lastSyncAt ? esc(hb.queue.lastSyncAt.replace('T', ' ').slice(0, 19)) + 'Z' : '—'}</td>
    <td>${esc(String(paper))}</td>
    <td>${hb ? esc(hb.version) : '—'}</td>
  </tr>`;
}

/** 呼叫帮助 notices nobody has taken yet: first on the page, since a citizen is standing at a kiosk waiting. */
function helpNoticeSection(notices: readonly HelpNoticeView[]): string {
  if (!notices.length) return '';
  const rows = notices
    .map(
      (n) =>
        `<li data-testid="fleet-help-notice" data-terminal="${esc(n.terminalId)}"><strong>${esc(n.terminalId)}</strong> · ${esc(n.screen)} · 已等 / waiting ${Math.floor(n.waitingSec / 60)} 分 ${n.waitingSec % 60} 秒 / ${Math.floor(n.waitingSec / 60)} min ${n.waitingSec % 60} s</li>`,
    )
    .join('');
  return `<section aria-labelledby="help-h" class="help"><h2 id="help-h">呼叫帮助（待处理）/ Help requested at a kiosk</h2><ul>${rows}</ul>
<p>在帮办坐席处理 / take them in the help desk console: <a href="/console">/console</a></p></section>`;
}

export function fleetPage(terminals: TerminalStatus[], usage: UsageSummary, now: Date, helpNotices: readonly HelpNoticeView[] = []): string {
  const problems = terminals.filter((t) => t.flags.length > 0);
  const sorted = [...problems, ...terminals.filter((t) => t.flags.length === 0)];
  const count = (f: string) => terminals.filter((t) => t.flags.includes(f as never)).length;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>终端运行总览 / Fleet view</title>
<style>
body{font-family:"WenQuanYi Micro Hei",sans-serif;margin:24px;color:#1a1a1a;background:#fff}
table{border-collapse:collapse;width:100%;margin:16px 0}th,td{border:1px solid #8a8a8a;padding:6px 8px;text-align:left;vertical-align:top}
thead th{background:#e8eef6}.flag{display:inline-block;padding:2px 6px;margin:1px;border-radius:4px;background:#fde7e9;color:#7a0010;border:1px solid #b00020}
.flag-paper-low,.flag-dead-letters{background:#fff4e0;color:#5c3200;border-color:#c25e00}.ok{color:#1b5e20}.detail{font-size:90%;color:#333;margin-top:4px}
.refresh{display:inline-flex;align-items:center;min-height:48px;padding:0 16px;border:1px solid #0b4a8b;border-radius:6px;color:#0b4a8b;text-decoration:none}
.help{border:3px solid #b00020;padding:8px 16px;margin:16px 0}.help li{font-size:120%;margin:4px 0}
.figures{display:flex;gap:32px;list-style:none;padding:0;font-size:110%}svg{display:block;margin:16px 0}
</style></head>
<body><main>
<h1>终端运行总览 / Fleet view</h1>
${helpNoticeSection(helpNotices)}
<p><a class="refresh" href="/fleet" data-testid="fleet-refresh">刷新 / Refresh</a></p>
<p>生成于 / generated ${esc(now.toISOString().replace('T', ' ').slice(0, 19))}Z · 终端 / terminals <strong data-testid="fleet-count">${terminals.length}</strong> ·
失联 / silent <strong data-testid="count-silent">${count('silent')}</strong> · 设备故障 / down <strong data-testid="count-down">${count('down')}</strong> ·
缺纸 / out of paper <strong data-testid="count-paper-out">${count('paper-out')}</strong> · 同步滞后 / behind on sync <strong data-testid="count-behind-sync">${count('behind-sync')}</strong></p>
<table><caption>终端状态（有问题的在前）/ Terminals, problems first</caption>
<thead><tr><th scope="col">终端 / terminal</th><th scope="col">状态 / status</th><th scope="col">最近心跳 / last heartbeat</th><th scope="col">待传 / 已传 / 待处理<br>pending / sent / dead</th><th scope="col">最近同步 / last sync</th><th scope="col">凭条纸 / paper</th><th scope="col">版本 / version</th></tr></thead>
<tbody>${sorted.map(row).join('')}</tbody></table>
${usageCharts(usage)}
</main></body></html>`;
}

export { summariseUsage };
