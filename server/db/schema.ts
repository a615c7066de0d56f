import type { Db, IndexDescription } from 'mongodb';
import {
  companies,
  companyId,
  companyPeople,
  contactId,
  contacts,
  personOfKey,
} from '../extraction/documents';
import { relationshipId, relationships, summarise, type LegacyColleague } from '../extraction/relationships';
import { peopleCountsUpdate, storeCompanyPeople } from '../extraction/store-page';
import type { Logger } from '../log';

/**
 * The collections of ARCHITECTURE.md §4 and their secondary indexes.
 *
 * Hot documents carry deterministic composite `_id`s ("{orgId}|{email}", …) and are read by `_id`
 * only: the embedded database serves nothing else without a full scan. Secondary indexes here
 * enforce uniqueness and speed up the small collections; on MongoDB they speed up everything.
 */
export const collectionIndexes: Record<string, IndexDescription[]> = {
  organizations: [],
  tenants: [{ key: { orgId: 1 }, name: 'orgId' }],
  workspaces: [{ key: { orgId: 1 }, name: 'orgId' }],
  workspaceSignIns: [{ key: { expiresAt: 1 }, name: 'expiresAt_ttl', expireAfterSeconds: 0 }],
  // The browser-bound consent flows (_id = OAuth state) and organisations' open requests for tenants.
  consentRequests: [{ key: { expiresAt: 1 }, name: 'expiresAt_ttl', expireAfterSeconds: 0 }],
  tenantRequests: [
    { key: { orgId: 1 }, name: 'orgId' },
    { key: { tenantId: 1 }, name: 'tenantId' },
  ],
  // Tenants their own admins detached, per (organisation, tenant): _id = {orgId}|{tenantId}.
  tenantDepartures: [{ key: { orgId: 1 }, name: 'orgId' }],
  integrations: [{ key: { orgId: 1, tenantId: 1, status: 1 }, name: 'org_tenant_status' }],
  syncJobs: [{ key: { dueAt: 1 }, name: 'dueAt' }],
  // Rings of per-window counters (_id = the slot): Graph requests granted, backfill claims per minute.
  graphRequestWindows: [],
  syncClaimMinutes: [],
  graphSubscriptions: [],
  // _id = {orgId}|{userId}|{messageKey}: unique per organisation, colleague and message.
  contactPoints: [{ key: { orgId: 1, userId: 1, occurredAt: -1 }, name: 'org_user_occurredAt' }],
  // The read models are addressed by _id only ({orgId}|{email}, {orgId}|{domain}, {orgId}|{email}|{month},
  // relationships {orgId}|{email}|{userId}).
  contacts: [],
  relationships: [],
  companies: [],
  companyPeople: [],
  timelines: [],
  colleagueMonths: [],
  // Relationship search: prefix buckets ({orgId}|{kind}|{prefix}) and colleagues ({orgId}|{userId}).
  searchIndex: [],
  colleagueNetworks: [],
  auditLog: [{ key: { orgId: 1, _id: -1 }, name: 'org_newest' }],
  // Data migrations done: _id = the migration's name.
  migrations: [],
};

/**
 * Creates missing collections and indexes. Safe to run on every start and from several processes
 * at once: existing collections and identical indexes are left alone.
 */
export async function migrate(db: Db, log: Logger): Promise<void> {
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  for (const [name, indexes] of Object.entries(collectionIndexes)) {
    if (!existing.has(name)) {
      await db.createCollection(name).catch((err: { codeName?: string }) => {
        if (err.codeName !== 'NamespaceExists') throw err; // another process created it first
      });
    }
    for (const index of indexes) {
      try {
        await db.collection(name).createIndexes([index]);
      } catch (err) {
        // Servers without TTL support (the embedded one) keep the field; expired documents are
        // then ignored in code and swept by the owner of the collection.
        if (index.expireAfterSeconds !== undefined && /expireAfterSeconds/.test(String(err))) {
          log.debug(
            { collection: name, index: index.name },
            'TTL indexes not supported by this server; skipping',
          );
          continue;
        }
        throw err;
      }
    }
  }
  await moveCompanyPeople(db, log);
  await splitCompanyPeople(db, log);
  await summariseColleagues(db, log);
  await dropUnconfirmedTenants(db, log);
}

/**
 * A company's people were one document; they are now in parts (extraction/documents.ts). Each
 * whole document is stored again part by part (`$max`, so writers meanwhile lose nothing), the
 * company takes the parts' sizes, and only then the whole document goes.
 */
async function splitCompanyPeople(db: Db, log: Logger): Promise<void> {
  const done = db.collection<{ _id: string; at: Date }>('migrations');
  if (await done.findOne({ _id: 'company-people-parts' })) return;
  let split = 0;
  for await (const whole of companyPeople(db).find({})) {
    if (whole.part !== undefined) continue;
    const people = Object.entries(whole.seen ?? {}).map(
      ([key, at]) => [personOfKey(key), at] as [string, Date],
    );
    const sizes = await storeCompanyPeople(db, whole.orgId, whole.domain, people);
    await companies(db).updateOne(
      { _id: companyId(whole.orgId, whole.domain) },
      { $max: peopleCountsUpdate(sizes) },
    );
    await companyPeople(db).deleteOne({ _id: whole._id });
    split++;
  }
  await done.updateOne(
    { _id: 'company-people-parts' },
    { $setOnInsert: { at: new Date() } },
    { upsert: true },
  );
  if (split) log.info({ companies: split }, "split companies' people into parts");
}

/**
 * Contacts once kept every colleague's months themselves; each colleague's history now lives in a
 * relationship document and the contact keeps a summary of it (extraction/relationships.ts). Safe to
 * run twice or from several processes while workers store pages: relationships take the legacy
 * months with `$max`, and a legacy entry is replaced only while it is still the one that was read.
 */
async function summariseColleagues(db: Db, log: Logger): Promise<void> {
  const done = db.collection<{ _id: string; at: Date }>('migrations');
  if (await done.findOne({ _id: 'colleague-summaries' })) return;
  let converted = 0;
  for await (const contact of contacts(db).find({})) {
    for (const [userId, value] of Object.entries(contact.colleagues ?? {})) {
      if (typeof value === 'string') continue;
      const legacy = value as LegacyColleague;
      const months = Object.fromEntries(
        Object.entries(legacy.months ?? {}).map(([m, n]) => [`months.${m}`, n]),
      );
      if (!(legacy.first instanceof Date) || !(legacy.last instanceof Date)) {
        // Counts another colleague's page wrote before this colleague's own page was stored: that
        // page is stored again (its cursor had not moved) and writes the rest of the relationship.
        await relationships(db).updateOne(
          { _id: relationshipId(contact.orgId, contact.email, userId) },
          { $setOnInsert: { orgId: contact.orgId, email: contact.email, userId }, $max: months },
          { upsert: true },
        );
        await contacts(db).updateOne(
          { _id: contact._id, [`colleagues.${userId}`]: value },
          { $unset: { [`colleagues.${userId}`]: '' } },
        );
        continue;
      }
      const rel = await relationships(db).findOneAndUpdate(
        { _id: relationshipId(contact.orgId, contact.email, userId) },
        {
          $setOnInsert: {
            orgId: contact.orgId,
            email: contact.email,
            userId,
            name: legacy.name,
            tenantId: legacy.tenantId,
          },
          $min: { first: legacy.first },
          $max: { last: legacy.last, ...months },
        },
        { upsert: true, returnDocument: 'after' },
      );
      await contacts(db).updateOne(
        { _id: contact._id, [`colleagues.${userId}`]: value },
        { $set: { [`colleagues.${userId}`]: summarise(rel!) } },
      );
      converted++;
    }
  }
  await done.updateOne(
    { _id: 'colleague-summaries' },
    { $setOnInsert: { at: new Date() } },
    { upsert: true },
  );
  if (converted) log.info({ relationships: converted }, 'moved colleagues of contacts into relationships');
}

/**
 * Registrations nobody proved (an admin of another tenant typed the ID, no consent followed) once
 * sat in `tenants` and locked the tenant for everyone else. A tenant now joins only when its own
 * admin confirms, and a request lives apart per organisation: those records go; their
 * organisations ask again if they still want the tenant.
 */
async function dropUnconfirmedTenants(db: Db, log: Logger): Promise<void> {
  const done = db.collection<{ _id: string; at: Date }>('migrations');
  if (await done.findOne({ _id: 'unconfirmed-tenants' })) return;
  const dropped = await db.collection('tenants').deleteMany({ ownershipProven: false });
  await done.updateOne(
    { _id: 'unconfirmed-tenants' },
    { $setOnInsert: { at: new Date() } },
    { upsert: true },
  );
  if (dropped.deletedCount)
    log.info({ tenants: dropped.deletedCount }, 'dropped unconfirmed tenant registrations');
}

/**
 * Companies once held their people's addresses themselves; they now live in companyPeople with
 * each person's last contact (from their contact), and the company keeps a count. Safe to run
 * twice or from several processes while workers store pages: people are added there before they
 * leave the company, and every value is written with `$max`.
 */
async function moveCompanyPeople(db: Db, log: Logger): Promise<void> {
  const done = db.collection<{ _id: string; at: Date }>('migrations');
  if (await done.findOne({ _id: 'company-people' })) return;
  const legacy = db.collection<{ _id: string; orgId: string; domain: string; people?: string[] }>(
    'companies',
  );
  let moved = 0;
  for (;;) {
    // Batches read afresh, so documents changed under a cursor are neither missed nor repeated.
    const batch = await legacy
      .find({ people: { $exists: true } })
      .limit(100)
      .toArray();
    if (batch.length === 0) break;
    for (const company of batch) {
      const lastContacts: Array<[string, Date]> = [];
      for (const email of company.people ?? []) {
        const contact = await contacts(db).findOne({ _id: contactId(company.orgId, email) });
        lastContacts.push([email, contact?.lastContactAt ?? new Date(0)]);
      }
      const sizes = await storeCompanyPeople(db, company.orgId, company.domain, lastContacts);
      await legacy.updateOne(
        { _id: company._id },
        { $max: peopleCountsUpdate(sizes), $unset: { people: '' } },
      );
      moved++;
    }
  }
  await done.updateOne({ _id: 'company-people' }, { $setOnInsert: { at: new Date() } }, { upsert: true });
  if (moved) log.info({ companies: moved }, 'moved company people into companyPeople');
}
