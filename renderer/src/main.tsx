import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api } from './api';

function App() {
  return <main><h1>不见面审批自助终端</h1></main>;
}
void api;
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
