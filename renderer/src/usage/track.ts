// Journey usage statistics: the journey screens call trackStep('identity') etc. as the citizen
// reaches each step. Only an anonymous id (new for every citizen session), the journey and the
// step name leave the page; failures are ignored (statistics never get in a citizen's way).
import { api } from '../api';
import { send } from '../call';

function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

let session = newId();

/** The citizen reached `step` of `journey` ('apply' for the application journey). */
export function trackStep(step: string, journey = 'apply'): void {
  void send(api.usage.step.$post({ json: { session, journey, step } }));
}

/** The citizen session ended (idle reset, back to the start): the open step counts as abandoned. */
export function endUsageSession(): void {
  const ended = session;
  session = newId();
  void send(api.usage.end.$post({ json: { session: ended } }));
}
