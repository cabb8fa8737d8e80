import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const RENDERER_DIR = path.join(ROOT, 'dist', 'renderer');
export const SCREENSHOT_DIR = path.join(ROOT, 'test-results', 'screenshots');
export const CHROMIUM = '/usr/lib/chromium/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
