import { devCerts } from '../../scripts/lib/certs';
import { integrationId } from '../../server/integrations/store';
import { apiClient } from '../support/api';
import { startTestApp, type TestApp } from '../support/app';
import {
  control,
  microsoftEnv,
  startTestEmulator,
  tenantNamed,
  userToken,
  type ScenarioUser,
  type TestEmulator,
} from '../support/emulator';
import { connectOrganization } from '../support/organization';
import { driverWith, syncUntil } from '../support/sync';

type ContactsBody = {
  companies: Array<{ domain: string; name: string }>;
  contacts: Array<{
    email: string;
    company: string | null;
    signature: {
      title: string | null;
      phones: Array<{ type: string; number: string; extension?: string }>;
      company: string | null;
      seenAt: string;
    } | null;
  }>;
};

const person = { name: 'Kenji Sato', address: 'kenji.sato@northwind-traders.co.jp' };

function body(title: string, mobile: string, office?: string): string {
  return [
    'Hello,',
    '',
    'Thank you for the meeting yesterday. I will send the revised quote by Friday.',
    '',
    'Best regards,',
    'Kenji Sato',
    title,
    'Northwind Traders Co., Ltd.',
    ...(office ? [`Tel: ${office}`] : []),
    `Mobile: ${mobile}`,
    'https://www.northwind-traders.co.jp',
  ].join('\n');
}

/** Signature intelligence in the pipeline: bodies read once per sender, newest signature wins field by field. */
describe('contact details from signatures', () => {
  let emulator: TestEmulator;
  let app: TestApp;
  let owner: ScenarioUser;
  let contosoId: string;
  let admin: Awaited<ReturnType<typeof connectOrganization>>;
  let user: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    emulator = await startTestEmulator({ messagesPerUser: 30 });
    app = await startTestApp('signatures', {
      ...microsoftEnv(emulator),
      TLS_CERT_FILE: devCerts.cert,
      TLS_KEY_FILE: devCerts.key,
      SYNC_POLL_INTERVAL_SECONDS: '1',
      SIGNATURE_REFRESH_DAYS: '0',
    });
    admin = await connectOrganization(app, emulator, ['Contoso']);
    const contoso = tenantNamed(emulator, 'Contoso');
    contosoId = contoso.id;
    owner = contoso.users.find((u) => !u.plantedError && !u.isAdmin)!;
    await admin('POST', `/api/admin/tenants/${contoso.id}/integrations`, {
      userIds: [owner.id],
      acknowledgeNoDeletion: true,
    });
    user = apiClient(app.url, await userToken(emulator, owner));
  });
  afterAll(async () => {
    await app?.close();
    await emulator?.stop();
  });

  /** The person's message with the given signature, in the owner's mailbox. */
  const deliver = (at: string, subject: string, title: string, mobile: string, office?: string) =>
    control<{ internetMessageId: string }>(emulator, 'POST', `mailboxes/${owner.id}/messages`, {
      from: person,
      to: [{ name: owner.displayName, address: owner.mail }],
      subject,
      body: body(title, mobile, office),
      receivedDateTime: at,
    });
  const storedPoints = async (internetMessageId: string) =>
    app.database.db.collection('contactPoints').countDocuments({ internetMessageId });

  /** Body reads that never answer: the run can only stop with their senders owed. */
  const unansweredReads = () => {
    let asked = 0;
    const readBodies = (_ids: string[], signal: AbortSignal) => {
      asked++;
      return new Promise<never>((_resolve, reject) => {
        if (signal.aborted) reject(signal.reason as Error);
        signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
      });
    };
    return { readBodies, asked: () => asked };
  };

  async function deliverAndSync(at: string, title: string, mobile: string, office?: string) {
    const delivered = await deliver(at, `Quote (${title})`, title, mobile, office);
    // One run stores the message and then reads its sender's signature. The workers keep running
    // until both happened: stopping them in between would abort the read, and the next run would
    // not see the message again.
    await syncUntil(app, async () => {
      const stored = await storedPoints(delivered.internetMessageId);
      const contact = await app.database.db.collection('contacts').findOne({ email: person.address });
      const checked = contact?.signatureCheckedAt as Date | undefined;
      return stored === 1 && checked !== undefined && checked >= new Date(at);
    });
  }

  const lookupBody = async () =>
    (await user<ContactsBody>('GET', `/api/contacts?emails=${person.address}`)).body;
  const lookup = async () => (await lookupBody()).contacts[0]!;

  it('shows the title, typed E.164 phone and company of a new sender', async () => {
    await deliverAndSync('2026-10-01T09:00:00Z', 'Sales Manager', '090-1234-5678');
    const contact = await lookup();
    expect(contact.signature).toMatchObject({
      title: 'Sales Manager',
      phones: [{ type: 'mobile', number: '+819012345678' }],
      company: 'Northwind Traders Co., Ltd.',
    });
    expect(contact.company).toBe('Northwind Traders Co., Ltd.'); // the signature beats the name guessed from the domain
    // …and so does the company the card is grouped under.
    const domain = person.address.split('@')[1]!;
    expect((await lookupBody()).companies).toEqual([
      expect.objectContaining({ domain, name: 'Northwind Traders Co., Ltd.' }),
    ]);
  });

  it('shows the newer title and phone after the signature changed', async () => {
    await deliverAndSync('2026-11-02T09:00:00Z', 'Director of Sales', '080-9876-5432');
    expect((await lookup()).signature).toMatchObject({
      title: 'Director of Sales',
      phones: [{ type: 'mobile', number: '+818098765432' }],
    });
  });

  it('an older email arriving late does not bring the old title back', async () => {
    const late = await deliver('2026-06-01T09:00:00Z', 'Old thread', 'Sales Representative', '070-1111-2222');
    await syncUntil(app, async () => (await storedPoints(late.internetMessageId)) === 1);
    expect((await lookup()).signature).toMatchObject({ title: 'Director of Sales' });
  });

  it('a hostile body from a stranger neither stalls the sync nor keeps the next signature from being read', async () => {
    const strangers = [
      // Each of these took minutes of one worker's event loop with the old patterns.
      { address: 'spaces@attacker.example', body: `Hi\n\n${' '.repeat(8000)}x\n\nThanks,\nEve`, html: false },
      { address: 'ideographic@attacker.example', body: `<div>${'\u3000'.repeat(8000)}x</div>`, html: true },
    ];
    for (const [i, stranger] of strangers.entries()) {
      await control(emulator, 'POST', `mailboxes/${owner.id}/messages`, {
        from: { name: 'Eve Mallory', address: stranger.address },
        to: [{ name: owner.displayName, address: owner.mail }],
        subject: `Hostile ${i}`,
        body: { contentType: stranger.html ? 'html' : 'text', content: stranger.body },
        receivedDateTime: `2026-12-0${i + 1}T09:00:00Z`,
      });
    }
    await deliverAndSync('2026-12-05T09:00:00Z', 'Head of Sales', '080-5555-1212');
    for (const stranger of strangers) {
      const contact = await app.database.db.collection('contacts').findOne({ email: stranger.address });
      expect(contact?.signatureCheckedAt).toBeInstanceOf(Date);
    }
    expect((await lookup()).signature).toMatchObject({ title: 'Head of Sales' });
  });

  it('keeps the extension written after an office number, to be dialled after it', async () => {
    await deliverAndSync('2026-12-10T09:00:00Z', 'Head of Sales', '080-5555-1212', '03-1234-5678 ext. 204');
    expect((await lookup()).signature?.phones).toEqual([
      { type: 'office', number: '+81312345678', extension: '204' },
      { type: 'mobile', number: '+818055551212' },
    ]);
  });

  it('a signature a stopped run had not read yet is read by the next run of the mailbox', async () => {
    const at = '2026-12-20T09:00:00Z';
    const delivered = await deliver(at, 'Quote (new role)', 'Vice President of Sales', '080-7777-3434');
    // This run stores the message, but its body cannot be read before the worker stops.
    const reads = unansweredReads();
    await syncUntil(
      app,
      async () => reads.asked() > 0 && (await storedPoints(delivered.internetMessageId)) === 1,
      { driverFor: driverWith(app, { readBodies: reads.readBodies }) },
    );
    const backlog = app.database.db.collection('signatureBacklog');
    const kept = await backlog.findOne({ _id: integrationId(contosoId, owner.id) as never });
    expect(kept?.owed).toEqual([expect.objectContaining({ email: person.address, at: new Date(at) })]);
    expect((await lookup()).signature?.title).toBe('Head of Sales');

    // No new mail: the next run reads what the stopped one owed, and the backlog is gone.
    await syncUntil(app, async () => (await lookup()).signature?.title === 'Vice President of Sales');
    expect((await lookup()).signature?.phones).toEqual([{ type: 'mobile', number: '+818077773434' }]);
    expect(await backlog.countDocuments({})).toBe(0);
  });

  it('a worker that dies while a signature is being read loses it to nobody: it is kept before the position moves', async () => {
    const at = '2026-12-22T09:00:00Z';
    const delivered = await deliver(
      at,
      'Quote (promotion)',
      'Senior Vice President of Sales',
      '080-5555-1212',
    );
    const backlog = app.database.db.collection('signatureBacklog');
    const mailbox = integrationId(contosoId, owner.id);
    // A folder's position is saved in the same update as its message count.
    const messagesCounted = async () => {
      const doc = await app.database.db.collection('integrations').findOne({ _id: mailbox as never });
      return (doc?.counts as { messages?: number } | undefined)?.messages ?? 0;
    };
    const before = await messagesCounted();
    const reads = unansweredReads();
    let keptWhileReading = false;
    await syncUntil(
      app,
      async () => {
        if (reads.asked() === 0 || (await storedPoints(delivered.internetMessageId)) === 0) return false;
        if ((await messagesCounted()) === before) return false;
        // The run still waits for the body, and has not stopped: were the worker killed now, this
        // is what the next run would find.
        const kept = await backlog.findOne({ _id: mailbox as never });
        keptWhileReading =
          (kept?.owed as Array<{ email: string; at: Date }> | undefined)?.some(
            (o) => o.email === person.address && o.at.getTime() === new Date(at).getTime(),
          ) ?? false;
        return keptWhileReading;
      },
      { driverFor: driverWith(app, { readBodies: reads.readBodies }) },
    );
    expect(keptWhileReading).toBe(true);
    await syncUntil(app, async () => (await lookup()).signature?.title === 'Senior Vice President of Sales');
    expect(await backlog.countDocuments({})).toBe(0);
  });

  /** The product's driver, with body reads counted per message and answered only when `answer` says so. */
  const countedReads = (answer: (messageId: string, asked: number) => boolean) => {
    const asked = new Map<string, number>();
    const driverFor: NonNullable<Parameters<typeof syncUntil>[2]>['driverFor'] = (integration, budget) => {
      const real = driverWith(app, {})(integration, budget);
      return Object.assign(Object.create(real) as typeof real, {
        readBodies: async (ids: string[], signal: AbortSignal) => {
          for (const id of ids) asked.set(id, (asked.get(id) ?? 0) + 1);
          const answered = ids.filter((id) => answer(id, asked.get(id)!));
          return answered.length > 0 ? real.readBodies(answered, signal) : new Map();
        },
      });
    };
    return { driverFor, asked: (id: string) => asked.get(id) ?? 0 };
  };
  const graphIdOf = async (internetMessageId: string) =>
    (await app.database.db.collection('contactPoints').findOne({ internetMessageId }))?.graphMessageId as
      string | undefined;

  it('a body a run asked for in vain is asked for again by the next two runs, and then left for the next message', async () => {
    const backlog = app.database.db.collection('signatureBacklog');
    const lastSync = async () =>
      (
        await app.database.db
          .collection('integrations')
          .findOne({ _id: integrationId(contosoId, owner.id) as never })
      )?.lastSyncAt as Date | undefined;

    // Never answered (throttled past every wait, or gone): three runs ask, then none.
    const unanswered = await deliver(
      '2026-12-23T09:00:00Z',
      'Quote (EMEA)',
      'Sales Director, EMEA',
      '080-3333-4545',
    );
    const never = countedReads(() => false);
    await syncUntil(
      app,
      async () => {
        const id = await graphIdOf(unanswered.internetMessageId);
        return id !== undefined && never.asked(id) >= 3 && (await backlog.countDocuments({})) === 0;
      },
      { driverFor: never.driverFor },
    );
    const id = (await graphIdOf(unanswered.internetMessageId))!;
    expect(never.asked(id)).toBe(3);
    // Two more finished runs of the mailbox ask nothing more.
    const finished = new Set<number>([(await lastSync())?.getTime() ?? 0]);
    await syncUntil(
      app,
      async () => {
        finished.add((await lastSync())?.getTime() ?? 0);
        return finished.size >= 3;
      },
      { driverFor: never.driverFor },
    );
    expect(never.asked(id)).toBe(3);
    expect((await lookup()).signature?.title).toBe('Senior Vice President of Sales');

    // Unanswered once (the run ends before the throttling does): the next run reads it.
    const later = await deliver(
      '2026-12-23T15:00:00Z',
      'Quote (region)',
      'Regional Sales Director',
      '080-6666-7878',
    );
    const once = countedReads((_id, asked) => asked > 1);
    await syncUntil(app, async () => (await lookup()).signature?.title === 'Regional Sales Director', {
      driverFor: once.driverFor,
    });
    expect(once.asked((await graphIdOf(later.internetMessageId))!)).toBe(2);
    expect(await backlog.countDocuments({})).toBe(0);
  });

  it('keeps nothing owed for a mailbox unlinked while its run was reading', async () => {
    const delivered = await deliver(
      '2026-12-24T09:00:00Z',
      'Quote (last)',
      'Chief Sales Officer',
      '080-2222-9090',
    );
    const reads = unansweredReads();
    let unlinked = 0;
    await syncUntil(
      app,
      async () => {
        if (reads.asked() === 0 || (await storedPoints(delivered.internetMessageId)) === 0) return false;
        // The admin unlinks the mailbox while its run waits for the body; then the run stops.
        unlinked ||= (await admin('POST', `/api/admin/tenants/${contosoId}/integrations/${owner.id}/unlink`))
          .status;
        return true;
      },
      { driverFor: driverWith(app, { readBodies: reads.readBodies }) },
    );
    expect(unlinked).toBe(200);
    expect(await app.database.db.collection('signatureBacklog').countDocuments({})).toBe(0);
    expect((await lookup()).signature?.title).toBe('Regional Sales Director');
  });

  it('stores no message body anywhere', async () => {
    const db = app.database.db;
    for (const name of ['contactPoints', 'contacts', 'timelines', 'companies']) {
      const docs = await db.collection(name).find({}).toArray();
      expect(JSON.stringify(docs)).not.toContain('Thank you for the meeting yesterday');
    }
  });
});
