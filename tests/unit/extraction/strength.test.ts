import { relationshipStrength } from '../../../server/contacts/strength';

const now = new Date('2026-11-26T00:00:00Z');

describe('relationship strength', () => {
  it('rates recent two-way contact above old one-way contact', () => {
    const recentTwoWay = relationshipStrength({ '2026-11': { s: 10, r: 10 } }, now);
    const oldOneWay = relationshipStrength({ '2025-11': { s: 10, r: 0 } }, now);
    expect(recentTwoWay).toBe(92);
    expect(oldOneWay).toBe(14);
  });

  it('grows with reciprocity at the same volume', () => {
    const oneWay = relationshipStrength({ '2026-10': { s: 6, r: 0 } }, now);
    const twoWay = relationshipStrength({ '2026-10': { s: 3, r: 3 } }, now);
    expect(twoWay).toBeGreaterThan(oneWay);
  });

  it('is 0 without contact and never reaches 100', () => {
    expect(relationshipStrength({}, now)).toBe(0);
    expect(relationshipStrength({ '2026-11': { s: 500, r: 500 } }, now)).toBeLessThanOrEqual(100);
  });
});
