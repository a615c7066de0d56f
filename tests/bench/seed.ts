/**
 * Seeding for the read-path benchmarks: an organisation's contact points with the read models
 * extraction writes for them (timelines, contacts, companies, companies' people), in bulk.
 * Used by `bench:lookup` and `bench:search`.
 */
import type { Db } from 'mongodb';
import {
  companies,
  companyId,
  companyPeople,
  companyPeopleId,
  companyPeoplePartOf,
  contactId,
  contactPointId,
  contactPoints,
  contacts,
  dated,
  packCounts,
  personKey,
  personOfKey,
  quarterOfMonth,
  ranked,
  recentOfBucket,
  timelineEntry,
  timelineId,
  timelines,
  unpackCounts,
  type CompanyDoc,
  type CompanyPeopleDoc,
  type ContactDoc,
  type ContactPointDoc,
  type TimelineDoc,
} from '../../server/extraction/documents';
import {
  relationshipId,
  relationships,
  summarise,
  type LegacyColleague,
  type RelationshipDoc,
} from '../../server/extraction/relationships';

/** A deterministic pseudo-random sequence, so every run stores the same data. */
export function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const months = Array.from({ length: 24 }, (_, i) => {
  const d = new Date(Date.UTC(2026, 10 - i, 1));
  return d.toISOString().slice(0, 7);
});

/** Who the c-th person is: lookup's default is "Person c" at one of contactCount / 10 companies. */
export type PersonOf = (
  c: number,
  contactCount: number,
) => { email: string; name: string; domain: string; company: string };

export const numberedPerson: PersonOf = (c, contactCount) => {
  const k = c % Math.ceil(contactCount / 10);
  const domain = `company${k}.example.com`;
  return { email: `person${c}@${domain}`, name: `Person ${c}`, domain, company: `Company ${k}` };
};

export interface SeedOptions {
  orgId: string;
  tenantId: string;
  colleagues: Array<{ id: string; name: string }>;
  totalPoints: number;
  contactCount: number;
  personOf?: PersonOf;
}

/**
 * Stores about `totalPoints` contact points with `contactCount` people, heavy-tailed (a few people
 * with thousands of contact points, most with a handful), deterministic. Returns how many were
 * stored and each colleague's contact points per month.
 */
export async function seedContactPoints(
  db: Db,
  { orgId, tenantId, colleagues, totalPoints, contactCount, personOf = numberedPerson }: SeedOptions,
): Promise<{ stored: number; colleagueMonths: Map<string, Record<string, number>> }> {
  const colleagueMonths = new Map(colleagues.map((c) => [c.id, {} as Record<string, number>]));
  const next = random(7);
  // Heavy-tailed: a few people with thousands of contact points, most with a handful.
  const weights = Array.from({ length: contactCount }, (_, i) => 1 / (1 + i) ** 0.8);
  const scale = totalPoints / weights.reduce((a, b) => a + b, 0);
  let stored = 0;
  let pending: {
    points: ContactPointDoc[];
    buckets: TimelineDoc[];
    contacts: ContactDoc[];
    relationships: RelationshipDoc[];
    companies: Map<string, CompanyDoc>;
    groups: Map<string, CompanyPeopleDoc>;
  } = {
    points: [],
    buckets: [],
    contacts: [],
    relationships: [],
    companies: new Map(),
    groups: new Map(),
  };
  const flush = async () => {
    if (pending.points.length) await contactPoints(db).insertMany(pending.points, { ordered: false });
    if (pending.buckets.length) await timelines(db).insertMany(pending.buckets, { ordered: false });
    if (pending.contacts.length) await contacts(db).insertMany(pending.contacts, { ordered: false });
    if (pending.relationships.length)
      await relationships(db).insertMany(pending.relationships, { ordered: false });
    pending = {
      points: [],
      buckets: [],
      contacts: [],
      relationships: [],
      companies: pending.companies,
      groups: pending.groups,
    };
  };
  const started = Date.now();
  for (let c = 0; c < contactCount; c++) {
    const person = personOf(c, contactCount);
    const { email, domain } = person;
    const n = Math.max(1, Math.round(weights[c]! * scale));
    const contact: ContactDoc = {
      _id: contactId(orgId, email),
      orgId,
      email,
      domain,
      name: dated(new Date(), person.name),
      company: ranked(0, new Date(0), person.company),
      firstContactAt: new Date(),
      lastContactAt: new Date(0),
      months: {},
      colleagues: {},
    };
    // Each colleague's history with the person: a relationship document, summarised on the contact.
    const colleagueHistory: Record<string, LegacyColleague> = {};
    const buckets = new Map<string, TimelineDoc>();
    for (let i = 0; i < n; i++) {
      const month = months[Math.floor(next() ** 2 * months.length)]!;
      const at = new Date(`${month}-${String(1 + Math.floor(next() * 27)).padStart(2, '0')}T09:00:00Z`);
      const colleague = colleagues[Math.floor(next() * colleagues.length)]!;
      const direction = next() < 0.45 ? 'sent' : 'received';
      const messageKey = `m${c}x${i}`;
      const totals = colleagueMonths.get(colleague.id)!;
      totals[month] = (totals[month] ?? 0) + 1;
      pending.points.push({
        _id: contactPointId(orgId, colleague.id, messageKey),
        orgId,
        tenantId,
        userId: colleague.id,
        messageKey,
        graphMessageId: messageKey,
        internetMessageId: `<${messageKey}@bench>`,
        conversationId: null,
        occurredAt: at,
        direction,
        external: [{ email, name: person.name, domain }],
        subject: `Subject ${i}`,
        storedAt: new Date(),
      });
      const quarter = quarterOfMonth(month);
      let bucket = buckets.get(quarter);
      if (!bucket)
        buckets.set(
          quarter,
          (bucket = { _id: timelineId(orgId, email, quarter), orgId, email, quarter, entries: [] }),
        );
      bucket.entries.push(
        timelineEntry({ at, userId: colleague.id, messageKey, direction, subject: `Subject ${i}` }),
      );
      const add = (counts: Record<string, number>) => {
        const c = unpackCounts(counts[month]);
        counts[month] =
          direction === 'sent' ? packCounts(c.sent + 1, c.received) : packCounts(c.sent, c.received + 1);
      };
      add(contact.months);
      const rel = (colleagueHistory[colleague.id] ??= {
        name: colleague.name,
        tenantId,
        first: at,
        last: at,
        months: {},
      });
      add(rel.months);
      if (at < rel.first) rel.first = at;
      if (at > rel.last) rel.last = at;
      if (at < contact.firstContactAt) contact.firstContactAt = at;
      if (at > contact.lastContactAt) contact.lastContactAt = at;
    }
    for (const [userId, history] of Object.entries(colleagueHistory)) {
      const rel = { ...history, _id: relationshipId(orgId, email, userId), orgId, email, userId };
      pending.relationships.push(rel);
      contact.colleagues[userId] = summarise(rel);
    }
    const newest = [...buckets.values()].sort((a, b) => b.quarter.localeCompare(a.quarter))[0]!;
    contact.recent = recentOfBucket(newest.quarter, newest.entries);
    pending.buckets.push(...buckets.values());
    pending.contacts.push(contact);
    const company = pending.companies.get(domain) ?? {
      _id: companyId(orgId, domain),
      orgId,
      domain,
      name: contact.company!,
      peopleCount: 0,
      firstContactAt: contact.firstContactAt,
      lastContactAt: contact.lastContactAt,
    };
    company.peopleCount = (company.peopleCount ?? 0) + 1;
    pending.companies.set(domain, company);
    const group = pending.groups.get(domain) ?? { _id: company._id, orgId, domain, seen: {} };
    group.seen[personKey(email)] = contact.lastContactAt;
    pending.groups.set(domain, group);
    stored += n;
    if (pending.points.length >= 20_000) {
      await flush();
      process.stdout.write(
        `\r  stored ${stored.toLocaleString('en')} contact points (${Math.round((stored / (Date.now() - started)) * 1000)}/s)…`,
      );
    }
  }
  await flush();
  await companies(db).insertMany([...pending.companies.values()], { ordered: false });
  await companyPeople(db).insertMany([...pending.groups.values()].flatMap(inParts), { ordered: false });
  process.stdout.write('\n');
  return { stored, colleagueMonths };
}

/** A company's people as the store keeps them: in parts by a hash of the address. */
export function inParts(group: CompanyPeopleDoc): CompanyPeopleDoc[] {
  const parts = new Map<number, CompanyPeopleDoc>();
  for (const [key, at] of Object.entries(group.seen)) {
    const part = companyPeoplePartOf(personOfKey(key));
    const doc = parts.get(part) ?? {
      _id: companyPeopleId(group.orgId, group.domain, part),
      orgId: group.orgId,
      domain: group.domain,
      part,
      seen: {},
    };
    doc.seen[key] = at;
    parts.set(part, doc);
  }
  return [...parts.values()];
}
