import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { BOOT_STYLE } from '../common/boot-style';
import { BOOT_SHELL_SLOT, bootShellHtml } from './src/boot-shell';

export default defineConfig({
  root: path.resolve(import.meta.dirname),
  base: './',
  plugins: [
    react(),
    // The boot screen in the HTML with its own style, painted before any request for the bundle
    // returns (src/boot-shell.ts, common/boot-style.ts). After Vite's own HTML processing ('post'),
    // which would otherwise rewrite the inline <style> and break the hash the CSP admits it by.
    {
      name: 'kiosk-boot-shell',
      transformIndexHtml: {
        order: 'post',
        handler: (html) => html.replace('</title>', `</title>\n    <style>${BOOT_STYLE}</style>`).replace(BOOT_SHELL_SLOT, `<div id="root">${bootShellHtml()}</div>`),
      },
    },
  ],
  build: {
    outDir: path.resolve(import.meta.dirname, '../dist/renderer'),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
  },
});
