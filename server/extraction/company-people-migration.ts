import type { DataMigration } from '../db/schema';
import { contactId, contacts } from './documents';
import { storeCompanyPeople } from './store-page';

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
        const peopleCount = await storeCompanyPeople(db, company.orgId, company.domain, lastContacts);
        await legacy.updateOne({ _id: company._id }, { $max: { peopleCount }, $unset: { people: '' } });
        moved++;
      }
    }
    if (moved) log.info({ companies: moved }, 'moved company people into companyPeople');
  },
};
