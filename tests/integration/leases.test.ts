import type { CommandStartedEvent } from 'mongodb';
import { claimOrder, lanes } from '../../server/sync/fair-order';
import { cancelSync, scheduleSync, syncJobs, type SyncJobDoc } from '../../server/sync/jobs';
import { leaseTickets, Leases } from '../../server/sync/leases';
import { openTestDatabase, type TestDatabase } from '../support/database';

describe('job leases', () => {
  let database: TestDatabase;
  const commands: CommandStartedEvent[] = [];
  beforeAll(async () => {
    database = await openTestDatabase('leases', undefined, true);
    database.client.on('commandStarted', (e) => commands.push(e));
  });
  afterAll(() => database.close());

  const job = (id: string) => ({ integrationId: id, orgId: 'org-leases', generation: 1 });

  /** What a worker does: reads the queue and takes the first job it can, in claim order. */
  const claimNext = async (leases: Leases): Promise<SyncJobDoc | null> => {
    const queue = await leases.queue(['org-leases']);
    for (const lane of lanes)
      for (const candidate of claimOrder(queue, lane, Date.now())) {
        const claimed = await leases.claim(candidate._id);
        if (claimed) return claimed;
      }
    return null;
  };

  it('a release after a quiet run clears the reauthorization it carried out and waits for the next poll', async () => {
    const leases = new Leases(database.db, 'worker-a', 30_000);
    await scheduleSync(database.db, { ...job('quiet'), reason: 'resync', reauthorize: true });
    const claimed = await claimNext(leases);
    expect(claimed?.reauthorize).toBe(true);
    const nextPoll = new Date(Date.now() + 3600_000);
    await leases.release(claimed!, nextPoll, { attempts: 0, reauthorize: false });
    const after = await syncJobs(database.db).findOne({ _id: 'quiet' });
    expect(after).toMatchObject({ reauthorize: false, leaseOwner: null, dueAt: nextPoll });
  });

  it('a reauthorization asked for while a run holds the lease is kept for the next run, due at once', async () => {
    const leases = new Leases(database.db, 'worker-b', 30_000);
    await scheduleSync(database.db, { ...job('busy'), reason: 'notification' });
    const claimed = await claimNext(leases);
    expect(claimed?._id).toBe('busy');
    expect(claimed?.reauthorize).toBeFalsy();
    // Graph's lifecycle notification arrives while the mailbox is being read.
    await scheduleSync(database.db, { ...job('busy'), reason: 'resync', reauthorize: true });
    const before = Date.now();
    await leases.release(claimed!, new Date(Date.now() + 3600_000), { attempts: 0, reauthorize: false });
    const after = await syncJobs(database.db).findOne({ _id: 'busy' });
    expect(after?.reauthorize).toBe(true);
    expect(after?.leaseOwner).toBeNull();
    expect(after!.dueAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(after!.dueAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const next = await claimNext(leases);
    expect(next).toMatchObject({ _id: 'busy', reauthorize: true });
  });

  it('a request stamped before the claim by a machine whose clock is behind still wakes the mailbox', async () => {
    const leases = new Leases(database.db, 'worker-c', 30_000);
    await scheduleSync(database.db, { ...job('skewed'), reason: 'notification' });
    const claimed = await claimNext(leases);
    expect(claimed?._id).toBe('skewed');
    // The webhook is answered by an API instance whose clock runs two seconds behind the worker's.
    setClock(Date.now() - 2_000);
    try {
      await scheduleSync(database.db, { ...job('skewed'), reason: 'resync', reauthorize: true });
    } finally {
      jest.useRealTimers();
    }
    expect((await syncJobs(database.db).findOne({ _id: 'skewed' }))!.requestedAt.getTime()).toBeLessThan(
      claimed!.claimedAt!.getTime(),
    );
    await leases.release(claimed!, new Date(Date.now() + 3600_000), { attempts: 0, reauthorize: false });
    const next = await claimNext(leases);
    expect(next).toMatchObject({ _id: 'skewed', reauthorize: true });
  });

  it('of many workers claiming one job at once exactly one holds it, and no write carries a condition beyond _id', async () => {
    await scheduleSync(database.db, { ...job('contended'), reason: 'poll' });
    const from = commands.length;
    const workers = Array.from({ length: 6 }, (_, i) => new Leases(database.db, `racer-${i}`, 30_000));
    const claims = await Promise.all(workers.map((w) => w.claim('contended')));
    const winners = claims.filter((c) => c !== null);
    expect(winners).toHaveLength(1);
    const stored = await syncJobs(database.db).findOne({ _id: 'contended' });
    expect(stored).toMatchObject({ leaseOwner: winners[0]!.leaseOwner, epoch: 1 });
    // The losers' renewals and releases change nothing; the winner's do.
    const loser = workers.find((w) => w.owner !== winners[0]!.leaseOwner)!;
    expect((await loser.renew({ ...winners[0]!, leaseOwner: loser.owner })).held).toBe(false);
    expect(await syncJobs(database.db).findOne({ _id: 'contended' })).toEqual(stored);
    const winner = workers.find((w) => w.owner === winners[0]!.leaseOwner)!;
    expect((await winner.renew(winners[0]!)).held).toBe(true);
    await winner.release(winners[0]!, new Date(Date.now() + 3600_000), { attempts: 0 });
    expect(await syncJobs(database.db).findOne({ _id: 'contended' })).toMatchObject({ leaseOwner: null });
    const jobWrites = commands
      .slice(from)
      .filter(
        (c) =>
          ['update', 'findAndModify', 'delete'].includes(c.commandName) &&
          c.command[c.commandName] === 'syncJobs',
      );
    expect(jobWrites.length).toBeGreaterThanOrEqual(4); // the claim, two renewals, the release
    for (const c of jobWrites) {
      const filters =
        c.commandName === 'findAndModify'
          ? [c.command.query]
          : ((c.command.updates ?? c.command.deletes) as Array<{ q: object }>).map((u) => u.q);
      for (const filter of filters) expect(Object.keys(filter as object)).toEqual(['_id']);
    }
  });

  it('a claim whose worker died half-way (ticket taken, job untouched) is taken over once a lease has passed', async () => {
    await scheduleSync(database.db, { ...job('half-claimed'), reason: 'poll' });
    const stored = (await syncJobs(database.db).findOne({ _id: 'half-claimed' }))!;
    const ticket = `half-claimed|${stored.generation}|1`;
    await leaseTickets(database.db).insertOne({ _id: ticket, at: new Date() });
    const leases = new Leases(database.db, 'worker-d', 30_000);
    expect(await leases.claim('half-claimed')).toBeNull();
    expect(await leases.claim('half-claimed', new Date(Date.now() + 31_000))).toMatchObject({
      leaseOwner: 'worker-d',
      epoch: 1,
    });
  });

  it('workers that keep trying a half-claimed job do not keep its ticket fresh: it is taken over a lease later', async () => {
    await scheduleSync(database.db, { ...job('retried'), reason: 'poll' });
    const stored = (await syncJobs(database.db).findOne({ _id: 'retried' }))!;
    const t = Date.now();
    await leaseTickets(database.db).insertOne({ _id: `retried|${stored.generation}|1`, at: new Date(t) });
    const leases = new Leases(database.db, 'worker-g', 30_000);
    // Tries every few seconds for longer than a lease, as a worker's loop does: all lose meanwhile.
    for (let s = 5; s < 30; s += 5) expect(await leases.claim('retried', new Date(t + s * 1000))).toBeNull();
    expect(await leases.claim('retried', new Date(t + 30_001))).toMatchObject({
      leaseOwner: 'worker-g',
      epoch: 1,
    });
  });

  it('a job cancelled while leased and started again is claimable at once, and leaves no ticket behind', async () => {
    await scheduleSync(database.db, { ...job('restarted'), reason: 'initial' });
    const first = await new Leases(database.db, 'worker-e', 30_000).claim('restarted');
    expect(first).not.toBeNull();
    await cancelSync(database.db, 'restarted');
    expect(await leaseTickets(database.db).countDocuments({ _id: first!.leaseTicket! })).toBe(0);
    await scheduleSync(database.db, { ...job('restarted'), generation: 2, reason: 'initial' });
    expect(await new Leases(database.db, 'worker-f', 30_000).claim('restarted')).toMatchObject({
      leaseOwner: 'worker-f',
    });
  });
});

/** Moves only the clock: every timer keeps running for real, so the database driver is untouched. */
function setClock(now: number): void {
  jest.useFakeTimers({
    now,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}
