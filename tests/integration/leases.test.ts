import { claimOrder, lanes } from '../../server/sync/fair-order';
import { scheduleSync, syncJobs, type SyncJobDoc } from '../../server/sync/jobs';
import { Leases } from '../../server/sync/leases';
import { openTestDatabase, type TestDatabase } from '../support/database';

describe('job leases', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('leases');
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
