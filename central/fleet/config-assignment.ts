// The signed configuration documents a terminal gets: its group's and its own. The admin route
// already refuses a document whose signed scope and target differ from where it is stored; this
// checks again at the moment of serving, against the terminal's group now (a terminal moved to
// another group, a row written by anything but that route), so a group's document never reaches
// a terminal outside that group and a terminal's document no other terminal. The kiosk checks its
// own document's target too; its group it learns only from central, hence this check here.
import { remoteConfigSchema, type ConfigAssignment, type SignedRemoteConfig } from '../../common/fleet-updates';
import type { CentralStore } from '../store';

/** Whether a stored signed document names exactly this scope and target inside its signature. */
export function documentTargets(signed: SignedRemoteConfig, scope: 'group' | 'terminal', target: string): boolean {
  try {
    const doc = remoteConfigSchema.safeParse(JSON.parse(signed.document));
    return doc.success && doc.data.scope === scope && doc.data.target === target;
  } catch {
    return false;
  }
}

export function configFor(store: Pick<CentralStore, 'terminalGroup' | 'remoteConfig'>, terminalId: string): ConfigAssignment {
  const group = store.terminalGroup(terminalId);
  const groupDoc = group ? store.remoteConfig('group', group) : null;
  const own = store.remoteConfig('terminal', terminalId);
  return {
    group: groupDoc && group && documentTargets(groupDoc, 'group', group) ? groupDoc : null,
    terminal: own && documentTargets(own, 'terminal', terminalId) ? own : null,
  };
}
