import type { Db, MongoBulkWriteError } from 'mongodb';
import { forEachLimited, retryDuplicateUpsert } from '../db/upserts';
import { indexStoredBatch, personRank } from '../search/index-batch';
import type { ExtractedContactPoint } from './contact-points';
import { companyNameFromDomain, isFreeMailDomain } from './domains';
import { storePeople, type MonthCount } from './store-people';
import {
  bucketEntries,
  colleagueMonthId,
  colleagueMonths,
  companies,
  companyId,
  companyPeople,
  companyPeopleId,
  companyPeoplePartOf,
  contactPointId,
  contactPoints,
  monthOf,
  packCounts,
  personKey,
  quarterOfMonth,
  ranked,
  recentOfBucket,
  timelineEntry,
  timelineId,
  timelines,
  type CompanyDoc,
  type ContactDoc,
  type ContactPointDoc,
} from './documents';

/** Whose mailbox the batch came from. */
export interface MailboxScope {
  orgId: string;
  tenantId: string;
  userId: string;
  colleagueName: string;
  /** the colleague's address, by which search finds them too */
  colleagueEmail?: string | null;
}

export interface StoredPage {
  /** contact points inserted now (the rest were stored before: a replayed batch) */
  inserted: number;
  /** the colleague's total contact points in each month the batch touched (monotonic, exact under replay) */
  colleagueMonthTotals: Record<string, number>;
}

const concurrency = 8;

/**
 * Stores a batch of extracted contact points and brings the read models up to date.
 *
 * Exact under replay without transactions: contact points are inserted by `_id` (a duplicate means
 * "already stored"); timeline entries are `$addToSet` of a string that is the same every time;
 * per-month counts are recounted from the bucket and written with `$max` (a bucket only grows, so
 * its counts never go down and a slower writer with an older view cannot lower them); first/last
 * contact use `$min`/`$max`, and so do the contact's newest entries (see recentOfBucket). A batch
 * stored twice, or half and then again, ends in the same documents. Every document stays bounded
 * however long the history and however many colleagues (relationships.ts).
 */
export async function storePage(
  db: Db,
  scope: MailboxScope,
  points: ExtractedContactPoint[],
  now = new Date(),
): Promise<StoredPage> {
  if (points.length === 0) return { inserted: 0, colleagueMonthTotals: {} };
  const inserted = await insertContactPoints(db, scope, points);
  const colleagueMonthTotals = await countColleagueMonths(db, scope, points);

  // Timeline entries grouped by bucket (person × quarter).
  const buckets = new Map<string, { email: string; quarter: string; entries: string[] }>();
  for (const p of points) {
    const quarter = quarterOfMonth(monthOf(p.occurredAt));
    const entry = timelineEntry({
      at: p.occurredAt,
      userId: scope.userId,
      messageKey: p.messageKey,
      direction: p.direction,
      subject: p.subject,
    });
    for (const person of p.external) {
      const id = timelineId(scope.orgId, person.email, quarter);
      let bucket = buckets.get(id);
      if (!bucket) buckets.set(id, (bucket = { email: person.email, quarter, entries: [] }));
      bucket.entries.push(entry);
    }
  }
  const monthCounts = new Map<string, MonthCount[]>();
  const recent = new Map<string, string>();
  await forEachLimited([...buckets.entries()], concurrency, async ([id, bucket]) => {
    const after = await retryDuplicateUpsert(() =>
      timelines(db).findOneAndUpdate(
        { _id: id },
        {
          $addToSet: { entries: { $each: bucket.entries } },
          $setOnInsert: { orgId: scope.orgId, email: bucket.email, quarter: bucket.quarter },
        },
        { upsert: true, returnDocument: 'after' },
      ),
    );
    const list = monthCounts.get(bucket.email) ?? [];
    list.push(...countBucket(after?.entries));
    monthCounts.set(bucket.email, list);
    const proposal = recentOfBucket(bucket.quarter, after?.entries);
    if (proposal > (recent.get(bucket.email) ?? '')) recent.set(bucket.email, proposal);
  });

  // The people and the colleague's relationships with them as they are now: their counts rank them for search.
  const { people, relations } = await storePeople(
    db,
    scope,
    points,
    { monthCounts, recent, now },
    concurrency,
  );
  const companyDocs = await storeCompanies(db, scope, points, people);
  await indexStoredBatch(
    db,
    {
      orgId: scope.orgId,
      tenantId: scope.tenantId,
      userId: scope.userId,
      name: scope.colleagueName,
      email: scope.colleagueEmail ?? null,
    },
    colleagueMonthTotals,
    people,
    relations,
    companyDocs,
  );
  return { inserted, colleagueMonthTotals };
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
  // The same message can come twice in one batch (inbox and sent items share an Internet id).
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

/** Adds the batch's message keys to the colleague's month key sets and returns their sizes. */
async function countColleagueMonths(
  db: Db,
  scope: MailboxScope,
  points: ExtractedContactPoint[],
): Promise<Record<string, number>> {
  const byMonth = new Map<string, Set<string>>();
  for (const p of points) {
    const month = monthOf(p.occurredAt);
    const keys = byMonth.get(month) ?? new Set();
    keys.add(p.messageKey);
    byMonth.set(month, keys);
  }
  const totals: Record<string, number> = {};
  await forEachLimited([...byMonth.entries()], concurrency, async ([month, keys]) => {
    const after = await retryDuplicateUpsert(() =>
      colleagueMonths(db).findOneAndUpdate(
        { _id: colleagueMonthId(scope.orgId, scope.userId, month) },
        { $addToSet: { keys: { $each: [...keys] } } },
        { upsert: true, returnDocument: 'after' },
      ),
    );
    totals[month] = after?.keys.length ?? 0;
  });
  return totals;
}

/** Sent and received counts of a bucket per month, in all and per colleague, packed (see packCounts). */
function countBucket(entries: string[] | undefined): MonthCount[] {
  const months = new Map<
    string,
    { s: number; r: number; colleagues: Map<string, { s: number; r: number; first: Date }> }
  >();
  for (const e of bucketEntries(entries)) {
    const month = monthOf(e.at);
    const m = months.get(month) ?? { s: 0, r: 0, colleagues: new Map() };
    const c = m.colleagues.get(e.userId) ?? { s: 0, r: 0, first: e.at };
    const key = e.direction === 'sent' ? 's' : 'r';
    m[key]++;
    c[key]++;
    if (e.at < c.first) c.first = e.at;
    m.colleagues.set(e.userId, c);
    months.set(month, m);
  }
  return [...months].map(([month, m]) => ({
    month,
    total: packCounts(m.s, m.r),
    byColleague: new Map([...m.colleagues].map(([u, c]) => [u, packCounts(c.s, c.r)])),
    firstByColleague: new Map([...m.colleagues].map(([u, c]) => [u, c.first])),
  }));
}

/**
 * Companies of the batch's people: each person's last contact goes into the company's people
 * first, then the company takes their number with `$max`, so its count is never ahead of them and
 * never goes down.
 */
async function storeCompanies(
  db: Db,
  scope: MailboxScope,
  points: ExtractedContactPoint[],
  people: ContactDoc[],
): Promise<CompanyDoc[]> {
  // A company ranks in search as its most active person does: a maximum of monotonic ranks.
  const searchRanks = new Map<string, number>();
  for (const c of people) searchRanks.set(c.domain, Math.max(personRank(c), searchRanks.get(c.domain) ?? 0));
  const perDomain = new Map<string, { first: Date; last: Date; people: Map<string, Date> }>();
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
      const last = seen.people.get(person.email);
      if (!last || p.occurredAt > last) seen.people.set(person.email, p.occurredAt);
      perDomain.set(person.domain, seen);
    }
  }
  const stored: CompanyDoc[] = [];
  await forEachLimited([...perDomain.entries()], concurrency, async ([domain, seen]) => {
    const sizes = await storeCompanyPeople(db, scope.orgId, domain, seen.people);
    const company = await retryDuplicateUpsert(() =>
      companies(db).findOneAndUpdate(
        { _id: companyId(scope.orgId, domain) },
        {
          $setOnInsert: { orgId: scope.orgId, domain },
          $min: { firstContactAt: seen.first },
          $max: {
            lastContactAt: seen.last,
            name: ranked(0, new Date(0), companyNameFromDomain(domain)),
            ...peopleCountsUpdate(sizes),
            searchRank: searchRanks.get(domain) ?? 0,
          },
        },
        { upsert: true, returnDocument: 'after' },
      ),
    );
    if (company) stored.push(company);
  });
  return stored;
}

/**
 * Adds people with their last contact to a company's people, each to the part of their address;
 * returns the size of each part written, for the company's counts.
 */
export async function storeCompanyPeople(
  db: Db,
  orgId: string,
  domain: string,
  lastContacts: Iterable<[email: string, at: Date]>,
): Promise<Map<number, number>> {
  const byPart = new Map<number, Array<[string, Date]>>();
  for (const [email, at] of lastContacts) {
    const part = companyPeoplePartOf(email);
    const list = byPart.get(part) ?? [];
    list.push([email, at]);
    byPart.set(part, list);
  }
  const sizes = new Map<number, number>();
  await forEachLimited([...byPart.entries()], concurrency, async ([part, people]) => {
    const group = await retryDuplicateUpsert(() =>
      companyPeople(db).findOneAndUpdate(
        { _id: companyPeopleId(orgId, domain, part) },
        {
          $max: Object.fromEntries(people.map(([email, at]) => [`seen.${personKey(email)}`, at])),
          $setOnInsert: { orgId, domain, part },
        },
        { upsert: true, returnDocument: 'after' },
      ),
    );
    sizes.set(part, Object.keys(group?.seen ?? {}).length);
  });
  return sizes;
}

/** The company's `$max` of its parts' sizes. */
export const peopleCountsUpdate = (sizes: Map<number, number>) =>
  Object.fromEntries([...sizes].map(([part, n]) => [`peopleCounts.${part}`, n]));
