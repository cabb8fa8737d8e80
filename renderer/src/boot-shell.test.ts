import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOOT_SHELL_SLOT, bootShellHtml } from './boot-shell';
import { STRINGS } from './i18n/strings';

describe('the boot screen in the HTML', () => {
  it('says what the kiosk is and that it is loading, in Chinese first and in English', () => {
    const html = bootShellHtml();
    const zh = STRINGS['zh-CN'];
    expect(html.indexOf(zh.appTitle)).toBeGreaterThan(0);
    expect(html.indexOf(zh.loading)).toBeGreaterThan(html.indexOf(zh.appTitle));
    expect(html.indexOf(`<p lang="en">${STRINGS.en.loading}</p>`)).toBeGreaterThan(html.indexOf(zh.loading));
  });

  it('has its one place in index.html, where the build writes it', () => {
    const index = fs.readFileSync(path.join(import.meta.dirname, '..', 'index.html'), 'utf8');
    expect(index.split(BOOT_SHELL_SLOT)).toHaveLength(2);
  });
});
