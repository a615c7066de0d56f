import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedDb } from '../../scripts/lib/embedded-db';
import { freePort } from '../../scripts/lib/ports';
import { createDeps } from '../../server/app';
import { loadConfig } from '../../server/config';
import { migrate } from '../../server/migrations';
import { createLogger } from '../../server/log';
import { startManagementServer } from '../../server/observability/management-server';
import { SyncWorker } from '../../server/sync/sync-worker';
import { workerReadiness } from '../../server/sync/worker-readiness';

/** The worker's own health endpoints, as the cluster's probes see them. */
describe('worker health', () => {
  it('is live and ready with its database; not ready when the database goes, nor while stopping', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sam-worker-health-'));
    const database = await startEmbeddedDb({ port: await freePort(), dataDir });
    const client = await new MongoClient(database.uri, { serverSelectionTimeoutMS: 1_000 }).connect();
    const db = client.db('worker_health');
    const log = createLogger('silent', 'test-worker');
    const config = loadConfig({
      MONGODB_URI: database.uri,
      TLS_CERT_FILE: '',
      ENTRA_CLIENT_ID: '00000000-0000-4000-8000-000000000000',
      ENTRA_CLIENT_SECRET: 'not-used',
    });
    await migrate(db, log);
    const worker = new SyncWorker({
      db,
      log,
      config,
      graph: createDeps(config, db, log).graph,
      workerId: 'health-test',
      parseSignature: null,
    });
    const running = worker.run();
    const management = await startManagementServer({
      host: '127.0.0.1',
      port: 0,
      db,
      log,
      ready: workerReadiness(worker, db),
    });
    const get = async (route: string) => {
      const res = await fetch(`http://127.0.0.1:${management.port}${route}`);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    try {
      expect(await get('/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
      expect(await get('/readyz')).toEqual({ status: 200, body: { status: 'ready' } });

      await database.stop();
      expect(await get('/readyz')).toEqual({
        status: 503,
        body: {
          error: { code: 'not_ready', message: expect.stringMatching(/^The database is not reachable: /) },
        },
      });
      expect((await get('/healthz')).status).toBe(200);

      worker.stop();
      await running;
      expect(await get('/readyz')).toEqual({
        status: 503,
        body: { error: { code: 'not_ready', message: 'the worker is stopping' } },
      });
    } finally {
      worker.stop();
      await management.close();
      await client.close();
      await database.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
