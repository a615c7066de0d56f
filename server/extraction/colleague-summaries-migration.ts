import type { DataMigration } from '../db/schema';
import { contacts } from './documents';
import { relationshipId, relationships, summarise, type LegacyColleague } from './relationships';

/**
 * Contacts once kept every colleague's months themselves; each colleague's history now lives in a
 * relationship document and the contact keeps a summary of it (relationships.ts). Safe to run
 * twice or from several processes while workers store pages: relationships take the legacy months
 * with `$max`, and a legacy entry is replaced only while it is still the one that was read.
 */
export const colleagueSummariesMigration: DataMigration = {
  name: 'colleague-summaries',
  async run(db, log) {
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
    if (converted) log.info({ relationships: converted }, 'moved colleagues of contacts into relationships');
  },
};
