import type { Db } from 'mongodb';
import { isFreeMailDomain, companyNameFromDomain } from './domains';
import {
  bucketEntries,
  colleagueMonthId,
  colleagueMonths,
  companies,
  companyId,
  companyPeople,
  contactId,
  contactPointId,
  contactPoints,
  contacts,
  dated,
  monthOf,
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
} from './documents';
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

/** One person's contact document from what remains; returns their new last contact (null: gone). */
async function recomputeContact(
  db: Db,
  orgId: string,
  email: string,
  removedUsers: Set<string>,
): Promise<Date | null> {
  const doc = await contacts(db).findOne({ _id: contactId(orgId, email) });
  if (!doc) return null;
  const remaining = Object.entries(doc.colleagues ?? {}).filter(([userId]) => !removedUsers.has(userId));
  if (remaining.length === 0) {
    await contacts(db).deleteOne({ _id: doc._id });
    return null;
  }
  const months: Record<string, number> = {};
  for (const [, colleague] of remaining)
    for (const [month, packed] of Object.entries(colleague.months ?? {}))
      months[month] = (months[month] ?? 0) + packed;
  const first = new Date(Math.min(...remaining.map(([, c]) => new Date(c.first).getTime())));
  const last = new Date(Math.max(...remaining.map(([, c]) => new Date(c.last).getTime())));

  const newestQuarter = quarterOfMonth(monthOf(last));
  const newest = await timelines(db).findOne({ _id: timelineId(orgId, email, newestQuarter) });
  const set: Record<string, unknown> = { months, firstContactAt: first, lastContactAt: last };
  const unset: Record<string, ''> = Object.fromEntries(
    Object.keys(doc.colleagues ?? {})
      .filter((userId) => removedUsers.has(userId))
      .map((userId) => [`colleagues.${userId}`, '' as const]),
  );
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
  return last;
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

/** A company's people, dates, count and name from its remaining people. */
async function recomputeCompany(
  db: Db,
  orgId: string,
  domain: string,
  affected: string[],
  lastContacts: Map<string, Date | null>,
): Promise<void> {
  const id = companyId(orgId, domain);
  const set: Record<string, unknown> = {};
  const unset: Record<string, ''> = {};
  for (const email of affected) {
    const last = lastContacts.get(email);
    if (last) set[`seen.${personKey(email)}`] = last;
    else unset[`seen.${personKey(email)}`] = '';
  }
  const group = await companyPeople(db).findOneAndUpdate(
    { _id: id },
    {
      ...(Object.keys(set).length > 0 ? { $set: set } : {}),
      ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
    },
    { returnDocument: 'after' },
  );
  const seen = Object.keys(group?.seen ?? {});
  if (seen.length === 0) {
    await companyPeople(db).deleteOne({ _id: id });
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
        peopleCount: seen.length,
        firstContactAt: new Date(Math.min(...known.map((p) => new Date(p.firstContactAt).getTime()))),
        lastContactAt: new Date(Math.max(...Object.values(group!.seen).map((d) => new Date(d).getTime()))),
        name: names.sort().pop()!,
        // Search ranks a company as its most active person: recomputed, as their counts were.
        searchRank: Math.max(0, ...known.map(personRank)),
      },
    },
  );
}
