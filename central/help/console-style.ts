// The help desk console's stylesheet (served as a file: the page's CSP allows no inline style).
export const CONSOLE_STYLE = `
body{font-family:"WenQuanYi Micro Hei",sans-serif;margin:0;color:#1a1a1a;background:#fff;font-size:18px}
.bar{display:flex;gap:24px;align-items:center;flex-wrap:wrap;padding:12px 24px;background:#0b4a8b;color:#fff}
.bar h1{font-size:24px;margin:0}.bar button{min-height:44px}
main{padding:16px 24px}section{margin-bottom:24px}
button{min-height:48px;padding:0 18px;font-size:18px;border:2px solid #0b4a8b;border-radius:6px;background:#fff;color:#0b4a8b;cursor:pointer}
button:disabled{opacity:.5;cursor:not-allowed}button.danger{border-color:#b00020;color:#fff;background:#b00020}
ul{list-style:none;padding:0}li{display:flex;gap:16px;align-items:center;padding:8px 0;border-bottom:1px solid #8a8a8a}
li .what{flex:1}.waiting{font-weight:bold;color:#7a0010}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #8a8a8a;padding:6px 8px;text-align:left}
.media{display:flex;gap:16px;align-items:flex-end}#remote-video{width:480px;max-width:60vw;background:#222}#local-video{width:160px;background:#222}
.screen-view li{border:none;padding:2px 0}.screen-view button{width:100%;text-align:left}
.screen-view .heading{font-weight:bold;font-size:20px}
.note{color:#333}.problem{color:#7a0010;font-weight:bold}
#net.offline{color:#fff;background:#b00020;padding:4px 8px;border-radius:4px}
.login{max-width:480px;margin:48px auto}.login label{display:block;margin:16px 0}.login input{display:block;width:100%;min-height:44px;font-size:20px}
`;
