import { claimOrder, nextDueAt, type QueuedJob } from '../../../server/sync/fair-order';

const t0 = Date.parse('2026-03-02T08:00:00Z');
const at = (s: number) => new Date(t0 + s * 1000);
const free = new Date(0);

function jobs(orgId: string, count: number, dueSecond: number, lane: QueuedJob['lane'] = 'backfill') {
  return Array.from({ length: count }, (_, i) => ({
    _id: `${orgId}|user${String(i).padStart(3, '0')}`,
    orgId,
    lane,
    dueAt: at(dueSecond),
    leaseUntil: free,
  }));
}

const orgsOf = (order: QueuedJob[]) => order.map((j) => j.orgId);

describe('claim order', () => {
  it('a large organisation that started first takes one place in turn, not the whole queue', () => {
    const queue = [...jobs('big', 500, 0), ...jobs('small-a', 10, 5), ...jobs('small-b', 10, 6)];
    const order = claimOrder(queue, 'backfill', t0 + 60_000);
    expect(orgsOf(order.slice(0, 6))).toEqual(['big', 'small-a', 'small-b', 'big', 'small-a', 'small-b']);
    // The small organisations are through after 30 claims; the large one's backlog is still there.
    const lastSmall = Math.max(...order.map((j, i) => (j.orgId === 'big' ? -1 : i)));
    expect(lastSmall).toBe(29);
    expect(order).toHaveLength(520);
  });

  it('counts the places an organisation already holds', () => {
    const running = jobs('big', 4, 0).map((j) => ({ ...j, leaseUntil: at(100) }));
    const queue = [
      ...running,
      ...jobs('big', 10, 0).map((j) => ({ ...j, _id: `${j._id}-w` })),
      ...jobs('small', 3, 9),
    ];
    const order = claimOrder(queue, 'backfill', t0 + 10_000);
    expect(orgsOf(order.slice(0, 3))).toEqual(['small', 'small', 'small']);
    expect(order.map((j) => j._id)).not.toContain(running[0]!._id);
  });

  it('an organisation alone gets every place (no place idles for fairness)', () => {
    const order = claimOrder(jobs('only', 8, 0), 'backfill', t0 + 1);
    expect(order).toHaveLength(8);
  });

  it('keeps the lanes apart, and leaves out jobs not yet due', () => {
    const queue = [
      ...jobs('a', 2, 0, 'incremental'),
      ...jobs('b', 2, 0),
      ...jobs('c', 2, 300, 'incremental'),
    ];
    expect(claimOrder(queue, 'incremental', t0 + 1000).map((j) => j.orgId)).toEqual(['a', 'a']);
    expect(claimOrder(queue, 'backfill', t0 + 1000).map((j) => j.orgId)).toEqual(['b', 'b']);
    expect(nextDueAt(queue, 'incremental', t0 + 1000)).toBe(t0 + 300_000);
    expect(nextDueAt(queue, 'backfill', t0 + 1000)).toBeNull();
  });

  it('within an organisation, the job due longest goes first (a slice queues again at the back)', () => {
    const queue = [
      { _id: 'o|requeued', orgId: 'o', lane: 'backfill' as const, dueAt: at(50), leaseUntil: free },
      { _id: 'o|waiting', orgId: 'o', lane: 'backfill' as const, dueAt: at(10), leaseUntil: free },
    ];
    expect(claimOrder(queue, 'backfill', t0 + 60_000).map((j) => j._id)).toEqual(['o|waiting', 'o|requeued']);
  });
});
