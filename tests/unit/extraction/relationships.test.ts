import { packCounts } from '../../../server/extraction/documents';
import {
  closedBefore,
  colleagueSummaryOf,
  parseSummary,
  rollUp,
  summarise,
  totalCounts,
  type RelationshipDoc,
} from '../../../server/extraction/relationships';
import { relationshipStrength, strengthAt } from '../../../server/contacts/strength';

function relationship(months: Record<string, [number, number]>): RelationshipDoc {
  const keys = Object.keys(months).sort();
  return {
    _id: 'o|p@x.com|u',
    orgId: 'o',
    email: 'p@x.com',
    userId: 'u',
    name: 'Dana | Sales',
    tenantId: 't',
    first: new Date(`${keys[0]}-03T00:00:00Z`),
    last: new Date(`${keys[keys.length - 1]}-20T00:00:00Z`),
    months: Object.fromEntries(Object.entries(months).map(([m, [s, r]]) => [m, packCounts(s, r)])),
  };
}

describe('colleague summaries', () => {
  it('give the strength and totals of the months they summarise, at any later date', () => {
    const months = { '2024-01': [3, 1], '2025-06': [0, 4], '2026-02': [2, 2] } as Record<
      string,
      [number, number]
    >;
    const summary = parseSummary(summarise(relationship(months)));
    expect(summary).toMatchObject({ sent: 5, received: 7, name: 'Dana | Sales', tenantId: 't' });
    for (const now of ['2026-02-15', '2026-09-01', '2029-12-31']) {
      const perMonth = Object.fromEntries(Object.entries(months).map(([m, [s, r]]) => [m, { s, r }]));
      expect(
        strengthAt(summary.activity, summary.atMonth, summary.sent, summary.received, new Date(now)),
      ).toBe(relationshipStrength(perMonth, new Date(now)));
    }
  });

  it('of a fuller view of a relationship are larger strings, so $max keeps the fuller one', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    for (let run = 0; run < 200; run++) {
      const months: Record<string, [number, number]> = {};
      let previous = '';
      for (let step = 0; step < 12; step++) {
        const month = `20${20 + Math.floor(random() * 6)}-0${1 + Math.floor(random() * 9)}`;
        const [s, r] = months[month] ?? [0, 0];
        months[month] = random() < 0.5 ? [s + 1 + Math.floor(random() * 200), r] : [s, r + 1];
        const now = summarise(relationship(months));
        expect(now > previous).toBe(true);
        previous = now;
      }
    }
  });

  it('read legacy colleague entries (months kept in the contact) the same way', () => {
    const rel = relationship({ '2025-11': [1, 2] });
    expect(colleagueSummaryOf({ ...rel })).toEqual(parseSummary(summarise(rel)));
  });
});

describe('closed months', () => {
  it('are those older than the longest backfill window and a margin, and roll up into one exact total', () => {
    const now = new Date('2036-07-10T00:00:00Z');
    expect(closedBefore(now)).toBe('2026-05');
    const months = { '2026-03': packCounts(2, 1), '2026-04': packCounts(0, 5), '2026-05': packCounts(1, 1) };
    const roll = rollUp(months, { through: '2026-01', counts: packCounts(10, 10) }, now)!;
    expect(roll.closed.sort()).toEqual(['2026-03', '2026-04']);
    expect(roll.before).toEqual({ through: '2026-05', counts: packCounts(12, 16) });
    const kept = { '2026-05': months['2026-05'] };
    expect(totalCounts(kept, roll.before)).toEqual(
      totalCounts(months, { through: '2026-01', counts: packCounts(10, 10) }),
    );
    expect(rollUp(kept, roll.before, now)).toBeNull();
  });
});
