// The React app, mounted over the boot screen the HTML already shows (start.ts loads this module).
// Its stylesheets come with it, so they do not block the boot screen's first paint (start.ts).
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
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
