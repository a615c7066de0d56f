import {
  activityRank,
  entryKey,
  networkKey,
  parseEntryKey,
  parseNetworkKey,
} from '../../../server/search/documents';

describe('the search index’s rank', () => {
  it('never goes down as contact points are added, in any month and order', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    for (let run = 0; run < 300; run++) {
      const counts = new Map<string, number>();
      let last = activityRank(counts);
      for (let step = 0; step < 20; step++) {
        const month = `20${20 + Math.floor(random() * 7)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}`;
        counts.set(month, (counts.get(month) ?? 0) + 1 + Math.floor(random() * 5));
        const rank = activityRank(counts);
        expect(rank).toBeGreaterThanOrEqual(last);
        last = rank;
      }
    }
  });

  it('puts recent activity above the same activity a year earlier, and none at 0', () => {
    expect(activityRank([['2026-11', 10]])).toBeGreaterThan(activityRank([['2025-11', 10]]));
    expect(activityRank([['2026-11', 20]])).toBeGreaterThan(activityRank([['2026-11', 10]]));
    expect(activityRank([])).toBe(0);
    // Six months of age halve the weight: ten emails now weigh what twenty did six months earlier.
    expect(activityRank([['2026-11', 10]])).toBe(activityRank([['2026-05', 20]]));
  });
});

describe('index entry keys', () => {
  it('carry any term and address as a field name and back', () => {
    const entry = { rank: 213, term: 'o.brien$|%2E@x', ref: 'o.brien$|%@example.co.jp' };
    const key = entryKey(entry);
    expect(key).not.toMatch(/[.$]/);
    expect(key.split('|')).toHaveLength(3);
    expect(parseEntryKey(key)).toEqual(entry);
    expect(parseNetworkKey(networkKey(12, 'a.b@c.com'))).toEqual({ rank: 12, ref: 'a.b@c.com' });
  });

  it('sort by rank when compared as strings of the same width', () => {
    expect(entryKey({ rank: 99, term: 'a', ref: 'x' }) < entryKey({ rank: 100, term: 'a', ref: 'x' })).toBe(
      true,
    );
  });
});
