import { collectionIndexes, migrate } from '../../server/db/schema';
import { createLogger } from '../../server/log';
import { openTestDatabase, type TestDatabase } from '../support/database';

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
