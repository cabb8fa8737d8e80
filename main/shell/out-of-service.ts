// 暂停服务 / Out of service: the page the shell shows itself, without the backend, when the
// terminal cannot serve (restart storm, backend that will not start) — so a citizen meets a
// clear notice and whom to ask, never a desktop or an error dialog. Static: no script, no
// network, nothing to click.

export interface OutOfServiceInfo {
  /** starting: the backend is being started; recovering: a backoff before the next try; out-of-service: given up for now */
  state: 'starting' | 'recovering' | 'out-of-service';
}

const STYLE = `
  html, body { margin: 0; height: 100%; background: #f4f7fb; color: #1c2b3a; font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif; }
  main { display: flex; flex-direction: column; align-items: center; justify-content: center; height: 100%; text-align: center; gap: 1.2rem; padding: 2rem; box-sizing: border-box; }
  h1 { font-size: 6rem; margin: 0; color: #b3261e; }
  .en { font-size: 2.2rem; color: #4a5b6c; margin: 0; }
  p { font-size: 2.6rem; margin: 0; line-height: 1.5; }
`;

const STATE_LINE: Record<OutOfServiceInfo['state'], string> = {
  starting: '<p>终端正在启动，请稍候。</p><p class="en">The terminal is starting, please wait.</p>',
  recovering: '<p>终端正在恢复，请稍候。</p><p class="en">The terminal is recovering, please wait.</p>',
  'out-of-service': '',
};

export function outOfServiceHtml(info: OutOfServiceInfo): string {
  const starting = info.state === 'starting';
  const title = starting ? '请稍候' : '暂停服务';
  const titleEn = starting ? 'Please wait' : 'Out of service';
  const body = starting
    ? ''
    : `<p>本终端暂时无法办理业务。请联系大厅工作人员，<br>或拨打政务服务便民热线 <strong>12345</strong>。</p>
  <p class="en">This terminal cannot serve you right now. Please ask the hall staff,<br>or call the government service hotline <strong>12345</strong>.</p>`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} / ${titleEn}</title>
<style>${STYLE}</style>
</head>
<body>
<main role="alert">
  <h1>${title}</h1>
  <p class="en">${titleEn}</p>
  ${body}
  ${STATE_LINE[info.state]}
</main>
</body>
</html>
`;
}

/** The page as a response (kiosk://app/_shell/out-of-service, or 503 for any page while the backend is down): no script may run, nothing is cached. */
export function outOfServiceResponse(info: OutOfServiceInfo, status = 200): Response {
  return new Response(outOfServiceHtml(info), {
    status,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
