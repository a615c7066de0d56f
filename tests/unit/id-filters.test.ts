import path from 'node:path';
import { conditionalIdFilters } from '../support/id-filters';

/**
 * ARCHITECTURE.md §4: hot documents are addressed by `_id` — and on the embedded database that
 * means a filter of exactly `{ _id }`. A filter naming `_id` and anything more reads the whole
 * collection (175 ms per write at 1,000 integrations, against 2 ms; `npm run bench:fleet`,
 * section D), so each such filter in server/ must be one of the cases below, where the collection
 * is tiny or the call is rare (an admin's action, a consent step, a migration). A write of a sync
 * run or of extraction that needs a condition checks it on the before-image instead
 * (server/db/held-update.ts).
 */
const allowed: Record<string, string> = {
  // Admin actions and consent steps: a few per organisation and day.
  'server/admin/routes.ts › changed': 'enabling or disabling the function',
  'server/integrations/lifecycle.ts › startIntegrations': 'restarting an unlinked mailbox',
  'server/integrations/lifecycle.ts › unlinkIntegration': 'an admin unlinking a mailbox',
  'server/integrations/lifecycle.ts › updated': 'an admin unlinking a mailbox',
  'server/tenants/confirm-join.ts › completeJoin': 'a tenant admin confirming',
  'server/tenants/confirm-join.ts › taken': 'a tenant admin confirming',
  'server/tenants/consent-flow.ts › bound': 'a consent step',
  'server/tenants/consent-flow.ts › moved': 'a consent step',
  'server/tenants/consent-flow.ts › taken': 'a consent step',
  'server/tenants/detach.ts › names': 'a tenant admin detaching',
  'server/tenants/detach.ts › detachTenant': 'a tenant admin detaching',
  'server/workspaces/detach.ts › removed': 'detaching a Workspace',
  'server/workspaces/detach.ts › detachWorkspace': 'detaching a Workspace',
  'server/audit/retention.ts › result': 'a daily range delete on the audit log',
  'server/sync/leases.ts › dropped': 'a job whose mailbox was unlinked under it',
  // Rings of at most ten documents.
  'server/sync/queue-estimate.ts › counted': 'ten per-minute counters',
  'server/sync/queue-estimate.ts › reset': 'ten per-minute counters',
  'server/sync/queue-estimate.ts › recordClaim': 'ten per-minute counters',
  'server/sync/request-budget.ts › doc': 'six per-window counters',
  'server/sync/request-budget.ts › reset': 'six per-window counters',
  // Once per document when its colleagues pass the cap or a month leaves the ten-year window.
  'server/extraction/relationships.ts › updated': 'rolling up months older than the longest backfill',
  'server/extraction/relationships.ts › capColleagues': 'dropping colleagues beyond the cap of 50 (+10)',
  'server/extraction/colleague-summaries-migration.ts › run': 'a one-off data migration',
};

describe('filters that name _id', () => {
  const found = conditionalIdFilters(path.resolve(__dirname, '../..'), 'server');

  it('finds the conditional filters it is meant to (the detector itself works)', () => {
    expect(found.map((f) => f.where)).toEqual(
      expect.arrayContaining(['server/sync/leases.ts › dropped', 'server/sync/request-budget.ts › doc']),
    );
  });

  it('address documents by _id alone, except where the collection is tiny or the call rare', () => {
    const unexplained = found.filter((f) => !(f.where in allowed)).map((f) => `${f.where}: ${f.text}`);
    expect(unexplained).toEqual([]);
  });

  it('lists no exception that no longer exists', () => {
    const present = new Set(found.map((f) => f.where));
    expect(Object.keys(allowed).filter((where) => !present.has(where))).toEqual([]);
  });
});
