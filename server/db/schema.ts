import type { Db, IndexDescription } from 'mongodb';
import { contactId, contacts } from '../extraction/documents';
import { storeCompanyPeople } from '../extraction/store-page';
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
  graphSubscriptions: [],
  // _id = {orgId}|{userId}|{messageKey}: unique per organisation, colleague and message.
  contactPoints: [{ key: { orgId: 1, userId: 1, occurredAt: -1 }, name: 'org_user_occurredAt' }],
  // The read models are addressed by _id only ({orgId}|{email}, {orgId}|{domain}, {orgId}|{email}|{month}).
  contacts: [],
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
  await dropUnconfirmedTenants(db, log);
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
      const peopleCount = await storeCompanyPeople(db, company.orgId, company.domain, lastContacts);
      await legacy.updateOne({ _id: company._id }, { $max: { peopleCount }, $unset: { people: '' } });
      moved++;
    }
  }
  await done.updateOne({ _id: 'company-people' }, { $setOnInsert: { at: new Date() } }, { upsert: true });
  if (moved) log.info({ companies: moved }, 'moved company people into companyPeople');
}
