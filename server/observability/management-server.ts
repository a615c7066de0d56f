import http from 'node:http';
import type { Db } from 'mongodb';
import type { Logger } from '../log';
import { refreshDatabaseGauges } from './database-gauges';
import { registry } from './metrics';

export interface ManagementServer {
  port: number;
  close(): Promise<void>;
}

/**
 * The management port of a process (API or worker): `/healthz` (the process answers), `/readyz`
 * (it can do its work: `ready` resolves) and `/metrics` (Prometheus). Plain HTTP for the cluster's
 * probes and scrapers; it is not meant to be reachable from outside.
 */
export async function startManagementServer(options: {
  host: string;
  port: number;
  db: Db;
  log: Logger;
  /** Resolves when the process is ready; rejects with the reason it is not. */
  ready: () => Promise<void>;
}): Promise<ManagementServer> {
  const { db, log } = options;
  const send = (res: http.ServerResponse, status: number, type: string, body: string) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
  };
  const json = (res: http.ServerResponse, status: number, body: unknown) =>
    send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));

  const server = http.createServer(async (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    try {
      if (req.method !== 'GET')
        return json(res, 405, { error: { code: 'method_not_allowed', message: 'GET only.' } });
      if (path === '/healthz') return json(res, 200, { status: 'ok' });
      if (path === '/readyz') {
        try {
          await options.ready();
          return json(res, 200, { status: 'ready' });
        } catch (err) {
          const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
          log.warn({ reason }, 'readiness check failed');
          return json(res, 503, { error: { code: 'not_ready', message: reason } });
        }
      }
      if (path === '/metrics') {
        await refreshDatabaseGauges(db).catch((err: unknown) =>
          log.warn({ err }, 'metrics: database figures not refreshed'),
        );
        return send(res, 200, registry.contentType, await registry.metrics());
      }
      json(res, 404, { error: { code: 'not_found', message: 'Try /healthz, /readyz or /metrics.' } });
    } catch (err) {
      log.error({ err }, 'management request failed');
      if (!res.headersSent)
        json(res, 500, { error: { code: 'internal_error', message: 'Management request failed.' } });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
