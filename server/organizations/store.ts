import type { Db } from 'mongodb';
import { retryDuplicateUpsert } from '../db/upserts';
import type { SettingsView } from '../../shared/api';
import type { ActorRef } from '../audit/log';

/** The customer: one contract, possibly several Entra tenants of one company group. */
export interface OrganizationDoc {
  _id: string;
  name: string;
  createdAt: Date;
  createdBy: ActorRef;
  activityManagement: {
    enabled: boolean;
    enabledAt: Date | null;
    enabledBy: ActorRef | null;
    changedAt: Date | null;
  };
  settings: OrganizationSettings;
}

export type OrganizationSettings = SettingsView;

export const defaultSettings: OrganizationSettings = {
  showEmailActivities: true,
  subjectVisibility: 'full',
  excludedDomains: [],
  excludedAddresses: [],
  backfillDays: 365,
  allowGuests: false,
};

export const organizations = (db: Db) => db.collection<OrganizationDoc>('organizations');

/** An organisation founded by registering its first tenant gets an id derived from it, so a replayed founding is a no-op. */
export function organizationIdFor(foundingTenantId: string): string {
  return `org-${foundingTenantId}`;
}

/** Creates the organisation if it does not exist yet; returns it either way. */
export async function ensureOrganization(
  db: Db,
  id: string,
  name: string,
  actor: ActorRef,
): Promise<OrganizationDoc> {
  const org = await retryDuplicateUpsert(() =>
    organizations(db).findOneAndUpdate(
      { _id: id },
      {
        $setOnInsert: {
          name,
          createdAt: new Date(),
          createdBy: actor,
          activityManagement: { enabled: false, enabledAt: null, enabledBy: null, changedAt: null },
          settings: defaultSettings,
        },
      },
      { upsert: true, returnDocument: 'after' },
    ),
  );
  return org!;
}

export async function getOrganization(db: Db, id: string): Promise<OrganizationDoc | null> {
  return organizations(db).findOne({ _id: id });
}

/** Settings with defaults for anything added after the organisation was created. */
export function settingsOf(org: OrganizationDoc): OrganizationSettings {
  // Only the settings there are today: older documents may hold retired ones (a notification sender).
  const stored: Partial<OrganizationSettings> = org.settings ?? {};
  return Object.fromEntries(
    Object.entries(defaultSettings).map(([key, value]) => [
      key,
      stored[key as keyof OrganizationSettings] ?? value,
    ]),
  ) as OrganizationSettings;
}
