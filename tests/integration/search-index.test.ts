import { createLogger } from '../../server/log';
import { migrate } from '../../server/migrations';
import type { ExtractedContactPoint } from '../../server/extraction/contact-points';
import { removeTenantContactPoints } from '../../server/extraction/remove-tenant-points';
import { storePage, type MailboxScope } from '../../server/extraction/store-page';
import { bucketCapacity, bucketSlack } from '../../server/search/documents';
import { openTestDatabase, type TestDatabase } from '../support/database';
import { indexDifferences, searchTruth } from '../support/search-truth';

/**
 * The search index under crowding, concurrent writers and replays, against the truth worked out
 * from the stored contact points: hundreds of people whose names start alike ("J…", "田…") push
 * the trie several levels deep, four colleagues store at once, and batches are stored twice,
 * and half then whole; then one colleague's tenant leaves the organisation with its contact points.
 */

const orgId = 'org-searchindex';
const colleagues = Array.from({ length: 4 }, (_, i) => ({
  userId: `0000000${i}-0000-4000-8000-000000000000`,
  name: ['Olivia Carter', 'Jun Tanaka', 'James Reed', '田中 花子'][i]!,
  mail: `colleague${i}@contoso.example`,
  // The last colleague's directory is another tenant of the organisation, which later leaves it.
  tenantId: i === 3 ? 'tenant-b' : 'tenant',
}));

function random(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function people(): Array<{ email: string; name: string; domain: string }> {
  const next = random(3);
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]!;
  const latinFirst = [
    'James',
    'John',
    'Jennifer',
    'Jessica',
    'Joseph',
    'Joshua',
    'Jacob',
    'Julia',
    'Mary',
    'Anna',
  ];
  const latinLast = ['Johnson', 'Jones', 'Jackson', 'Smith', 'Brown', 'Jensen', 'Müller', 'García'];
  const jaFamily = [
    ['田中', 'tanaka'],
    ['田村', 'tamura'],
    ['田辺', 'tanabe'],
    ['田口', 'taguchi'],
    ['山田', 'yamada'],
    ['佐藤', 'sato'],
  ];
  const jaGiven = [
    ['太郎', 'taro'],
    ['花子', 'hanako'],
    ['さくら', 'sakura'],
    ['健一', 'kenichi'],
  ];
  return Array.from({ length: 600 }, (_, i) => {
    const domain = `company${i % 23}.example.${i % 2 ? 'com' : 'co.jp'}`;
    if (i % 2) {
      const [first, last] = [pick(latinFirst), pick(latinLast)];
      return { email: `${first}.${last}${i}@${domain}`.toLowerCase(), name: `${first} ${last}`, domain };
    }
    const [family, given] = [pick(jaFamily), pick(jaGiven)];
    return { email: `${family[1]}.${given[1]}${i}@${domain}`, name: `${family[0]} ${given[0]}`, domain };
  });
}

function contactPointsOf(everyone: ReturnType<typeof people>) {
  const next = random(11);
  const byColleague = colleagues.map(() => [] as ExtractedContactPoint[]);
  let n = 0;
  for (const person of everyone) {
    const count = 1 + Math.floor(next() ** 3 * 12);
    for (let k = 0; k < count; k++) {
      const c = Math.floor(next() * colleagues.length);
      const at = new Date(Date.UTC(2024, Math.floor(next() * 24), 1 + Math.floor(next() * 27), 9));
      const messageKey = `m${n++}`;
      byColleague[c]!.push({
        messageKey,
        graphMessageId: messageKey,
        internetMessageId: `<${messageKey}@test>`,
        conversationId: null,
        occurredAt: at,
        direction: next() < 0.5 ? 'sent' : 'received',
        external: [person],
        externalSender: null,
        subject: 'Hello',
      });
    }
  }
  return byColleague;
}

describe('the search index', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('searchindex');
    await migrate(database.db, createLogger('silent', 'test'));
    await database.db.collection('integrations').insertMany(
      colleagues.map((c) => ({
        _id: `${c.tenantId}|${c.userId}` as never,
        orgId,
        tenantId: c.tenantId,
        userId: c.userId,
        displayName: c.name,
        mail: c.mail,
        userPrincipalName: c.mail,
      })),
    );
  });
  afterAll(() => database.close());

  it('holds exactly the best entries of every prefix after crowding, concurrent writers and replays, within its bound', async () => {
    const everyone = people();
    const byColleague = contactPointsOf(everyone);
    const batches = (points: ExtractedContactPoint[]) =>
      Array.from({ length: Math.ceil(points.length / 150) }, (_, i) => points.slice(i * 150, (i + 1) * 150));
    await Promise.all(
      colleagues.map(async (c, i) => {
        const scope: MailboxScope = {
          orgId,
          tenantId: c.tenantId,
          userId: c.userId,
          colleagueName: c.name,
          colleagueEmail: c.mail,
        };
        for (const [b, batch] of batches(byColleague[i]!).entries()) {
          if (b % 3 === 0)
            await Promise.all([storePage(database.db, scope, batch), storePage(database.db, scope, batch)]);
          else if (b % 3 === 1) {
            await storePage(database.db, scope, batch.slice(0, batch.length / 2));
            await storePage(database.db, scope, batch);
          } else await storePage(database.db, scope, batch);
        }
      }),
    );

    const truth = await searchTruth(database.db, orgId);
    expect(truth.entries.person.length).toBeGreaterThan(2000);
    expect(await indexDifferences(database.db, orgId, truth)).toEqual([]);

    const buckets = await database.db.collection('searchIndex').find({}).toArray();
    const sizes = buckets.map((b) => Object.keys(b.e ?? {}).length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(bucketCapacity + bucketSlack);
    // Crowded prefixes went deeper: "j" and "田" are full, and so are some of their children.
    const full = buckets.filter((b) => b.full).map((b) => String(b._id).split('|').slice(2).join('|'));
    expect(full).toEqual(expect.arrayContaining(['j', '田']));
    expect(full.some((prefix) => [...prefix].length >= 2)).toBe(true);
  }, 300_000);

  it('holds exactly the best entries of every prefix again once a tenant leaves and its contact points go', async () => {
    const before = await searchTruth(database.db, orgId);
    const report = await removeTenantContactPoints(database.db, orgId, 'tenant-b');
    expect(report.people).toBeGreaterThan(100);
    // Detaching removes the tenant's integrations too: its colleague is nobody's colleague now.
    await database.db.collection('integrations').deleteMany({ tenantId: 'tenant-b' });

    const truth = await searchTruth(database.db, orgId);
    // Some people were known only to the leaving colleague, and others rank lower now.
    expect(truth.entries.person.length).toBeLessThan(before.entries.person.length);
    expect(await indexDifferences(database.db, orgId, truth)).toEqual([]);
    const sizes = (await database.db.collection('searchIndex').find({}).toArray()).map(
      (b) => Object.keys(b.e ?? {}).length,
    );
    expect(Math.max(...sizes)).toBeLessThanOrEqual(bucketCapacity + bucketSlack);
    expect(await database.db.collection('colleagueNetworks').countDocuments({ tenantId: 'tenant-b' })).toBe(
      0,
    );
  }, 300_000);
});
