// Starts the reference central on loopback inside another process (npm start, e2e tests, bench).
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createCentralApp } from './app';
import { CentralStore } from './store';
import { sampleCatalog } from './catalog/sample-catalog';

export interface RunningCentral {
  url: string;
  store: CentralStore;
  close(): Promise<void>;
}

export async function startCentral(opts: { dbFile: string; port?: number; seedCatalog?: boolean }): Promise<RunningCentral> {
  const store = new CentralStore(opts.dbFile);
  if (opts.seedCatalog !== false && !store.latestCatalog()) store.publishCatalog(sampleCatalog);
  const app = createCentralApp({ store });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: opts.port ?? 0 }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          store.close();
          resolve();
        });
      }),
  };
}
