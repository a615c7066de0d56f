import type { Db, IndexDescription } from 'mongodb';
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
  // One ticket per lease taken (_id = {jobId}|{generation}|{epoch}, see sync/leases.ts).
  syncLeaseTickets: [],
  // Rings of per-window counters (_id = the slot): Graph requests granted, backfill claims per minute.
  graphRequestWindows: [],
  syncClaimMinutes: [],
  graphSubscriptions: [],
  // Per mailbox (_id = the integration's), the signatures a stopped run still owed (sync/signature-backlog.ts).
  signatureBacklog: [],
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
export async function ensureCollections(db: Db, log: Logger): Promise<void> {
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
}

/**
 * A change to stored data that a capability owns (it lives there and is listed in
 * server/migrations.ts). It runs until it has succeeded once (its name is then recorded in
 * `migrations`), so it must be safe to repeat, and to run from several processes at once and while
 * workers store pages.
 */
export interface DataMigration {
  name: string;
  run(db: Db, log: Logger): Promise<void>;
}

export async function runDataMigrations(
  db: Db,
  log: Logger,
  migrations: readonly DataMigration[],
): Promise<void> {
  const done = db.collection<{ _id: string; at: Date }>('migrations');
  for (const migration of migrations) {
    if (await done.findOne({ _id: migration.name })) continue;
    await migration.run(db, log);
    await done.updateOne({ _id: migration.name }, { $setOnInsert: { at: new Date() } }, { upsert: true });
  }
}
