import {
  parseRecent,
  personKey,
  personOfKey,
  recentKept,
  recentOfBucket,
  timelineEntry,
  type TimelineEntry,
} from '../../../server/extraction/documents';

function entry(i: number, at: number, subject: string | null = `Subject ${i}`): string {
  const e: TimelineEntry = {
    at: new Date(at),
    userId: `user${i % 3}`,
    messageKey: `m${i}`,
    direction: i % 2 ? 'sent' : 'received',
    subject,
  };
  return timelineEntry(e);
}

describe('a contact’s newest timeline entries', () => {
  it('never shrink as a bucket grows, in any order, and end as the bucket’s newest entries', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    for (let run = 0; run < 200; run++) {
      const all = Array.from({ length: 1 + Math.floor(random() * 30) }, (_, i) =>
        entry(i, Date.UTC(2026, 9, 1) + Math.floor(random() * 5) * 3_600_000, random() < 0.2 ? 'a' : 'ab'),
      );
      const bucket: string[] = [];
      let previous = '';
      for (const e of all) {
        if (!bucket.includes(e)) bucket.push(e);
        const now = recentOfBucket('2026-Q4', bucket);
        expect(now >= previous).toBe(true);
        previous = now;
      }
      expect(parseRecent(previous)).toEqual({
        quarter: '2026-Q4',
        entries: [...new Set(all)].sort().reverse().slice(0, recentKept),
      });
    }
  });

  it('ranks a newer quarter above any older one', () => {
    const old = recentOfBucket('2026-Q3', [entry(1, Date.UTC(2026, 8, 30))]);
    expect(recentOfBucket('2026-Q4', [entry(2, Date.UTC(2026, 9, 1))]) > old).toBe(true);
    expect(recentOfBucket('2026-Q4', []) > old).toBe(true);
  });

  it('keeps subjects with control characters from breaking the separator', () => {
    const kept = parseRecent(recentOfBucket('2026-Q4', [entry(1, 0, 'tab\there\u0001end')]))!;
    expect(kept.entries).toHaveLength(1);
    expect(kept.entries[0]!.endsWith('tab here end')).toBe(true);
  });
});

describe('an address as a field name', () => {
  it('has no dots or dollars, and gives the address back exactly', () => {
    for (const email of ['a.b@c.example.com', '$odd%2E.name@x.jp', 'plain@x', '%25@y.com']) {
      const key = personKey(email);
      expect(key).not.toMatch(/[.$]/);
      expect(personOfKey(key)).toBe(email);
    }
  });
});
