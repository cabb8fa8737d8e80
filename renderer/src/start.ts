// The page's entry: the React app (src/main.tsx, which brings the stylesheets), loaded after the
// first frame. index.html already carries the boot screen with its own inline style
// (src/boot-shell.ts, common/boot-style.ts), so nothing this module or the app loads blocks that
// first paint: no render-blocking stylesheet link, and the half-megabyte bundle is fetched, parsed
// and run only after the boot screen is on the glass. The app's stylesheets are loaded with its
// chunk and applied before it renders (Vite waits for a chunk's CSS before running it).
let started = false;
const startApp = () => {
  if (started) return;
  started = true;
  void import('./main');
};
// A frame, then a task: the boot screen is painted before the bundle runs. A window that draws no
// frames (hidden, or throttled in the background) starts the app anyway.
requestAnimationFrame(() => setTimeout(startApp, 0));
setTimeout(startApp, 200);
