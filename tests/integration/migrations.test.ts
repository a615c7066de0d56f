import { collectionIndexes } from '../../server/db/schema';
import { migrate } from '../../server/migrations';
import { colleaguesOf } from '../../server/contacts/views';
import type { ExtractedContactPoint } from '../../server/extraction/contact-points';
import {
  packCounts,
  peopleCountOf,
  personKey,
  personOfKey,
  type ContactDoc,
} from '../../server/extraction/documents';
import { storePage } from '../../server/extraction/store-page';
import { buildSearchIndex } from '../../server/search/build-index';
import { createLogger } from '../../server/log';
import { openTestDatabase, type TestDatabase } from '../support/database';
import { indexDifferences, searchTruth } from '../support/search-truth';

const log = createLogger('silent', 'test');

describe('database migrations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('migrations');
  });
  afterAll(() => database.close());

  it('create every collection and index, and running them twice changes nothing', async () => {
    await migrate(database.db, log);
    const snapshot = async () => {
      const result: Record<string, string[]> = {};
      for (const c of await database.db.listCollections({}, { nameOnly: true }).toArray()) {
        result[c.name] = (await database.db.collection(c.name).indexes())
          .map((i) => `${i.name}${i.unique ? ' unique' : ''}`)
          .sort();
      }
      return result;
    };
    const first = await snapshot();
    await migrate(database.db, log);
    expect(await snapshot()).toEqual(first);

    expect(Object.keys(first).sort()).toEqual(Object.keys(collectionIndexes).sort());
    expect(first.contactPoints).toContain('org_user_occurredAt');
    expect(first.integrations).toContain('org_tenant_status');
  });

  it('keeps data already stored', async () => {
    await database.db.collection('organizations').insertOne({ _id: 'org-kept' as never, name: 'Kept' });
    await migrate(database.db, log);
    expect(await database.db.collection('organizations').findOne({ _id: 'org-kept' as never })).toMatchObject(
      { name: 'Kept' },
    );
  });

  it('move the people of companies stored before they had their own documents, once, with their last contact', async () => {
    const old = await openTestDatabase('migrations-legacy');
    try {
      const people = Array.from({ length: 30 }, (_, i) => `p${i}@legacy.example.com`);
      const metAt = new Date('2026-05-01T09:00:00Z');
      await old.db
        .collection('contacts')
        .insertOne({ _id: 'o|p7@legacy.example.com' as never, orgId: 'o', lastContactAt: metAt });
      await old.db.collection('companies').insertOne({
        _id: 'o|legacy.example.com' as never,
        orgId: 'o',
        domain: 'legacy.example.com',
        name: '0|000000000000000|Legacy',
        people,
      });
      await migrate(old.db, log);
      await migrate(old.db, log);
      const company = await old.db.collection('companies').findOne({ _id: 'o|legacy.example.com' as never });
      expect(company).toMatchObject({ name: '0|000000000000000|Legacy' });
      expect(peopleCountOf(company as never)).toBe(30);
      expect(company).not.toHaveProperty('people');
      const parts = await old.db.collection('companyPeople').find({ domain: 'legacy.example.com' }).toArray();
      expect(parts.every((p) => p.orgId === 'o' && String(p._id) === `o|legacy.example.com|${p.part}`)).toBe(
        true,
      );
      const seen = Object.assign({}, ...parts.map((p) => p.seen));
      expect(Object.keys(seen).map(personOfKey).sort()).toEqual([...people].sort());
      expect(seen[personKey('p7@legacy.example.com')]).toEqual(metAt);
    } finally {
      await old.db.dropDatabase();
      await old.close();
    }
  });

  it("split a company's people into parts, keeping each person's last contact and the count", async () => {
    const old = await openTestDatabase('migrations-parts');
    try {
      const people = Array.from({ length: 100 }, (_, i) => `p${i}@whole.example.com`);
      const at = (i: number) => new Date(Date.UTC(2026, 0, 1 + i));
      await old.db.collection('companyPeople').insertOne({
        _id: 'o|whole.example.com' as never,
        orgId: 'o',
        domain: 'whole.example.com',
        seen: Object.fromEntries(people.map((p, i) => [personKey(p), at(i)])),
      });
      await old.db.collection('companies').insertOne({
        _id: 'o|whole.example.com' as never,
        orgId: 'o',
        domain: 'whole.example.com',
        name: '0|000000000000000|Whole',
        peopleCount: 100,
      });
      await migrate(old.db, log);
      await migrate(old.db, log);
      const parts = await old.db.collection('companyPeople').find({}).toArray();
      expect(parts.length).toBeGreaterThan(10);
      expect(parts.every((p) => p.part !== undefined)).toBe(true);
      const seen = Object.assign({}, ...parts.map((p) => p.seen));
      expect(Object.keys(seen).length).toBe(100);
      expect(seen[personKey('p42@whole.example.com')]).toEqual(at(42));
      const company = await old.db.collection('companies').findOne({ _id: 'o|whole.example.com' as never });
      expect(Object.values(company!.peopleCounts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(
        100,
      );
    } finally {
      await old.db.dropDatabase();
      await old.close();
    }
  });

  it("move colleagues' months out of contacts into relationships, keeping what the task pane shows", async () => {
    const old = await openTestDatabase('migrations-colleagues');
    try {
      const colleague = (name: string, months: Record<string, [number, number]>) => ({
        name,
        tenantId: 't1',
        first: new Date(`${Object.keys(months).sort()[0]}-02T08:00:00Z`),
        last: new Date(`${Object.keys(months).sort().pop()}-27T08:00:00Z`),
        months: Object.fromEntries(Object.entries(months).map(([m, [s, r]]) => [m, packCounts(s, r)])),
      });
      const legacy = {
        _id: 'o|ann@partner.example.com',
        orgId: 'o',
        email: 'ann@partner.example.com',
        domain: 'partner.example.com',
        firstContactAt: new Date('2025-01-02T08:00:00Z'),
        lastContactAt: new Date('2026-04-27T08:00:00Z'),
        months: { '2025-01': packCounts(3, 2), '2026-04': packCounts(1, 4) },
        colleagues: {
          u1: colleague('Dana', { '2025-01': [3, 0], '2026-04': [1, 1] }),
          u2: colleague('Lee', { '2025-01': [0, 2], '2026-04': [0, 3] }),
        },
      };
      await old.db.collection('contacts').insertOne(legacy as never);
      const now = new Date('2026-06-01T00:00:00Z');
      const before = colleaguesOf(legacy as unknown as ContactDoc, now);
      await migrate(old.db, log);
      await migrate(old.db, log);
      const after = (await old.db
        .collection('contacts')
        .findOne({ _id: legacy._id as never })) as unknown as ContactDoc;
      expect(Object.values(after.colleagues).every((v) => typeof v === 'string')).toBe(true);
      expect(colleaguesOf(after, now)).toEqual(before);
      const rels = await old.db.collection('relationships').find({}).sort({ _id: 1 }).toArray();
      expect(rels.map((r) => [r._id, r.name, r.months])).toEqual([
        ['o|ann@partner.example.com|u1', 'Dana', legacy.colleagues.u1.months],
        ['o|ann@partner.example.com|u2', 'Lee', legacy.colleagues.u2.months],
      ]);
    } finally {
      await old.db.dropDatabase();
      await old.close();
    }
  });

  it('build the search index for contacts stored before it existed, exactly as storing them builds it, also twice at once', async () => {
    const orgId = 'org-before-search';
    const old = await openTestDatabase('migrations-search');
    try {
      await migrate(old.db, log);
      const colleague = { userId: '11111111-0000-4000-8000-000000000000', name: 'Olivia Carter' };
      await old.db.collection('integrations').insertOne({
        _id: `t|${colleague.userId}` as never,
        orgId,
        tenantId: 't',
        userId: colleague.userId,
        displayName: colleague.name,
        mail: 'olivia@contoso.example',
        userPrincipalName: 'olivia@contoso.example',
      });
      const names = ['田中 太郎', 'Mary Smith', 'José Álvarez', '佐藤 さくら', 'Jun Tanaka'];
      const points: ExtractedContactPoint[] = names.flatMap((name, i) =>
        Array.from({ length: 1 + i }, (_, k) => {
          const domain = i % 2 ? 'fabrikam.example.com' : 'sakura-seiki.co.jp';
          const key = `m${i}x${k}`;
          return {
            messageKey: key,
            graphMessageId: key,
            internetMessageId: null,
            conversationId: null,
            occurredAt: new Date(Date.UTC(2026, k, 3)),
            direction: k % 2 ? ('sent' as const) : ('received' as const),
            external: [{ email: `person${i}@${domain}`, name, domain }],
            externalSender: null,
            subject: null,
          };
        }),
      );
      await storePage(
        old.db,
        {
          orgId,
          tenantId: 't',
          userId: colleague.userId,
          colleagueName: colleague.name,
          colleagueEmail: 'olivia@contoso.example',
        },
        points,
      );
      await old.db
        .collection('integrations')
        .updateOne(
          { _id: `t|${colleague.userId}` as never },
          { $set: { pointMonths: { '2026-01': 5, '2026-02': 4, '2026-03': 3, '2026-04': 2, '2026-05': 1 } } },
        );
      // As stored before search existed: no index, no colleague documents, no company ranks.
      await old.db.collection('searchIndex').deleteMany({});
      await old.db.collection('colleagueNetworks').deleteMany({});
      await old.db.collection('companies').updateMany({}, { $unset: { searchRank: '' } });
      const truth = await searchTruth(old.db, orgId);
      expect(await indexDifferences(old.db, orgId, truth)).not.toEqual([]);

      await Promise.all([buildSearchIndex(old.db, log), buildSearchIndex(old.db, log)]);
      await buildSearchIndex(old.db, log);
      expect(await indexDifferences(old.db, orgId, truth)).toEqual([]);
      expect(
        await old.db.collection('migrations').findOne({ _id: 'search-index-v1' as never }),
      ).not.toBeNull();
      expect(truth.entries.person.some((e) => e.term === '田中太郎')).toBe(true);
    } finally {
      await old.db.dropDatabase();
      await old.close();
    }
  });

  it('keep one contact point per organisation, colleague and message (its _id)', async () => {
    await migrate(database.db, log);
    const points = database.db.collection('contactPoints');
    await points.insertOne({ _id: 'o|u|m1' as never, orgId: 'o', userId: 'u', messageKey: 'm1' });
    await expect(
      points.insertOne({ _id: 'o|u|m1' as never, orgId: 'o', userId: 'u', messageKey: 'm2' }),
    ).rejects.toMatchObject({
      code: 11000,
    });
  });
});
