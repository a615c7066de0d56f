import { Router } from 'express';
import {
  contactPointsQuery,
  contactsQuery,
  type CompanyResponse,
  type CompanySummary,
  type ContactsResponse,
} from '../../shared/api';
import { domainName, emailAddress } from '../../shared/ids';
import { requireMember } from '../auth/middleware';
import type { ServerDeps } from '../deps';
import { isFreeMailDomain, isInDomains } from '../extraction/domains';
import { parseInput } from '../http/errors';
import { settingsOf } from '../organizations/store';
import { internalDomainsOf } from '../tenants/store';
import { companyView } from './company-view';
import { historyPage } from './history';
import { companySummary, contactView } from './views';

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
    const settings = settingsOf(req.membership!.org);
    if (!settings.showEmailActivities)
      return res.json({ hiddenByDisplaySetting: true, items: [], nextCursor: null });
    const keepSubjects = settings.subjectVisibility === 'full';
    res.json(await historyPage(db, req.membership!.org._id, email, cursor, keepSubjects));
  });

  router.get('/companies/:domain', async (req, res) => {
    const domain = parseInput(domainName, req.params.domain, 'domain');
    const org = req.membership!.org;
    if (!settingsOf(org).showEmailActivities) {
      const hidden: CompanyResponse = {
        hiddenByDisplaySetting: true,
        company: null,
        people: [],
        colleagues: [],
      };
      return res.json(hidden);
    }
    res.json(await companyView(db, org._id, domain, new Date()));
  });

  return router;
}
