import { Router } from 'express';
import { z } from 'zod';
import {
  searchQuery,
  type ColleagueHit,
  type ColleagueResponse,
  type CompanySummary,
  type PersonHit,
  type SearchKind,
  type SearchResponse,
} from '../../shared/api';
import { guid } from '../../shared/ids';
import { parseQueryText } from '../../shared/search-text';
import { googleUserId } from '../../shared/workspaces';
import { requireMember } from '../auth/middleware';
import { colleagueHitOf } from './search';
import type { ServerDeps } from '../deps';
import { companySummaryOf } from '../contacts/views';
import { companies, companyId, contactId, contacts } from '../extraction/documents';
import { isInDomains } from '../extraction/domains';
import { badRequest, parseInput } from '../http/errors';
import { settingsOf } from '../organizations/store';
import { directoriesOf } from '../tenants/store';
import { colleagueNetworkId, colleagueNetworks } from './documents';
import { bestOf } from './index-batch';
import { relationshipWith, searchKind, type SearchScope } from './search';

/** A colleague is an Entra user (a GUID) or a Google Workspace user (a decimal id). */
function colleagueIdParam(value: unknown): string {
  const google = googleUserId.safeParse(value);
  if (google.success) return google.data;
  const entra = guid.safeParse(value);
  if (entra.success) return entra.data;
  throw badRequest('invalid_userId', 'userId must be a GUID (Microsoft 365) or a decimal Google user id.');
}

/** Results per page of one kind; without a kind, the first few of each. */
export const searchPageSize = 10;
const previewSizes: Record<SearchKind, number> = { person: 5, company: 3, colleague: 3 };
/** How many of a colleague's people and companies their view shows. */
export const colleaguePeopleShown = 20;
const colleagueCompaniesShown = 10;

const cursorShape = z.strictObject({
  k: z.enum(['person', 'company', 'colleague']),
  o: z.number().int().min(1).max(1000),
});

const encodeCursor = (kind: SearchKind, offset: number) =>
  Buffer.from(JSON.stringify({ k: kind, o: offset })).toString('base64url');

function decodeCursor(cursor: string, kind: SearchKind): number {
  try {
    const parsed = cursorShape.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.k === kind) return parsed.o;
  } catch {
    // answered below
  }
  throw badRequest('invalid_cursor', 'The cursor is not valid for this search.');
}

const hidden: SearchResponse = {
  hiddenByDisplaySetting: true,
  people: [],
  companies: [],
  colleagues: [],
  nextCursor: null,
  complete: true,
};

/**
 * Relationship search: people, companies and colleagues of the caller's organisation (from the
 * token, never a parameter), with the display setting applied to every answer.
 */
export function searchRoutes(deps: ServerDeps): Router {
  const router = Router();
  const { db } = deps;
  router.use(['/search', '/colleagues'], requireMember(db));

  router.get('/search', async (req, res) => {
    const { q, kind, cursor } = parseInput(searchQuery, req.query, 'query');
    const offset = cursor && kind ? decodeCursor(cursor, kind) : 0;
    const org = req.membership!.org;
    if (!settingsOf(org).showEmailActivities) return res.json(hidden);
    const query = parseQueryText(q);
    const directories = directoriesOf(db, org._id);
    const scope: SearchScope = {
      db,
      orgId: org._id,
      internalDomains: directories.then((d) => d.internalDomains),
      directoryIds: directories.then((d) => d.ids),
      now: new Date(),
    };
    const kinds: SearchKind[] = kind ? [kind] : ['person', 'company', 'colleague'];
    // Awaited here too, so a failure to read them is this request's error whatever the kinds.
    const [, pages] = await Promise.all([
      directories,
      Promise.all(
        kinds.map((k) => searchKind(scope, k, query, offset, kind ? searchPageSize : previewSizes[k])),
      ),
    ]);
    const of = (k: SearchKind) => pages[kinds.indexOf(k)]?.hits ?? [];
    const body: SearchResponse = {
      hiddenByDisplaySetting: false,
      people: of('person') as PersonHit[],
      companies: of('company') as CompanySummary[],
      colleagues: of('colleague') as ColleagueHit[],
      nextCursor: kind && pages[0]!.next !== null ? encodeCursor(kind, pages[0]!.next) : null,
      complete: pages.every((p) => p.complete),
    };
    res.json(body);
  });

  // Who a colleague knows: for asking them for an introduction.
  router.get('/colleagues/:userId', async (req, res) => {
    const userId = colleagueIdParam(req.params.userId);
    const org = req.membership!.org;
    if (!settingsOf(org).showEmailActivities) {
      const body: ColleagueResponse = {
        hiddenByDisplaySetting: true,
        colleague: null,
        people: [],
        companies: [],
      };
      return res.json(body);
    }
    const [network, directories] = await Promise.all([
      colleagueNetworks(db).findOne({ _id: colleagueNetworkId(org._id, userId) }),
      directoriesOf(db, org._id),
    ]);
    // A colleague of a tenant or Workspace that has left the organisation is nobody's colleague here.
    if (!network || !directories.ids.has(network.tenantId)) {
      const body: ColleagueResponse = {
        hiddenByDisplaySetting: false,
        colleague: null,
        people: [],
        companies: [],
      };
      return res.json(body);
    }
    const internal = directories.internalDomains;
    const now = new Date();
    const [people, companyDocs] = await Promise.all([
      Promise.all(
        bestOf(network.people, colleaguePeopleShown).map(({ ref }) =>
          isInDomains(ref.split('@')[1] ?? '', internal)
            ? null
            : contacts(db).findOne({ _id: contactId(org._id, ref) }),
        ),
      ),
      Promise.all(
        bestOf(network.companies, colleagueCompaniesShown).map(({ ref }) =>
          isInDomains(ref, internal) ? null : companies(db).findOne({ _id: companyId(org._id, ref) }),
        ),
      ),
    ]);
    const body: ColleagueResponse = {
      hiddenByDisplaySetting: false,
      colleague: colleagueHitOf(network),
      people: people
        .flatMap((doc) => (doc ? [relationshipWith(doc, userId, now)] : []))
        .filter((p) => p !== null)
        .sort(
          (a, b) =>
            b.strength - a.strength ||
            ((a.lastContactAt ?? '') < (b.lastContactAt ?? '')
              ? 1
              : (a.lastContactAt ?? '') > (b.lastContactAt ?? '')
                ? -1
                : 0),
        ),
      companies: companyDocs.flatMap((doc) => (doc ? [companySummaryOf(doc)] : [])),
    };
    res.json(body);
  });

  return router;
}
