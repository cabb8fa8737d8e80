// The developer API: the raw queue API (applicant taken from the request body) and the device
// simulator controls. boot.ts imports this module only outside production bundles, so neither
// route exists in a shipped build; each also answers 404 unless config.devTools is on.
import type { BackendContext } from '../context';
import { devSimRoutes } from './dev-sim';
import { submissionRoutes } from './submissions';

export function devOnlyRoutes(ctx: BackendContext) {
  return { submissions: submissionRoutes(ctx), sim: devSimRoutes(ctx) };
}

export type DevOnlyRoutes = ReturnType<typeof devOnlyRoutes>;
