// Where the citizen is, as the hall is told it (呼叫帮助, the call queue): the screen kind, the
// journey step on the screen and the service's name. Nothing personal.
import type { HelpScreen } from '../../../common/help-desk';
import type { Screen } from '../session/session';

export function currentScreen(screen: Screen, serviceName: (code: string) => string | null): HelpScreen {
  const step = document.querySelector<HTMLElement>('main [data-step]')?.dataset.step ?? null;
  const code = screen.kind === 'guide' || screen.kind === 'apply' ? screen.code : null;
  return {
    screen: screen.kind,
    step: step && /^[a-z][a-z0-9-]{0,31}$/.test(step) ? step : null,
    serviceName: code ? (serviceName(code)?.slice(0, 64) ?? null) : null,
  };
}
