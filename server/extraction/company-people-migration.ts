import type { DataMigration } from '../db/schema';
import { companies, companyId, companyPeople, contactId, contacts, personOfKey } from './documents';
import { peopleCountsUpdate, storeCompanyPeople } from './store-page';

/**
 * Companies once held their people's addresses themselves; they now live in companyPeople with
 * each person's last contact (from their contact), and the company keeps a count. Safe to run
 * twice or from several processes while workers store pages: people are added there before they
 * leave the company, and every value is written with `$max`.
 */
export const companyPeopleMigration: DataMigration = {
  name: 'company-people',
  async run(db, log) {
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
    if (moved) log.info({ companies: moved }, 'moved company people into companyPeople');
  },
};

/**
 * A company's people were one document; they are now in parts (documents.ts). Each whole document
 * is stored again part by part (`$max`, so writers meanwhile lose nothing), the company takes the
 * parts' sizes, and only then the whole document goes.
 */
export const companyPeoplePartsMigration: DataMigration = {
  name: 'company-people-parts',
  async run(db, log) {
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
    if (split) log.info({ companies: split }, "split companies' people into parts");
  },
};
