import type { Db } from 'mongodb';
import { forEachLimited } from '../db/upserts';
import { companies, contacts, type CompanyDoc, type ContactDoc } from '../extraction/documents';
import { relationships } from '../extraction/relationships';
import { integrations } from '../integrations/store';
import type { Logger } from '../log';
import { indexVersion, networkCompanies, networkPeople } from './documents';
import {
  bestOffers,
  colleaguePlacements,
  companyPlacements,
  indexEntries,
  networkOffers,
  personPlacements,
  personRank,
  storeColleagueNetwork,
  type NetworkOffers,
} from './index-batch';

// Large chunks: a bucket takes many of a chunk's entries in one write, and the rest go deeper at once.
const chunk = 5000;

/**
 * Builds relationship search for what was stored before it existed (or before `indexVersion`
 * changed): every contact, every colleague with contact points, every company. Workers run it
 * when they start, beside syncing; safe to run twice, after a crash half-way, and from several
 * processes while pages are stored, because it writes exactly what storing those pages writes:
 * the highest rank wins.
 */
export async function buildSearchIndex(db: Db, log: Logger): Promise<void> {
  const migrations = db.collection<{ _id: string; at: Date }>('migrations');
  const name = `search-index-v${indexVersion}`;
  if (await migrations.findOne({ _id: name })) return;
  const started = Date.now();

  // People, and on the way what companies and colleagues need from them.
  const companyRanks = new Map<string, number>();
  const offers = new Map<string, NetworkOffers>();
  let people = 0;
  let pending: ContactDoc[] = [];
  const trimOffers = () => {
    for (const o of offers.values()) {
      o.people = bestOffers(o.people, networkPeople * 2);
      o.companies = bestOffers(o.companies, networkCompanies * 2);
    }
  };
  const flushPeople = async () => {
    await indexEntries(db, pending.flatMap(personPlacements));
    people += pending.length;
    pending = [];
  };
  for await (const contact of contacts(db).find({}, { batchSize: chunk })) {
    const company = `${contact.orgId}|${contact.domain}`;
    companyRanks.set(company, Math.max(personRank(contact), companyRanks.get(company) ?? 0));
    pending.push(contact);
    if (pending.length >= chunk) await flushPeople();
  }
  await flushPeople();
  // Each colleague's people and companies: their own relationships with them (a contact keeps
  // only a summary per colleague).
  let relations = 0;
  for await (const rel of relationships(db).find({}, { batchSize: chunk })) {
    const key = `${rel.orgId}|${rel.userId}`;
    const domain = rel.email.slice(rel.email.lastIndexOf('@') + 1);
    offers.set(key, networkOffers([{ email: rel.email, domain, months: rel.months }], offers.get(key)));
    if (++relations % chunk === 0) trimOffers();
  }
  trimOffers();

  // Colleagues: their monthly totals are on their integration.
  const colleagues = await integrations(db).find({}).toArray();
  const networks = await Promise.all(
    colleagues.map((i) =>
      storeColleagueNetwork(
        db,
        {
          orgId: i.orgId,
          tenantId: i.tenantId,
          userId: i.userId,
          name: i.displayName,
          email: i.mail ?? i.userPrincipalName,
        },
        i.pointMonths ?? {},
        offers.get(`${i.orgId}|${i.userId}`) ?? { people: new Map(), companies: new Map() },
      ),
    ),
  );
  await indexEntries(
    db,
    networks.flatMap((n) => (n ? colleaguePlacements(n) : [])),
  );

  // Companies rank as their most active person.
  let companyDocs: CompanyDoc[] = [];
  let companyCount = 0;
  const flushCompanies = async () => {
    const ranked: CompanyDoc[] = [];
    await forEachLimited(companyDocs, 8, async (c) => {
      const after = await companies(db).findOneAndUpdate(
        { _id: c._id },
        { $max: { searchRank: companyRanks.get(`${c.orgId}|${c.domain}`) ?? 0 } },
        { returnDocument: 'after' },
      );
      if (after) ranked.push(after);
    });
    await indexEntries(db, ranked.flatMap(companyPlacements));
    companyCount += companyDocs.length;
    companyDocs = [];
  };
  for await (const company of companies(db).find({}, { batchSize: chunk })) {
    companyDocs.push(company);
    if (companyDocs.length >= chunk) await flushCompanies();
  }
  await flushCompanies();

  await migrations.updateOne({ _id: name }, { $setOnInsert: { at: new Date() } }, { upsert: true });
  if (people + companyCount + colleagues.length > 0)
    log.info(
      { people, companies: companyCount, colleagues: colleagues.length, ms: Date.now() - started },
      'search index built for stored contacts',
    );
}
