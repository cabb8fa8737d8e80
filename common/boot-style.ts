// The boot screen's own style, carried inline in index.html's head (renderer/vite.config.ts) so the
// first words the HTML already holds are painted styled without waiting for a stylesheet request:
// the bundle's CSS arrives with the app (renderer/src/main.tsx) and does not block the first paint.
// The CSP admits this one <style> by its hash (main/backend/security-headers.ts), never
// 'unsafe-inline'; change a byte here and both follow.
//
// The rules sit in the bundle's cascade layers (declared here first, in the same order as
// renderer/src/styles/layers.css), so the bundle's own base rules take over unchanged when they
// arrive; the values are base.css's tokens (--c-bg, --c-text, --font-zh, --font-en), which do not
// exist before the bundle's CSS does. `.boot` lives only here: App's <Waiting> uses it too.
export const BOOT_STYLE = [
  '@layer base, layout, components;',
  '@layer base {',
  ':root { font-size: 20px; }',
  "body { margin: 0; font-family: 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', system-ui, sans-serif; line-height: 1.6; color: #1b1f24; background: #f2f5f9; }",
  'h1 { line-height: 1.3; }',
  ":lang(en) { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, 'Helvetica Neue', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif; }",
  '}',
  '@layer layout {',
  '.boot { display: grid; place-content: center; min-height: 100vh; text-align: center; font-size: 1.3rem; }',
  '}',
].join('\n');
