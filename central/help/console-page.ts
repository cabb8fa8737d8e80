// The help desk console's two pages. Plain HTML; the behaviour is console-script.ts, served as a
// file so the page's CSP allows no inline script at all.
import type { StaffRef } from './help-desk';

export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "media-src 'self' blob: mediastream:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const head = (title: string) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/console/console.css">`;

export function consoleLoginPage(problem: string | null): string {
  return `${head('帮办坐席登录 / Help desk sign-in')}
</head><body><main class="login">
<h1>帮办坐席登录 / Help desk sign-in</h1>
<p>用帮办人员证件号码和密码登录（与终端上的帮办代办相同）。/ Sign in with your helper card number and PIN (as at a kiosk).</p>
${problem ? `<p class="problem" role="alert" data-testid="login-problem">${esc(problem)}</p>` : ''}
<form method="post" action="/console/login">
<label>证件号码 / Card number<input name="idNumber" autocomplete="off" inputmode="text" required maxlength="18" data-testid="login-id"></label>
<label>密码 / PIN<input name="pin" type="password" autocomplete="off" inputmode="numeric" required maxlength="12" data-testid="login-pin"></label>
<button type="submit" data-testid="login-submit">登录 / Sign in</button>
</form></main></body></html>`;
}

export function consolePage(staff: StaffRef): string {
  return `${head('远程帮办坐席 / Help desk')}
<script src="/console/console.js" defer></script>
</head><body>
<header class="bar"><h1>远程帮办坐席 / Help desk</h1>
<span>值班 / on duty: <strong data-testid="staff-name">${esc(staff.name)}</strong>（${esc(staff.staffId)}）</span>
<span id="net" role="status" data-testid="console-net"></span>
<form method="post" action="/console/logout"><button type="submit">退出 / Sign out</button></form></header>
<main>
<p id="call-ended" role="status" data-testid="call-ended"></p>
<section id="call" hidden aria-labelledby="call-h" data-testid="call-panel">
  <h2 id="call-h">通话中 / In a call: <span id="call-terminal" data-testid="call-terminal"></span></h2>
  <p id="call-status" role="status" aria-live="polite" data-testid="call-status"></p>
  <p>连接路径 / path: <strong id="call-path" data-testid="call-path">—</strong> · <span id="call-consent" data-testid="call-consent"></span></p>
  <div class="media">
    <video id="remote-video" autoplay playsinline data-testid="remote-video" aria-label="市民画面 / the citizen"></video>
    <video id="local-video" autoplay playsinline muted aria-label="我的画面 / me"></video>
  </div>
  <h3>终端屏幕 / The kiosk's screen <small>（点一项，终端上会高亮它 / tap an item to point at it on the kiosk）</small></h3>
  <p id="screen-title" data-testid="screen-title"></p>
  <ul id="screen-view" class="screen-view" data-testid="screen-view"></ul>
  <p class="note">坐席不能替市民提交：提交只能由市民本人在终端上完成，或转为帮办代办。/ Staff cannot submit: the citizen submits at the kiosk, or it becomes a 帮办代办 case.</p>
  <button id="hangup" class="danger" data-testid="hang-up">挂断 / Hang up</button>
</section>
<section aria-labelledby="notices-h"><h2 id="notices-h">呼叫帮助 / Help requested at a kiosk</h2>
  <ul id="notices" data-testid="notices"></ul></section>
<section aria-labelledby="queue-h"><h2 id="queue-h">视频帮办排队 / Video calls waiting</h2>
  <ul id="queue" data-testid="queue"></ul></section>
<section aria-labelledby="callbacks-h"><h2 id="callbacks-h">待回拨 / Callbacks to make</h2>
  <ul id="callbacks" data-testid="callbacks"></ul></section>
<section aria-labelledby="log-h"><h2 id="log-h">今日通话记录 / Today's sessions</h2>
  <table><thead><tr><th scope="col">时间 / at</th><th scope="col">终端 / terminal</th><th scope="col">坐席 / staff</th><th scope="col">等待 / waited</th><th scope="col">通话 / talked</th><th scope="col">结果 / outcome</th></tr></thead>
  <tbody id="log" data-testid="session-log"></tbody></table></section>
</main></body></html>`;
}
