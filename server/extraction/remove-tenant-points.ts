import type { Db } from 'mongodb';
import { isFreeMailDomain, companyNameFromDomain } from './domains';
import {
  bucketEntries,
  colleagueMonthId,
  colleagueMonths,
  companies,
  companyId,
  companyPeople,
  companyPeopleId,
  companyPeoplePartOf,
  companyPeopleParts,
  contactId,
  contactPointId,
  contactPoints,
  contacts,
  dated,
  monthOf,
  packCounts,
  personKey,
  personOfKey,
  quarterOfMonth,
  ranked,
  recentOfBucket,
  timelineId,
  timelines,
  undate,
  unrank,
  type ContactDoc,
  type ContactPointDoc,
  type TimelineEntry,
} from './documents';
import {
  closedBefore,
  colleagueCap,
  relationshipId,
  relationships,
  summarise,
  totalCounts,
} from './relationships';
import { forEachLimited } from '../db/upserts';
import { personRank } from '../search/index-batch';
import { correctSearchAfterRemoval, searchBeforeRemoval } from '../search/removal';

/**
 * Removes from an organisation the contact points extracted from one tenant's mailboxes, and
 * corrects every read model derived from them, relationship search included, so they equal what
 * the remaining contact points give. The only deletion of contact points the product has: a tenant's own administrator
 * detached the tenant from an organisation (tenants/detach.ts). "Contact points cannot be deleted"
 * protects an organisation's own data; it does not let an organisation keep another's mail.
 *
 * Repeatable: run again, it finds nothing left to remove and recomputes the same values.
 * Signature fields cannot be recomputed (bodies are never stored): a field is kept when its date is
 * that of a message the person sent that remains; others are dropped and come back from the next
 * message read. Writes use `$pullAll`/`$unset` and recompute-then-`$set` on point-addressed documents.
 */

export interface RemovalReport {
  contactPoints: number;
  people: number;
  companies: number;
}

const concurrency = 8;

export async function removeTenantContactPoints(
  db: Db,
  orgId: string,
  tenantId: string,
): Promise<RemovalReport> {
  // A scan: rare, and the only query of contact points by tenant.
  const removed = await contactPoints(db).find({ orgId, tenantId }).toArray();
  if (removed.length === 0) return { contactPoints: 0, people: 0, companies: 0 };
  const users = new Set(removed.map((p) => p.userId));
  const search = await searchBeforeRemoval(db, orgId, removed);
  await contactPoints(db).deleteMany({ orgId, tenantId });

  const colleagueMonthIds = new Set(
    removed.map((p) => colleagueMonthId(orgId, p.userId, monthOf(p.occurredAt))),
  );
  await forEachLimited([...colleagueMonthIds], concurrency, async (id) => {
    await colleagueMonths(db).deleteOne({ _id: id });
  });

  // Timeline buckets lose the entries of the removed colleagues.
  const buckets = new Map<string, Set<string>>();
  for (const p of removed) {
    for (const person of p.external) {
      const id = timelineId(orgId, person.email, quarterOfMonth(monthOf(p.occurredAt)));
      buckets.set(id, (buckets.get(id) ?? new Set()).add(p.userId));
    }
  }
  await forEachLimited([...buckets.keys()], concurrency, async (id) => {
    const bucket = await timelines(db).findOne({ _id: id });
    if (!bucket) return;
    // The entry string may have been written with another subject setting: remove by colleague.
    const gone = bucket.entries.filter((e) => users.has(e.split('|')[1]!));
    if (gone.length === 0) return;
    const after = await timelines(db).findOneAndUpdate(
      { _id: id },
      { $pullAll: { entries: gone } },
      { returnDocument: 'after' },
    );
    if (after && after.entries.length === 0) await timelines(db).deleteOne({ _id: id });
  });

  const people = new Map<string, string>();
  for (const p of removed) for (const person of p.external) people.set(person.email, person.domain);
  const lastContacts = new Map<string, Date | null>();
  await forEachLimited([...people.keys()], concurrency, async (email) => {
    lastContacts.set(email, await recomputeContact(db, orgId, email, users));
  });

  const domains = new Map<string, string[]>();
  for (const [email, domain] of people)
    if (!isFreeMailDomain(domain)) domains.set(domain, [...(domains.get(domain) ?? []), email]);
  await forEachLimited([...domains.entries()], concurrency, async ([domain, emails]) => {
    await recomputeCompany(db, orgId, domain, emails, lastContacts);
  });
  await correctSearchAfterRemoval(db, search);
  return { contactPoints: removed.length, people: people.size, companies: domains.size };
}

/**
 * One person's contact document from what remains; returns their new last contact (null: gone).
 * The removed colleagues' relationships go. The open months are recounted from the person's
 * timeline buckets, which now hold only the remaining colleagues' entries (as storing a page counts
 * them); months already rolled up (over ten years old) lose the removed relationships' share.
 */
async function recomputeContact(
  db: Db,
  orgId: string,
  email: string,
  removedUsers: Set<string>,
): Promise<Date | null> {
  const doc = await contacts(db).findOne({ _id: contactId(orgId, email) });
  const removedRelations = await Promise.all(
    [...removedUsers].map((u) => relationships(db).findOne({ _id: relationshipId(orgId, email, u) })),
  );
  if (!doc) {
    await deleteRelations(db, orgId, email, removedUsers);
    return null;
  }
  const quarters = new Set(Object.keys(doc.months ?? {}).map(quarterOfMonth));
  const cutoff = closedBefore(new Date());
  const remainingEntries: TimelineEntry[] = [];
  for (const quarter of quarters) {
    const bucket = await timelines(db).findOne({ _id: timelineId(orgId, email, quarter) });
    // A quarter's months that are already rolled up are counted in `before`.
    remainingEntries.push(...bucketEntries(bucket?.entries).filter((e) => monthOf(e.at) >= cutoff));
  }
  const counts = new Map<string, { sent: number; received: number }>();
  for (const e of remainingEntries) {
    const c = counts.get(monthOf(e.at)) ?? { sent: 0, received: 0 };
    c[e.direction]++;
    counts.set(monthOf(e.at), c);
  }
  const months = Object.fromEntries([...counts].map(([m, c]) => [m, packCounts(c.sent, c.received)]));
  const closed = totalCounts({}, doc.before);
  for (const rel of removedRelations) {
    const gone = totalCounts({}, rel?.before);
    closed.sent = Math.max(0, closed.sent - gone.sent);
    closed.received = Math.max(0, closed.received - gone.received);
  }
  const hasClosed = closed.sent + closed.received > 0;
  if (remainingEntries.length === 0 && !hasClosed) {
    await contacts(db).deleteOne({ _id: doc._id });
    await deleteRelations(db, orgId, email, removedUsers);
    return null;
  }
  const times = remainingEntries.map((e) => e.at.getTime());
  // Contact before the open months is older than any entry in them: the first contact stays.
  const first = hasClosed ? doc.firstContactAt : new Date(Math.min(...times));
  const last = times.length > 0 ? new Date(Math.max(...times)) : doc.lastContactAt;

  const set: Record<string, unknown> = { months, firstContactAt: first, lastContactAt: last };
  if (doc.before)
    set.before = { through: doc.before.through, counts: packCounts(closed.sent, closed.received) };
  const unset: Record<string, ''> = Object.fromEntries(
    Object.keys(doc.colleagues ?? {})
      .filter((userId) => removedUsers.has(userId))
      .map((userId) => [`colleagues.${userId}`, '' as const]),
  );
  // Colleagues dropped from the summaries for the ones now removed come back while they fit.
  if (doc.colleaguesDropped) {
    const kept = Object.keys(doc.colleagues ?? {}).filter((u) => !removedUsers.has(u));
    const returning = [...new Set(remainingEntries.map((e) => e.userId))].filter(
      (u) => !removedUsers.has(u) && !(u in (doc.colleagues ?? {})),
    );
    for (const userId of returning.slice(0, Math.max(0, colleagueCap - kept.length))) {
      const rel = await relationships(db).findOne({ _id: relationshipId(orgId, email, userId) });
      if (rel?.first) set[`colleagues.${userId}`] = summarise(rel);
    }
  }
  const newestQuarter = quarterOfMonth(monthOf(last));
  const newest = await timelines(db).findOne({ _id: timelineId(orgId, email, newestQuarter) });
  set.recent = recentOfBucket(newestQuarter, newest?.entries);
  const name = await newestName(db, orgId, email, newest?.entries ?? []);
  if (name) set.name = name;
  else unset.name = '';

  // Signature fields survive only when dated by a remaining message from this person.
  const receivedAt = async (at: Date) => {
    const bucket = await timelines(db).findOne({
      _id: timelineId(orgId, email, quarterOfMonth(monthOf(at))),
    });
    return bucketEntries(bucket?.entries).some(
      (e) => e.direction === 'received' && e.at.getTime() === at.getTime(),
    );
  };
  for (const [field, value] of Object.entries(doc.signature ?? {})) {
    const at = undate(value)?.at;
    if (!at || !(await receivedAt(at))) unset[`signature.${field}`] = '';
  }
  if (doc.signatureCheckedAt && !(await receivedAt(new Date(doc.signatureCheckedAt))))
    unset.signatureCheckedAt = '';
  const company = unrank(doc.company);
  if (company?.rank === 1 && unset['signature.company'] !== undefined) {
    if (isFreeMailDomain(doc.domain)) unset.company = '';
    else set.company = ranked(0, new Date(0), companyNameFromDomain(doc.domain));
  }
  await contacts(db).updateOne(
    { _id: doc._id },
    { $set: set, ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}) },
  );
  await deleteRelations(db, orgId, email, removedUsers);
  return last;
}

async function deleteRelations(db: Db, orgId: string, email: string, users: Set<string>): Promise<void> {
  for (const userId of users)
    await relationships(db).deleteOne({ _id: relationshipId(orgId, email, userId) });
}

/** The newest display name among the person's remaining contact points, read newest first. */
async function newestName(db: Db, orgId: string, email: string, entries: string[]): Promise<string | null> {
  for (const entry of bucketEntries(entries).slice(0, 20)) {
    const point = await contactPoints(db).findOne({
      _id: contactPointId(orgId, entry.userId, entry.messageKey),
    });
    const person = point?.external.find((p: ContactPointDoc['external'][number]) => p.email === email);
    if (person?.name && person.name.toLowerCase() !== email) return dated(point!.occurredAt, person.name);
  }
  return null;
}

/** A company's people (in their parts), dates, counts and name from its remaining people. */
async function recomputeCompany(
  db: Db,
  orgId: string,
  domain: string,
  affected: string[],
  lastContacts: Map<string, Date | null>,
): Promise<void> {
  const id = companyId(orgId, domain);
  const changes = new Map<number, { set: Record<string, Date>; unset: Record<string, ''> }>();
  for (const email of affected) {
    const part = companyPeoplePartOf(email);
    const change = changes.get(part) ?? { set: {}, unset: {} };
    const last = lastContacts.get(email);
    if (last) change.set[`seen.${personKey(email)}`] = last;
    else change.unset[`seen.${personKey(email)}`] = '';
    changes.set(part, change);
  }
  await forEachLimited([...changes], concurrency, async ([part, { set, unset }]) => {
    const after = await companyPeople(db).findOneAndUpdate(
      { _id: companyPeopleId(orgId, domain, part) },
      {
        ...(Object.keys(set).length > 0 ? { $set: set } : {}),
        ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
      },
      { returnDocument: 'after' },
    );
    if (after && Object.keys(after.seen ?? {}).length === 0)
      await companyPeople(db).deleteOne({ _id: after._id });
  });
  // The whole company's people, part by part, for its counts and dates.
  const parts = await Promise.all(
    Array.from({ length: companyPeopleParts }, (_, part) =>
      companyPeople(db).findOne({ _id: companyPeopleId(orgId, domain, part) }),
    ),
  );
  const peopleCounts: Record<string, number> = {};
  const group: Record<string, Date> = {};
  for (const doc of parts) {
    if (!doc || doc.part === undefined) continue;
    const size = Object.keys(doc.seen ?? {}).length;
    if (size > 0) peopleCounts[String(doc.part)] = size;
    Object.assign(group, doc.seen);
  }
  const seen = Object.keys(group);
  if (seen.length === 0) {
    await companies(db).deleteOne({ _id: id });
    return;
  }
  const people: Array<ContactDoc | null> = [];
  await forEachLimited(seen, concurrency, async (key) => {
    people.push(await contacts(db).findOne({ _id: contactId(orgId, personOfKey(key)) }));
  });
  const known = people.filter((p): p is ContactDoc => p !== null);
  const names = [
    ranked(0, new Date(0), companyNameFromDomain(domain)),
    ...known.map((p) => p.company ?? '').filter((c) => c.startsWith('1|')),
  ];
  await companies(db).updateOne(
    { _id: id },
    {
      $set: {
        peopleCounts,
        firstContactAt: new Date(Math.min(...known.map((p) => new Date(p.firstContactAt).getTime()))),
        lastContactAt: new Date(Math.max(...Object.values(group).map((d) => new Date(d).getTime()))),
        name: names.sort().pop()!,
        // Search ranks a company as its most active person: recomputed, as their counts were.
        searchRank: Math.max(0, ...known.map(personRank)),
      },
      // A count from before the people were in parts would hold the company's size up.
      $unset: { peopleCount: '' },
    },
  );
}
