import { bodyOf, parseAddressList, toMailMessage } from '../../../server/providers/google/gmail-message';

describe('Gmail messages as extraction reads them', () => {
  it('parses address lists as mail clients write them', () => {
    expect(
      parseAddressList('"Carter, Olivia" <olivia@contoso.com>, bob@example.org; Ann Lee <ann@x.co> (work)'),
    ).toEqual([
      { name: 'Carter, Olivia', address: 'olivia@contoso.com' },
      { name: '', address: 'bob@example.org' },
      { name: 'Ann Lee', address: 'ann@x.co' },
    ]);
    expect(parseAddressList('undisclosed-recipients:;')).toEqual([]);
    expect(parseAddressList(undefined)).toEqual([]);
  });

  it('reads at most 1,000 addresses from the first 64 KB of a header', () => {
    const parsed = parseAddressList('x@example.com,'.repeat(100_000));
    expect(parsed).toHaveLength(1000);
    expect(parseAddressList(`${'"'.repeat(70_000)}late@example.com`)).toEqual([]);
  });

  it('reads headers, labels and dates from format=metadata', () => {
    const message = toMailMessage({
      id: '18c0a1',
      threadId: '18c0a0',
      labelIds: ['SENT'],
      internalDate: '1700000000000',
      payload: {
        headers: [
          { name: 'From', value: 'Olivia Carter <olivia@tailspintoys.com>' },
          { name: 'To', value: 'ken@example.jp' },
          { name: 'Date', value: 'Tue, 14 Nov 2023 22:13:20 +0000' },
          { name: 'Message-ID', value: '<abc@mail.example>' },
          { name: 'List-Id', value: '<news.example.com>' },
        ],
      },
    });
    expect(message).toMatchObject({
      id: '18c0a1',
      conversationId: '18c0a0',
      internetMessageId: '<abc@mail.example>',
      from: { address: 'olivia@tailspintoys.com', name: 'Olivia Carter' },
      to: [{ address: 'ken@example.jp', name: '' }],
      receivedAt: '2023-11-14T22:13:20.000Z',
      sentAt: '2023-11-14T22:13:20.000Z',
      isDraft: false,
      headers: { 'list-id': '<news.example.com>' },
    });
  });

  it('takes the plain part of a body, else the HTML part', () => {
    const part = (mimeType: string, text: string) => ({
      mimeType,
      body: { data: Buffer.from(text).toString('base64url') },
    });
    expect(
      bodyOf({
        payload: {
          mimeType: 'multipart/alternative',
          parts: [part('text/html', '<p>Hi</p>'), part('text/plain', 'Hi')],
        },
      }),
    ).toEqual({ contentType: 'text', content: 'Hi' });
    expect(bodyOf({ payload: part('text/html', '<p>Hi</p>') })).toEqual({
      contentType: 'html',
      content: '<p>Hi</p>',
    });
  });
});
