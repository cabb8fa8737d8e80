import { useSession } from '../session/SessionContext';
import { STRINGS, type Strings } from './strings';

/** The interface strings in the session's language. */
export function useT(): Strings {
  return STRINGS[useSession().state.lang];
}
