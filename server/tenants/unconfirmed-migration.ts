import type { DataMigration } from '../db/schema';
import { tenants } from './store';

/**
 * Registrations nobody proved (an admin of another tenant typed the ID, no consent followed) once
 * sat in `tenants` and locked the tenant for everyone else. A tenant now joins only when its own
 * admin confirms, and a request lives apart per organisation: those records go; their
 * organisations ask again if they still want the tenant.
 */
export const unconfirmedTenantsMigration: DataMigration = {
  name: 'unconfirmed-tenants',
  async run(db, log) {
    const dropped = await tenants(db).deleteMany({ ownershipProven: false });
    if (dropped.deletedCount)
      log.info({ tenants: dropped.deletedCount }, 'dropped unconfirmed tenant registrations');
  },
};
