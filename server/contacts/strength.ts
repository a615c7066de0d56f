/** Contact points sent to (s) and received from (r) one person in one month. */
export interface MonthCounts {
  s: number;
  r: number;
}

/**
 * Relationship strength, 0-100, of one colleague with one external person.
 *
 *   activity    = Σ over months m of (sent_m + received_m) · ½^(age_m / 6)     (age in months: half-life 6 months)
 *   reciprocity = min(sent, received) / max(sent, received)                  (0 when contact is one-way)
 *   score       = activity · (0.5 + 0.5 · reciprocity)
 *   strength    = round(100 · (1 − e^(−score / 8)))
 *
 * So recent, two-way contact counts most: ten emails each way this month give 92, one each way
 * this month 22, ten one-way emails a year ago 14; it only approaches 100.
 */
export function relationshipStrength(months: Record<string, MonthCounts>, now: Date): number {
  let activity = 0;
  let sent = 0;
  let received = 0;
  const nowIndex = now.getUTCFullYear() * 12 + now.getUTCMonth();
  for (const [month, counts] of Object.entries(months)) {
    const [y, m] = month.split('-').map(Number);
    const age = Math.max(0, nowIndex - (y! * 12 + (m! - 1)));
    activity += (counts.s + counts.r) * 0.5 ** (age / 6);
    sent += counts.s;
    received += counts.r;
  }
  return strengthOf(activity, sent, received);
}

/**
 * The same strength from a relationship's activity as of its newest month (`atMonth` = year · 12 +
 * month − 1) and its totals: activity only decays after that month, by ½ every six months, so
 * Σ (s + r)·½^((now − m)/6) = activity(atMonth) · ½^((now − atMonth)/6).
 */
export function strengthAt(
  activityAtMonth: number,
  atMonth: number,
  sent: number,
  received: number,
  now: Date,
): number {
  const nowIndex = now.getUTCFullYear() * 12 + now.getUTCMonth();
  return strengthOf(activityAtMonth * 0.5 ** (Math.max(0, nowIndex - atMonth) / 6), sent, received);
}

function strengthOf(activity: number, sent: number, received: number): number {
  const reciprocity =
    Math.max(sent, received) === 0 ? 0 : Math.min(sent, received) / Math.max(sent, received);
  const score = activity * (0.5 + 0.5 * reciprocity);
  return Math.round(100 * (1 - Math.exp(-score / 8)));
}
