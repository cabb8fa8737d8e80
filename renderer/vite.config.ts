import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { BOOT_SHELL_SLOT, bootShellHtml } from './src/boot-shell';

export default defineConfig({
  root: path.resolve(import.meta.dirname),
  base: './',
  plugins: [
    react(),
    // The boot screen in the HTML, painted before the bundle runs (src/boot-shell.ts).
    { name: 'kiosk-boot-shell', transformIndexHtml: (html) => html.replace(BOOT_SHELL_SLOT, `<div id="root">${bootShellHtml()}</div>`) },
  ],
  build: {
    outDir: path.resolve(import.meta.dirname, '../dist/renderer'),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
  },
});
