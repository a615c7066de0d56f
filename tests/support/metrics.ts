import type { Db } from 'mongodb';
import type { Logger } from '../../server/log';
import { startManagementServer, type ManagementServer } from '../../server/observability/management-server';

/** Prometheus samples by series (`name{labels}`) → value. */
export type Samples = Map<string, number>;

export function parseMetrics(text: string): Samples {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const space = line.lastIndexOf(' ');
    samples.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return samples;
}

/** A management port on the test app's database, as a worker or API process serves it. */
export async function startMetrics(
  db: Db,
  log: Logger,
): Promise<{ server: ManagementServer; scrape: () => Promise<Samples> }> {
  const server = await startManagementServer({ host: '127.0.0.1', port: 0, db, log, ready: async () => {} });
  const scrape = async () =>
    parseMetrics(await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text());
  return { server, scrape };
}
