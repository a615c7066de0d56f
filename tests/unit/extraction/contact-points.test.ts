import {
  extractContactPoint,
  messageKeyOf,
  type ExtractionContext,
} from '../../../server/extraction/contact-points';
import { companyNameFromDomain, isInDomains, registrableDomain } from '../../../server/extraction/domains';
import type { MailMessage } from '../../../server/extraction/message';

const context: ExtractionContext = {
  ownAddresses: new Set(['megan@contoso.com']),
  internalDomains: new Set(['contoso.com', 'contoso.co.jp']),
  excludedDomains: new Set(['spam-partner.com']),
  excludedAddresses: new Set(['private@fabrikam.com']),
  keepSubjects: true,
};

function message(overrides: Partial<MailMessage>): MailMessage {
  return {
    id: 'AAMk1',
    internetMessageId: '<abc@fabrikam.com>',
    conversationId: 'conv-1',
    subject: 'Quote for Q3',
    from: { address: 'Lee.Gu@Fabrikam.com', name: 'Lee Gu' },
    to: [{ address: 'megan@contoso.com', name: 'Megan Bowen' }],
    cc: [],
    bcc: [],
    receivedAt: '2026-03-02T09:00:00Z',
    sentAt: '2026-03-02T08:59:58Z',
    isDraft: false,
    headers: {},
    ...overrides,
  };
}

describe('a message becomes a contact point', () => {
  it('received from an external person: direction, time, normalised participant, subject', () => {
    const point = extractContactPoint(message({}), context);
    expect(point).toMatchObject({
      direction: 'received',
      occurredAt: new Date('2026-03-02T09:00:00Z'),
      external: [{ email: 'lee.gu@fabrikam.com', name: 'Lee Gu', domain: 'fabrikam.com' }],
      externalSender: { email: 'lee.gu@fabrikam.com' },
      subject: 'Quote for Q3',
      conversationId: 'conv-1',
      internetMessageId: '<abc@fabrikam.com>',
    });
  });

  it('sent by the colleague: every external recipient, including bcc, at the sent time; colleagues left out', () => {
    const point = extractContactPoint(
      message({
        from: { address: 'megan@contoso.com', name: 'Megan' },
        to: [
          { address: 'a@northwind.co.jp', name: 'A' },
          { address: 'adele@contoso.co.jp', name: 'Adele' },
        ],
        cc: [{ address: 'b@northwind.co.jp', name: '' }],
        bcc: [{ address: 'c@tailspin.com', name: 'C' }],
      }),
      context,
    );
    expect(point).toMatchObject({
      direction: 'sent',
      occurredAt: new Date('2026-03-02T08:59:58Z'),
      externalSender: null,
    });
    expect(typeof point !== 'string' && point.external.map((e) => e.email)).toEqual([
      'a@northwind.co.jp',
      'b@northwind.co.jp',
      'c@tailspin.com',
    ]);
  });

  it('leaves out internal-only mail, drafts, automated senders and mailing lists', () => {
    expect(
      extractContactPoint(message({ from: { address: 'adele@contoso.co.jp', name: 'Adele' } }), context),
    ).toBe('internal_only');
    expect(extractContactPoint(message({ isDraft: true }), context)).toBe('draft');
    expect(
      extractContactPoint(message({ from: { address: 'no-reply@fabrikam.com', name: '' } }), context),
    ).toBe('automated');
    expect(
      extractContactPoint(message({ from: { address: 'MAILER-DAEMON@fabrikam.com', name: '' } }), context),
    ).toBe('automated');
    expect(extractContactPoint(message({ headers: { 'list-id': '<news.fabrikam.com>' } }), context)).toBe(
      'automated',
    );
    expect(extractContactPoint(message({ headers: { precedence: 'bulk' } }), context)).toBe('automated');
    expect(extractContactPoint(message({ headers: { 'auto-submitted': 'auto-replied' } }), context)).toBe(
      'automated',
    );
    expect(extractContactPoint(message({ headers: { 'auto-submitted': 'no' } }), context)).not.toBe(
      'automated',
    );
  });

  it('leaves out excluded addresses and domains (and their subdomains)', () => {
    expect(
      extractContactPoint(message({ from: { address: 'private@fabrikam.com', name: '' } }), context),
    ).toBe('excluded');
    expect(
      extractContactPoint(message({ from: { address: 'x@mail.spam-partner.com', name: '' } }), context),
    ).toBe('excluded');
  });

  it('skips what cannot be read, with a reason', () => {
    expect(extractContactPoint(message({ from: null }), context)).toBe('missing_sender');
    expect(extractContactPoint(message({ from: { address: 'not an address', name: 'X' } }), context)).toBe(
      'missing_sender',
    );
    expect(extractContactPoint(message({ receivedAt: 'yesterday', sentAt: null }), context)).toBe(
      'invalid_date',
    );
    const crowd = Array.from({ length: 201 }, (_, i) => ({ address: `p${i}@fabrikam.com`, name: '' }));
    expect(extractContactPoint(message({ to: crowd }), context)).toBe('too_many_recipients');
  });

  it('drops invalid recipient addresses but keeps the valid ones', () => {
    const point = extractContactPoint(
      message({
        cc: [
          { address: 'broken@@x', name: '' },
          { address: 'ok@tailspin.com', name: '' },
        ],
      }),
      context,
    );
    expect(typeof point !== 'string' && point.external.map((e) => e.email)).toEqual([
      'lee.gu@fabrikam.com',
      'ok@tailspin.com',
    ]);
  });

  it('keeps no subject when the organisation hides subjects', () => {
    expect(extractContactPoint(message({}), { ...context, keepSubjects: false })).toMatchObject({
      subject: null,
    });
  });

  it('keys a message by its Internet message id, so the copies in inbox and sent items are one contact point', () => {
    expect(messageKeyOf(message({ id: 'inbox-copy' }))).toBe(messageKeyOf(message({ id: 'sent-copy' })));
    expect(messageKeyOf(message({ internetMessageId: null, id: 'a' }))).not.toBe(
      messageKeyOf(message({ internetMessageId: null, id: 'b' })),
    );
  });
});

describe('domains', () => {
  it('finds the registrable domain and a readable company name', () => {
    expect(registrableDomain('mail.eu.contoso.com')).toBe('contoso.com');
    expect(registrableDomain('sales.northwind.co.jp')).toBe('northwind.co.jp');
    expect(companyNameFromDomain('northwind-traders.co.jp')).toBe('Northwind Traders');
  });

  it('treats subdomains of internal domains as internal', () => {
    expect(isInDomains('tokyo.contoso.com', new Set(['contoso.com']))).toBe(true);
    expect(isInDomains('notcontoso.com', new Set(['contoso.com']))).toBe(false);
  });
});
