import { once } from 'node:events';
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createAppServer } from '../../../server/src/api/app-server';
import { createApp } from '../../../server/src/api/create-app';
import { startTestServices } from '../../support/test-services';
import type { TestServices } from '../../support/test-services';
import { snapshotClientBuild } from './client-build';

export interface BrowserApp {
  /** `http://127.0.0.1:<port>`: the API and the built web client. */
  base: string;
  services: TestServices;
  /** Moves the server's test clock (ISO 8601 duration) and fires the timers now due, as `POST /api/test/clock` does. */
  advanceClock(duration: string): Promise<{ now: string; fired: number }>;
  close(): Promise<void>;
}

/**
 * The whole product in-process on port 0, as `npm start` serves it: the API and (a private copy
 * of) the built client, on a private copy of the seeded test database, with a manual clock (NODE_ENV=test).
 */
export async function startBrowserApp(): Promise<BrowserApp> {
  const clientDir = snapshotClientBuild();
  const services = await startTestServices().catch((error: unknown) => {
    rmSync(clientDir, { recursive: true, force: true });
    throw error;
  });
  const server = createAppServer(createApp(services, { testClock: services.clock, clientDir }));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    services,
    async advanceClock(duration) {
      const answer = await fetch(`${base}/api/test/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advance: duration }) });
      if (answer.status !== 200) throw new Error(`POST /api/test/clock {advance:${duration}} answered ${answer.status}: ${await answer.text()}`);
      return await answer.json() as { now: string; fired: number };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await services.close();
      await services.dropDatabase();
      rmSync(clientDir, { recursive: true, force: true });
    },
  };
}
