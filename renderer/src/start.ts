// The page's entry: the stylesheets (so they stay render-blocking links in index.html and the
// boot screen the HTML carries is drawn styled, src/boot-shell.ts), then the React app, loaded
// after the first frame. Run at once, the half-megabyte bundle would be parsed and run before the
// browser paints anything; loaded after a frame, the boot screen is on the glass first.
// Import order is load order: the shared styles before any screen's own stylesheet (the cascade
// layers in styles/layers.css make the result independent of that order, but the bundle then
// reads top to bottom as it applies).
import './styles/layers.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/screens.css';
import './styles/guide.css';
import './styles/keyboard.css';
import './styles/idle.css';
import './styles/display-modes.css';

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
