// The page's first words, drawn by the HTML itself: the build writes them into index.html's
// #root (vite.config.ts), so the screen shows the kiosk's title while the browser is still
// fetching and running the React bundle, instead of a blank window for most of a second on a
// terminal's slow CPU. It is the same markup and words as App's <Waiting>, which React draws
// over it, so the hand-over does not flash.
import { STRINGS } from './i18n/strings';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The boot screen as HTML, from the string tables. */
export function bootShellHtml(): string {
  const zh = STRINGS['zh-CN'];
  const en = STRINGS.en;
  return `<main class="boot" data-testid="boot"><h1>${escape(zh.appTitle)}</h1><p>${escape(zh.loading)}</p><p lang="en">${escape(en.loading)}</p></main>`;
}

/** Where index.html takes the boot screen. */
export const BOOT_SHELL_SLOT = '<div id="root"></div>';
