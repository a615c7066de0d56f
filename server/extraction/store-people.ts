import type { Db } from 'mongodb';
import { forEachLimited, retryDuplicateUpsert } from '../db/upserts';
import type { ColleagueRelation } from '../search/index-batch';
import type { ExtractedContactPoint } from './contact-points';
import { contactId, contacts, dated, ranked, type ContactDoc } from './documents';
import { companyNameFromDomain, isFreeMailDomain } from './domains';
import {
  capColleagues,
  relationshipId,
  relationships,
  rollUpClosedMonths,
  summarise,
  type RelationshipDoc,
} from './relationships';

/** A bucket's counts of one month: packed, in all and per colleague (see store-page.ts). */
export interface MonthCount {
  month: string;
  total: number;
  byColleague: Map<string, number>;
  /** Per colleague, the time of their earliest entry of the month in the bucket. */
  firstByColleague: Map<string, Date>;
}

export interface PeopleScope {
  orgId: string;
  tenantId: string;
  userId: string;
  colleagueName: string;
}

interface Seen {
  domain: string;
  first: Date;
  last: Date;
  name?: { at: Date; value: string };
}

/**
 * The batch's people: for each, the mailbox owner's relationship document first (its months are the
 * owner's counts recounted from the buckets, `$max`), then the contact, which takes the organisation's
 * month counts, the newest entries and the owner's summary of that relationship, all with `$max`.
 * Both come back as stored; a contact holding closed months or more than the colleague cap is then
 * compacted (relationships.ts). Exact under replay and concurrent writers, as before: every value
 * is a recount or a dated string that only grows. Returns the contacts as stored and the owner's
 * relationships with them, for search.
 */
export async function storePeople(
  db: Db,
  scope: PeopleScope,
  points: ExtractedContactPoint[],
  batch: { monthCounts: Map<string, MonthCount[]>; recent: Map<string, string>; now: Date },
  concurrency: number,
): Promise<{ people: ContactDoc[]; relations: ColleagueRelation[] }> {
  const { monthCounts, recent, now } = batch;
  const people: ContactDoc[] = [];
  const relations: ColleagueRelation[] = [];
  await forEachLimited([...seenPeople(points).entries()], concurrency, async ([email, seen]) => {
    const counts = monthCounts.get(email) ?? [];
    const rel = await storeRelationship(db, scope, email, seen, counts, now);
    relations.push({ email, domain: seen.domain, months: rel.months });
    const contact = await storeContact(db, scope, email, seen, counts, recent.get(email), summarise(rel));
    if (contact) {
      people.push(await rollUpClosedMonths(contacts(db), contact, now));
      // A new colleague, or one dropped earlier and heard from again, may take the contact over the cap.
      await capColleagues(contacts(db) as never, contact as never);
    }
  });
  return { people, relations };
}

function seenPeople(points: ExtractedContactPoint[]): Map<string, Seen> {
  const perPerson = new Map<string, Seen>();
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
  return perPerson;
}

async function storeRelationship(
  db: Db,
  scope: PeopleScope,
  email: string,
  seen: Seen,
  counts: MonthCount[],
  now: Date,
): Promise<RelationshipDoc> {
  const max: Record<string, unknown> = { last: seen.last };
  // The first contact covers every entry the months are recounted from, other batches' included
  // (the other folder stores side by side): counts and first then move together, and the summary's
  // `$max` on the contact cannot keep a later "first" beside the same counts.
  let first = seen.first;
  for (const m of counts) {
    const own = m.byColleague.get(scope.userId);
    if (own !== undefined) max[`months.${m.month}`] = own;
    const earliest = m.firstByColleague.get(scope.userId);
    if (earliest && earliest < first) first = earliest;
  }
  const stored = await retryDuplicateUpsert(() =>
    relationships(db).findOneAndUpdate(
      { _id: relationshipId(scope.orgId, email, scope.userId) },
      {
        $setOnInsert: { orgId: scope.orgId, email, userId: scope.userId },
        $set: { name: scope.colleagueName, tenantId: scope.tenantId },
        $min: { first },
        $max: max,
      },
      { upsert: true, returnDocument: 'after' },
    ),
  );
  return rollUpClosedMonths(relationships(db), stored!, now);
}

async function storeContact(
  db: Db,
  scope: PeopleScope,
  email: string,
  seen: Seen,
  counts: MonthCount[],
  newest: string | undefined,
  summary: string,
): Promise<ContactDoc | null> {
  const max: Record<string, unknown> = {
    lastContactAt: seen.last,
    [`colleagues.${scope.userId}`]: summary,
  };
  for (const m of counts) max[`months.${m.month}`] = m.total;
  if (newest) max.recent = newest;
  if (seen.name) max.name = dated(seen.name.at, seen.name.value);
  if (!isFreeMailDomain(seen.domain))
    max.company = ranked(0, new Date(0), companyNameFromDomain(seen.domain));
  return retryDuplicateUpsert(() =>
    contacts(db).findOneAndUpdate(
      { _id: contactId(scope.orgId, email) },
      {
        $setOnInsert: { orgId: scope.orgId, email, domain: seen.domain },
        $min: { firstContactAt: seen.first },
        $max: max,
      },
      { upsert: true, returnDocument: 'after' },
    ),
  );
}
