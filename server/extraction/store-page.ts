import type { Db, MongoBulkWriteError } from 'mongodb';
import { retryDuplicateUpsert, upsertEach, type Upsert } from '../db/upserts';
import type { ExtractedContactPoint } from './contact-points';
import { companyNameFromDomain, isFreeMailDomain } from './domains';
import {
  colleagueMonthId,
  colleagueMonths,
  companies,
  companyId,
  contactId,
  contactPointId,
  contactPoints,
  contacts,
  fieldKey,
  monthOf,
  timelineId,
  timelines,
  type CompanyDoc,
  type ContactDoc,
  type ContactPointDoc,
  type MonthCounts,
  type TimelineEntry,
} from './documents';

/** Whose mailbox the page came from. */
export interface MailboxScope {
  orgId: string;
  tenantId: string;
  userId: string;
  colleagueName: string;
}

export interface StoredPage {
  /** contact points inserted now (the rest were stored before: a replayed page) */
  inserted: number;
  /** the colleague's total contact points in each month the page touched (monotonic, exact under replay) */
  colleagueMonthTotals: Record<string, number>;
}

const bucketConcurrency = 8;

/**
 * Stores one page of extracted contact points and brings the read models up to date.
 *
 * Exact under replay without transactions: contact points are inserted by `_id` (a duplicate means
 * "already stored"); timeline entries are `$set` under a key per contact point; per-month counts are
 * recomputed from the bucket and written with `$max` (a bucket only grows, so its counts never go
 * down and a slower writer with an older view cannot lower them); first/last contact use
 * `$min`/`$max`. A page stored twice, or stored half and then again, ends in the same documents.
 */
export async function storePage(
  db: Db,
  scope: MailboxScope,
  points: ExtractedContactPoint[],
): Promise<StoredPage> {
  if (points.length === 0) return { inserted: 0, colleagueMonthTotals: {} };
  const inserted = await insertContactPoints(db, scope, points);
  const colleagueMonthTotals = await countColleagueMonths(db, scope, points);

  // Timeline entries grouped by bucket (person × month).
  const buckets = new Map<string, { email: string; month: string; entries: Record<string, TimelineEntry> }>();
  for (const p of points) {
    const month = monthOf(p.occurredAt);
    for (const person of p.external) {
      const id = timelineId(scope.orgId, person.email, month);
      let bucket = buckets.get(id);
      if (!bucket) buckets.set(id, (bucket = { email: person.email, month, entries: {} }));
      bucket.entries[`${scope.userId}:${p.messageKey}`] = {
        at: p.occurredAt,
        u: scope.userId,
        d: p.direction === 'sent' ? 's' : 'r',
        s: p.subject,
        c: p.conversationId,
      };
    }
  }
  const monthCounts = new Map<
    string,
    Array<{ month: string; total: MonthCounts; byColleague: Map<string, MonthCounts> }>
  >();
  await forEachLimited([...buckets.entries()], bucketConcurrency, async ([id, bucket]) => {
    const set = Object.fromEntries(Object.entries(bucket.entries).map(([k, v]) => [`points.${k}`, v]));
    const after = await retryDuplicateUpsert(() =>
      timelines(db).findOneAndUpdate(
        { _id: id },
        { $set: set, $setOnInsert: { orgId: scope.orgId, email: bucket.email, month: bucket.month } },
        { upsert: true, returnDocument: 'after' },
      ),
    );
    const counted = countBucket(Object.values(after!.points));
    const list = monthCounts.get(bucket.email) ?? [];
    list.push({ month: bucket.month, ...counted });
    monthCounts.set(bucket.email, list);
  });

  await upsertEach(contacts(db), contactUpdates(scope, points, monthCounts));
  await upsertEach(companies(db), companyUpdates(scope, points));
  return { inserted, colleagueMonthTotals };
}

/** Adds the page's message keys to the colleague's month key sets and returns their sizes. */
async function countColleagueMonths(
  db: Db,
  scope: MailboxScope,
  points: ExtractedContactPoint[],
): Promise<Record<string, number>> {
  const byMonth = new Map<string, Record<string, 1>>();
  for (const p of points) {
    const month = monthOf(p.occurredAt);
    const keys = byMonth.get(month) ?? {};
    keys[`keys.${p.messageKey}`] = 1;
    byMonth.set(month, keys);
  }
  const totals: Record<string, number> = {};
  await forEachLimited([...byMonth.entries()], bucketConcurrency, async ([month, set]) => {
    const after = await retryDuplicateUpsert(() =>
      colleagueMonths(db).findOneAndUpdate(
        { _id: colleagueMonthId(scope.orgId, scope.userId, month) },
        { $set: set },
        { upsert: true, returnDocument: 'after' },
      ),
    );
    totals[month] = Object.keys(after?.keys ?? {}).length;
  });
  return totals;
}

async function insertContactPoints(
  db: Db,
  scope: MailboxScope,
  points: ExtractedContactPoint[],
): Promise<number> {
  const now = new Date();
  const docs: ContactPointDoc[] = points.map((p) => ({
    _id: contactPointId(scope.orgId, scope.userId, p.messageKey),
    orgId: scope.orgId,
    tenantId: scope.tenantId,
    userId: scope.userId,
    messageKey: p.messageKey,
    graphMessageId: p.graphMessageId,
    internetMessageId: p.internetMessageId,
    conversationId: p.conversationId,
    occurredAt: p.occurredAt,
    direction: p.direction,
    external: p.external,
    subject: p.subject,
    storedAt: now,
  }));
  // The same message can come twice in one page set (inbox and sent items share an Internet id).
  const unique = [...new Map(docs.map((d) => [d._id, d])).values()];
  try {
    const result = await contactPoints(db).insertMany(unique, { ordered: false });
    return result.insertedCount;
  } catch (err) {
    const bulk = err as MongoBulkWriteError;
    const errors = Array.isArray(bulk.writeErrors)
      ? bulk.writeErrors
      : bulk.writeErrors
        ? [bulk.writeErrors]
        : null;
    if (!errors || errors.some((e) => e.code !== 11000)) throw err;
    return unique.length - errors.length;
  }
}

function countBucket(entries: TimelineEntry[]): {
  total: MonthCounts;
  byColleague: Map<string, MonthCounts>;
} {
  const total = { s: 0, r: 0 };
  const byColleague = new Map<string, MonthCounts>();
  for (const e of entries) {
    total[e.d]++;
    const c = byColleague.get(e.u) ?? { s: 0, r: 0 };
    c[e.d]++;
    byColleague.set(e.u, c);
  }
  return { total, byColleague };
}

function contactUpdates(
  scope: MailboxScope,
  points: ExtractedContactPoint[],
  monthCounts: Map<
    string,
    Array<{ month: string; total: MonthCounts; byColleague: Map<string, MonthCounts> }>
  >,
): Upsert<ContactDoc>[] {
  const perPerson = new Map<
    string,
    {
      domain: string;
      first: Date;
      last: Date;
      name?: { at: Date; value: string };
    }
  >();
  for (const p of points) {
    for (const person of p.external) {
      const seen = perPerson.get(person.email) ?? {
        domain: person.domain,
        first: p.occurredAt,
        last: p.occurredAt,
      };
      if (p.occurredAt < seen.first) seen.first = p.occurredAt;
      if (p.occurredAt > seen.last) seen.last = p.occurredAt;
      if (
        person.name &&
        person.name.toLowerCase() !== person.email &&
        (!seen.name || p.occurredAt > seen.name.at)
      ) {
        seen.name = { at: p.occurredAt, value: person.name };
      }
      perPerson.set(person.email, seen);
    }
  }
  const colleague = `colleagues.${scope.userId}`;
  return [...perPerson.entries()].map(([email, seen]) => {
    const max: Record<string, unknown> = { lastContactAt: seen.last, [`${colleague}.last`]: seen.last };
    for (const m of monthCounts.get(email) ?? []) {
      max[`months.${m.month}.s`] = m.total.s;
      max[`months.${m.month}.r`] = m.total.r;
      for (const [userId, counts] of m.byColleague) {
        max[`colleagues.${userId}.months.${m.month}.s`] = counts.s;
        max[`colleagues.${userId}.months.${m.month}.r`] = counts.r;
      }
    }
    if (seen.name) max.name = { at: seen.name.at, value: seen.name.value };
    if (!isFreeMailDomain(seen.domain))
      max.company = { rank: 0, at: new Date(0), value: companyNameFromDomain(seen.domain) };
    return {
      filter: { _id: contactId(scope.orgId, email) },
      update: {
        $setOnInsert: { orgId: scope.orgId, email, domain: seen.domain },
        $set: { [`${colleague}.name`]: scope.colleagueName, [`${colleague}.tenantId`]: scope.tenantId },
        $min: { firstContactAt: seen.first, [`${colleague}.first`]: seen.first },
        $max: max,
      },
    } as Upsert<ContactDoc>;
  });
}

function companyUpdates(scope: MailboxScope, points: ExtractedContactPoint[]): Upsert<CompanyDoc>[] {
  const perDomain = new Map<string, { first: Date; last: Date; people: Map<string, string> }>();
  for (const p of points) {
    for (const person of p.external) {
      if (isFreeMailDomain(person.domain)) continue;
      const seen = perDomain.get(person.domain) ?? {
        first: p.occurredAt,
        last: p.occurredAt,
        people: new Map(),
      };
      if (p.occurredAt < seen.first) seen.first = p.occurredAt;
      if (p.occurredAt > seen.last) seen.last = p.occurredAt;
      if (!seen.people.get(person.email)) seen.people.set(person.email, person.name);
      perDomain.set(person.domain, seen);
    }
  }
  return [...perDomain.entries()].map(([domain, seen]) => {
    const set: Record<string, unknown> = {};
    for (const [email, name] of seen.people) {
      set[`people.${fieldKey(email)}.email`] = email;
      if (name) set[`people.${fieldKey(email)}.name`] = name;
    }
    return {
      filter: { _id: companyId(scope.orgId, domain) },
      update: {
        $setOnInsert: { orgId: scope.orgId, domain },
        $set: set,
        $min: { firstContactAt: seen.first },
        $max: {
          lastContactAt: seen.last,
          name: { rank: 0, at: new Date(0), value: companyNameFromDomain(domain) },
        },
      },
    } as Upsert<CompanyDoc>;
  });
}

/** Runs `work` over items with at most `limit` in flight. */
export async function forEachLimited<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(runners);
}
