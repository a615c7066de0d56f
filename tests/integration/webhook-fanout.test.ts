import type { CommandStartedEvent } from 'mongodb';
import pino from 'pino';
import { notificationPath, lifecyclePath } from '../../server/sync/subscriptions';
import { apiClient } from '../support/api';
import { startTestApp, type TestApp } from '../support/app';

/**
 * The Graph notification endpoints are public: anyone can post to them. A forged post of 1,000
 * notifications with made-up subscription ids must cost one database read and one log line, not
 * a thousand of each. Reads are counted by the database driver's command monitoring of the
 * server's own client, log lines by the server's own logger.
 */
describe('webhook fan-out', () => {
  let app: TestApp;
  const lines: Array<{ level: number; msg: string }> = [];
  const reads: CommandStartedEvent[] = [];

  beforeAll(async () => {
    const log = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    app = await startTestApp('webhooks', {}, { log, monitorCommands: true });
    app.database.client.on('commandStarted', (e: CommandStartedEvent) => {
      if (e.commandName === 'find' && e.command.find === 'graphSubscriptions') reads.push(e);
    });
  });
  afterAll(() => app?.close());

  /** Posts, then waits (on a condition, not a clock) for the server's line saying it finished the post. */
  async function post(path: string, value: unknown[]) {
    const before = { reads: reads.length, warnings: warnings().length, done: finished().length };
    const res = await apiClient(app.url)('POST', path, { value });
    if (res.status !== 202) return { res, reads: 0, warnings: 0 };
    const deadline = Date.now() + 30_000;
    while (finished().length === before.done) {
      if (Date.now() > deadline) throw new Error('the server never finished handling the post');
      await new Promise((r) => setTimeout(r, 50));
    }
    return { res, reads: reads.length - before.reads, warnings: warnings().length - before.warnings };
  }
  const finished = () => lines.filter((l) => l.msg === 'notification post handled');
  const warnings = () => lines.filter((l) => l.level === 40);

  const forged = (n: number, id: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => ({ subscriptionId: id(i), clientState: 'guess' }));

  it('stops at the first unknown subscription: 1,000 forged ids cost one read and one warning', async () => {
    const result = await post(
      notificationPath,
      forged(1000, (i) => `5f0c${String(i).padStart(4, '0')}-0000-4000-8000-000000000000`),
    );
    expect(result.res.status).toBe(202);
    expect({ reads: result.reads, warnings: result.warnings }).toEqual({ reads: 1, warnings: 1 });
    expect(await app.database.db.collection('syncJobs').countDocuments()).toBe(0);
  });

  it('the same for lifecycle notifications, and for one id repeated 1,000 times', async () => {
    const lifecycle = await post(
      lifecyclePath,
      forged(1000, (i) => `sub-${i}`).map((n) => ({ ...n, lifecycleEvent: 'subscriptionRemoved' })),
    );
    expect({ reads: lifecycle.reads, warnings: lifecycle.warnings }).toEqual({ reads: 1, warnings: 1 });
    const repeated = await post(
      notificationPath,
      forged(1000, () => 'one-made-up-id'),
    );
    expect({ reads: repeated.reads, warnings: repeated.warnings }).toEqual({ reads: 1, warnings: 1 });
  });

  it('logs neither the forged ids nor the guessed secret', () => {
    const logged = JSON.stringify(warnings());
    expect({
      ids: logged.includes('5f0c0001-0000-4000-8000-000000000000'),
      secret: logged.includes('guess'),
    }).toEqual({ ids: false, secret: false });
  });
});
