import { BSON, type Db } from 'mongodb';
import type { ExtractedContactPoint } from '../../server/extraction/contact-points';
import {
  companyPeople,
  companyPeopleId,
  companyPeopleParts,
  contactId,
  contacts,
  quarterOfMonth,
  timelineId,
  timelines,
} from '../../server/extraction/documents';
import {
  colleagueSummaryOf,
  relationshipId,
  relationships,
  totalCounts,
} from '../../server/extraction/relationships';
import { storePage } from '../../server/extraction/store-page';
import { table } from './support';

const bytes = (doc: unknown) => (doc ? BSON.calculateObjectSize(doc as BSON.Document) : 0);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/**
 * F. One outside person in touch with the organisation for 15 years: 200 colleagues take turns
 * writing to them, 20 contact points a month, and two new people of their company appear every
 * month. Stored through the real storePage, with the clock moved to each month's end, so months
 * close and roll up as they would. Printed: the documents' sizes as the years pass, next to what the
 * contact would weigh had it kept every colleague's months (the previous design).
 */
export async function measureDocumentGrowth(db: Db, log: (line: string) => void): Promise<void> {
  const orgId = 'growth';
  const domain = 'longterm.example.com';
  const email = `partner@${domain}`;
  const colleagues = Array.from({ length: 200 }, (_, i) => `colleague-${String(i).padStart(3, '0')}`);
  let seed = 2011;
  const random = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const rows: Array<Record<string, string | number>> = [];
  const start = Date.UTC(2011, 0, 1);
  let stored = 0;
  let people = 0;
  for (let month = 0; month < 180; month++) {
    const monthStart = new Date(Date.UTC(2011, month, 1));
    const now = new Date(Date.UTC(2011, month + 1, 1) - 1);
    const byColleague = new Map<string, ExtractedContactPoint[]>();
    for (let i = 0; i < 20; i++) {
      // Most mail goes to a few colleagues; over the years everyone writes.
      const colleague = colleagues[Math.floor(random() ** 2 * colleagues.length)]!;
      const occurredAt = new Date(monthStart.getTime() + Math.floor(random() * 27 * 24) * 3600_000);
      const newcomer = i < 2 ? [{ email: `person${people++}@${domain}`, name: '', domain }] : [];
      const list = byColleague.get(colleague) ?? [];
      list.push({
        messageKey: `m${month}-${i}`,
        graphMessageId: `g${month}-${i}`,
        internetMessageId: `<m${month}-${i}@growth>`,
        conversationId: null,
        occurredAt,
        direction: random() < 0.5 ? 'sent' : 'received',
        external: [{ email, name: 'Pat Partner', domain }, ...newcomer],
        externalSender: null,
        subject: `Order ${month}-${i}: delivery schedule and invoice`,
      });
      byColleague.set(colleague, list);
    }
    for (const [userId, points] of byColleague) {
      await storePage(
        db,
        { orgId, tenantId: 't', userId, colleagueName: `Colleague ${userId}` },
        points,
        now,
      );
      stored += points.length;
    }
    const year = (month + 1) / 12;
    if ([1, 2, 5, 10, 15].includes(year)) {
      const contact = (await contacts(db).findOne({ _id: contactId(orgId, email) }))!;
      const rels = await relationships(db)
        .find({ _id: { $in: colleagues.map((c) => relationshipId(orgId, email, c)) } })
        .toArray();
      const legacy = {
        ...contact,
        colleagues: Object.fromEntries(
          rels.map((r) => [
            r.userId,
            { name: r.name, tenantId: r.tenantId, first: r.first, last: r.last, months: r.months },
          ]),
        ),
      };
      const quarter = quarterOfMonth(now.toISOString().slice(0, 7));
      const bucket = await timelines(db).findOne({ _id: timelineId(orgId, email, quarter) });
      const parts = await companyPeople(db)
        .find({
          _id: {
            $in: Array.from({ length: companyPeopleParts }, (_, i) => companyPeopleId(orgId, domain, i)),
          },
        })
        .toArray();
      const totals = totalCounts(contact.months, contact.before);
      const shown = Object.values(contact.colleagues).map(colleagueSummaryOf);
      rows.push({
        years: year,
        'contact points': stored,
        'contact (months / colleagues kept)': `${kb(bytes(contact))} (${Object.keys(contact.months).length} / ${shown.length})`,
        'previous design': kb(bytes(legacy)),
        'largest relationship': kb(Math.max(...rels.map(bytes))),
        'newest timeline bucket': kb(bytes(bucket)),
        "company's people (largest part)": `${parts.reduce((n, p) => n + Object.keys(p.seen).length, 0)} (${kb(Math.max(0, ...parts.map(bytes)))})`,
        'totals exact':
          totals.sent + totals.received === stored ? 'yes' : `no (${totals.sent + totals.received})`,
      });
      log(`    after ${year} years: ${JSON.stringify(rows[rows.length - 1])}`);
    }
  }
  log(
    `\nF. Document growth for one person in touch for 15 years with 200 colleagues (20 contact points a month,` +
      ` from ${new Date(start).getUTCFullYear()}):\n${table(rows)}`,
  );
}
