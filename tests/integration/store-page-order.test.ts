import type { ExtractedContactPoint } from '../../server/extraction/contact-points';
import {
  contactId,
  monthOf,
  quarterOfMonth,
  timelineEntry,
  timelineId,
} from '../../server/extraction/documents';
import { parseSummary } from '../../server/extraction/relationships';
import { storePage } from '../../server/extraction/store-page';
import { migrate } from '../../server/migrations';
import { createLogger } from '../../server/log';
import { openTestDatabase, type TestDatabase } from '../support/database';

/**
 * A mailbox's inbox and sent items are stored side by side, so one folder's batch may recount a
 * colleague's months from a timeline bucket that already holds the other folder's entry, before
 * that folder wrote the relationship. The colleague's summary on the contact must still end with
 * the first contact the counts include.
 */
describe('a colleague summary when the two folders store at once', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('store-page-order');
    await migrate(database.db, createLogger('silent', 'test'));
  });
  afterAll(() => database.close());

  it('says "in touch since" the earliest message its counts include, whichever folder wrote last', async () => {
    const orgId = 'org-order';
    const scope = {
      orgId,
      tenantId: 't',
      userId: '22222222-0000-4000-8000-000000000000',
      colleagueName: 'Daniel Brooks',
      colleagueEmail: 'daniel@contoso.example',
    };
    const person = {
      email: 'nicholas@tailspin.example',
      name: 'Nicholas Taylor',
      domain: 'tailspin.example',
    };
    const point = (key: string, at: string, direction: 'sent' | 'received'): ExtractedContactPoint => ({
      messageKey: key,
      graphMessageId: key,
      internetMessageId: null,
      conversationId: null,
      occurredAt: new Date(at),
      direction,
      external: [person],
      externalSender: direction === 'received' ? person : null,
      subject: null,
    });
    const january = point('jan', '2026-01-16T18:12:05Z', 'sent');
    const february = point('feb', '2026-02-13T15:51:52Z', 'received');

    // The sent items' batch has put its entry in the quarter's bucket, not yet its relationship.
    await database.db.collection('timelines').insertOne({
      _id: timelineId(orgId, person.email, quarterOfMonth(monthOf(january.occurredAt))) as never,
      orgId,
      email: person.email,
      quarter: quarterOfMonth(monthOf(january.occurredAt)),
      entries: [
        timelineEntry({
          at: january.occurredAt,
          userId: scope.userId,
          messageKey: january.messageKey,
          direction: 'sent',
          subject: null,
        }),
      ],
    });
    await storePage(database.db, scope, [february]);
    await storePage(database.db, scope, [january]);

    const contact = await database.db
      .collection('contacts')
      .findOne({ _id: contactId(orgId, person.email) as never });
    const summary = parseSummary(String((contact?.colleagues as Record<string, string>)[scope.userId]));
    expect(summary).toMatchObject({
      sent: 1,
      received: 1,
      first: january.occurredAt,
      last: february.occurredAt,
    });
  });
});
