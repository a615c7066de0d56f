import { BudgetExhausted, MailboxBudget } from '../../../server/sync/request-budget';

describe("a mailbox's Graph request budget", () => {
  it('stops at the limit and names when the oldest counted minute leaves the ten-minute window', async () => {
    let now = Date.parse('2026-03-02T08:00:30Z');
    const budget = new MailboxBudget(10, undefined, () => now);
    for (let i = 0; i < 6; i++) await budget.spend(1);
    now += 3 * 60_000;
    await budget.spend(4);
    const refused = await budget.spend(1).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(BudgetExhausted);
    expect((refused as BudgetExhausted).resumeAt.toISOString()).toBe('2026-03-02T08:10:00.000Z');
    now = Date.parse('2026-03-02T08:10:00Z');
    await expect(budget.spend(6)).resolves.toBeUndefined();
  });

  it('carries its counts to the next holder of the mailbox, and forgets minutes older than ten', async () => {
    let now = Date.parse('2026-03-02T08:00:00Z');
    const first = new MailboxBudget(10, undefined, () => now);
    await first.spend(8);
    const saved = first.snapshot();
    now += 60_000;
    const next = new MailboxBudget(10, saved, () => now);
    await expect(next.spend(3)).rejects.toBeInstanceOf(BudgetExhausted);
    await next.spend(2);
    now += 9 * 60_000;
    expect(Object.values(new MailboxBudget(10, next.snapshot(), () => now).snapshot())).toEqual([2]);
    now += 60_000;
    expect(new MailboxBudget(10, next.snapshot(), () => now).snapshot()).toEqual({});
  });

  it('ignores stored keys that are not minute numbers', () => {
    const now = Date.parse('2026-03-02T08:00:00Z');
    const minute = String(Math.floor(now / 60_000));
    const budget = new MailboxBudget(10, { $where: 5, [minute]: 2 } as never, () => now);
    expect(budget.snapshot()).toEqual({ [minute]: 2 });
  });
});
