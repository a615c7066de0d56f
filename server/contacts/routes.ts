import { Router } from 'express';
import { z } from 'zod';
import {
  companyResponse,
  contactPointsQuery,
  contactsQuery,
  type CompanySummary,
  type ContactsResponse,
} from '../../shared/api';
import { domainName, emailAddress } from '../../shared/ids';
import { requireMember } from '../auth/middleware';
import type { ServerDeps } from '../deps';
import {
  bucketEntries,
  companies,
  companyId,
  companyPeople,
  companyPeopleId,
  companyPeopleParts,
  contactId,
  contacts,
  personOfKey,
  timelineId,
  timelines,
  undate,
  type TimelineEntry,
} from '../extraction/documents';
import { isFreeMailDomain, isInDomains } from '../extraction/domains';
import { badRequest, parseInput } from '../http/errors';
import { settingsOf } from '../organizations/store';
import { internalDomainsOf } from '../tenants/store';
import {
  colleagueNames,
  colleaguesOf,
  companySummary,
  companySummaryOf,
  contactView,
  quartersNewestFirst,
  toTimelineItem,
} from './views';

const historyPageSize = 50;
/** The most people the company view reads; of a larger company, those in touch most recently. */
export const companyPageLimit = 200;
const cursorShape = z.object({
  q: z.string().regex(/^\d{4}-Q[1-4]$/),
  o: z.number().int().min(0).max(1_000_000),
});

/**
 * What everyone in the organisation sees in the task pane. The organisation is the caller's, from
 * their token; the display setting and subject visibility apply to every answer.
 */
export function contactRoutes(deps: ServerDeps): Router {
  const router = Router();
  const { db } = deps;
  router.use(['/contacts', '/companies'], requireMember(db));

  router.get('/contacts', async (req, res) => {
    const { emails } = parseInput(contactsQuery, req.query, 'query');
    const org = req.membership!.org;
    const settings = settingsOf(org);
    if (!settings.showEmailActivities) {
      const hidden: ContactsResponse = { hiddenByDisplaySetting: true, contacts: [], companies: [] };
      return res.json(hidden);
    }
    const unique = [...new Set(emails)];
    const now = new Date();
    const keepSubjects = settings.subjectVisibility === 'full';
    // Everything is a point read by _id, started at once: the people, their companies (the domain
    // is in the address) and which domains are the organisation's own. Colleagues have no contact
    // or company documents, so reading them before knowing they are internal costs a miss.
    const companyDomains = [...new Set(unique.map((e) => e.split('@')[1]!))].filter(
      (d) => !isFreeMailDomain(d),
    );
    const [internalList, views, summaries] = await Promise.all([
      internalDomainsOf(db, org._id),
      Promise.all(unique.map((email) => contactView(db, org._id, email, keepSubjects, now))),
      Promise.all(companyDomains.map((d) => companySummary(db, org._id, d))),
    ]);
    const internal = new Set(internalList);
    const isInternal = (email: string) => isInDomains(email.split('@')[1]!, internal);
    const people = views.map((v) => (isInternal(v.email) ? { email: v.email, internal: true as const } : v));
    const known = new Set(people.flatMap((v) => (v.internal || !v.known ? [] : [v.domain])));
    const companyList = summaries.filter((c): c is CompanySummary => c !== null && known.has(c.domain));
    const body: ContactsResponse = {
      hiddenByDisplaySetting: false,
      contacts: people,
      companies: companyList,
    };
    res.json(body);
  });

  router.get('/contacts/:email/contact-points', async (req, res) => {
    const email = parseInput(emailAddress, req.params.email, 'email address');
    const { cursor } = parseInput(contactPointsQuery, req.query, 'query');
    const org = req.membership!.org;
    const settings = settingsOf(org);
    if (!settings.showEmailActivities)
      return res.json({ hiddenByDisplaySetting: true, items: [], nextCursor: null });
    const contact = await contacts(db).findOne({ _id: contactId(org._id, email) });
    if (!contact) return res.json({ hiddenByDisplaySetting: false, items: [], nextCursor: null });

    let position = { q: quartersNewestFirst(contact)[0] ?? '', o: 0 };
    if (cursor) {
      try {
        position = cursorShape.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
      } catch {
        throw badRequest('invalid_cursor', 'The cursor is not valid.');
      }
    }
    const quarters = quartersNewestFirst(contact).filter((q) => q <= position.q);
    const items: TimelineEntry[] = [];
    let next: { q: string; o: number } | null = null;
    for (const quarter of quarters) {
      const bucket = await timelines(db).findOne({ _id: timelineId(org._id, email, quarter) });
      const entries = bucketEntries(bucket?.entries);
      const from = quarter === position.q ? position.o : 0;
      const room = historyPageSize - items.length;
      items.push(...entries.slice(from, from + room));
      if (from + room < entries.length) {
        next = { q: quarter, o: from + room };
        break;
      }
      if (items.length >= historyPageSize) {
        const later = quarters[quarters.indexOf(quarter) + 1];
        next = later ? { q: later, o: 0 } : null;
        break;
      }
    }
    const keepSubjects = settings.subjectVisibility === 'full';
    const names = await colleagueNames(db, contact, items);
    res.json({
      hiddenByDisplaySetting: false,
      items: items.map((e) => toTimelineItem(e, names, keepSubjects)),
      nextCursor: next ? Buffer.from(JSON.stringify(next)).toString('base64url') : null,
    });
  });

  router.get('/companies/:domain', async (req, res) => {
    const domain = parseInput(domainName, req.params.domain, 'domain');
    const org = req.membership!.org;
    if (!settingsOf(org).showEmailActivities) {
      return res.json(
        companyResponse.parse({ hiddenByDisplaySetting: true, company: null, people: [], colleagues: [] }),
      );
    }
    const [company, ...parts] = await Promise.all([
      companies(db).findOne({ _id: companyId(org._id, domain) }),
      ...Array.from({ length: companyPeopleParts }, (_, part) =>
        companyPeople(db).findOne({ _id: companyPeopleId(org._id, domain, part) }),
      ),
    ]);
    if (!company)
      return res.json({ hiddenByDisplaySetting: false, company: null, people: [], colleagues: [] });
    // A point read per person, so a company of thousands is answered from those in touch most recently.
    const newest = parts
      .flatMap((group) => Object.entries(group?.seen ?? {}))
      .sort(([, a], [, b]) => b.getTime() - a.getTime())
      .slice(0, companyPageLimit);
    const people = await Promise.all(
      newest.map(([key]) => contacts(db).findOne({ _id: contactId(org._id, personOfKey(key)) })),
    );
    const now = new Date();
    const byColleague = new Map<
      string,
      {
        userId: string;
        name: string;
        sent: number;
        received: number;
        lastContactAt: string;
        strength: number;
      }
    >();
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
    res.json({
      hiddenByDisplaySetting: false,
      company: companySummaryOf(company),
      people: peopleViews.sort((a, b) => (b.lastContactAt ?? '').localeCompare(a.lastContactAt ?? '')),
      colleagues: [...byColleague.values()].sort((a, b) => b.strength - a.strength),
    });
  });

  return router;
}
