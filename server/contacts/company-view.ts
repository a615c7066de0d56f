import type { Db } from 'mongodb';
import type { CompanyResponse } from '../../shared/api';
import {
  companies,
  companyId,
  companyPeople,
  companyPeopleId,
  companyPeopleParts,
  contactId,
  contacts,
  personOfKey,
  undate,
} from '../extraction/documents';
import { colleaguesOf, companySummaryOf } from './views';

/** The most people the company view reads; of a larger company, those in touch most recently. */
export const companyPageLimit = 200;

type CompanyColleague = CompanyResponse['colleagues'][number];

/**
 * A company as the task pane shows it: its people in touch most recently (a point read per person,
 * so a company of thousands is answered from its newest `companyPageLimit`), and the colleagues who
 * know them, strongest first, with their counts summed over those people.
 */
export async function companyView(
  db: Db,
  orgId: string,
  domain: string,
  now: Date,
): Promise<CompanyResponse> {
  const [company, ...parts] = await Promise.all([
    companies(db).findOne({ _id: companyId(orgId, domain) }),
    ...Array.from({ length: companyPeopleParts }, (_, part) =>
      companyPeople(db).findOne({ _id: companyPeopleId(orgId, domain, part) }),
    ),
  ]);
  if (!company) return { hiddenByDisplaySetting: false, company: null, people: [], colleagues: [] };
  const newest = parts
    .flatMap((group) => Object.entries(group?.seen ?? {}))
    .sort(([, a], [, b]) => b.getTime() - a.getTime())
    .slice(0, companyPageLimit);
  const people = await Promise.all(
    newest.map(([key]) => contacts(db).findOne({ _id: contactId(orgId, personOfKey(key)) })),
  );
  const byColleague = new Map<string, CompanyColleague>();
  const peopleViews = people.flatMap((doc) => {
    if (!doc) return [];
    let sent = 0;
    let received = 0;
    for (const c of colleaguesOf(doc, now)) {
      sent += c.sent;
      received += c.received;
      const seen = byColleague.get(c.userId) ?? {
        userId: c.userId,
        name: c.name,
        sent: 0,
        received: 0,
        lastContactAt: c.lastContactAt,
        strength: 0,
      };
      seen.sent += c.sent;
      seen.received += c.received;
      seen.strength = Math.max(seen.strength, c.strength);
      if (c.lastContactAt > seen.lastContactAt) seen.lastContactAt = c.lastContactAt;
      byColleague.set(c.userId, seen);
    }
    return [
      {
        email: doc.email,
        name: undate(doc.name)?.value ?? null,
        title: undate(doc.signature?.title)?.value ?? null,
        sent,
        received,
        lastContactAt: doc.lastContactAt.toISOString(),
      },
    ];
  });
  return {
    hiddenByDisplaySetting: false,
    company: companySummaryOf(company),
    people: peopleViews.sort((a, b) => (b.lastContactAt ?? '').localeCompare(a.lastContactAt ?? '')),
    colleagues: [...byColleague.values()].sort((a, b) => b.strength - a.strength),
  };
}
