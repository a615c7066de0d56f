import type { Db } from 'mongodb';
import { ensureCollections, runDataMigrations, type DataMigration } from './db/schema';
import { colleagueSummariesMigration } from './extraction/colleague-summaries-migration';
import { companyPeopleMigration, companyPeoplePartsMigration } from './extraction/company-people-migration';
import type { Logger } from './log';
import { unconfirmedTenantsMigration } from './tenants/unconfirmed-migration';

/**
 * The data migrations of every capability, in the order they were added; each lives with the
 * capability whose documents it changes, so the database layer knows collections only.
 */
export const dataMigrations: readonly DataMigration[] = [
  companyPeopleMigration,
  companyPeoplePartsMigration,
  colleagueSummariesMigration,
  unconfirmedTenantsMigration,
];

/**
 * Run by the API server, the workers and the backup tool at start: creates missing collections
 * and indexes, then runs the data migrations not yet done. Safe to run on every start and from
 * several processes at once.
 */
export async function migrate(db: Db, log: Logger): Promise<void> {
  await ensureCollections(db, log);
  await runDataMigrations(db, log, dataMigrations);
}
