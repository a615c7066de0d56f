import { detectSignatureLines, parseSignature } from '../../../server/extraction/signatures';

const lines = (text: string, sender?: { name?: string; address: string }): number[] =>
  [...detectSignatureLines(text, sender)].sort((a, b) => a - b);

describe('signature lines', () => {
  it('marks a closing and the name under it, not the body', () => {
    const text = 'Please review the attached draft.\n\nRegards,\n\nBert Meyers\n';
    expect(lines(text, { name: 'Meyers, Albert', address: 'bert.meyers@enron.com' })).toEqual([2, 4]);
  });

  it('recognises the sender by a short form of the name ("Tom" for Thomas)', () => {
    expect(lines('Lunch next Tuesday?\n\nTom', { name: 'Rosendahl, Thomas G.', address: '' })).toEqual([2]);
  });

  it('does not stop at a full contact block with a separator line', () => {
    const text = [
      'I received your request this morning.',
      '',
      '________________________________________',
      'Gary Hewitt',
      'Web Content Manager',
      'Watson Wyatt Worldwide',
      '1717 H Street NW * Washington, DC 20006',
      'tel: 202-715-7098 * fax: 202-715-4953',
    ].join('\n');
    expect(lines(text, { name: 'Gary Hewitt', address: 'gary.hewitt@watsonwyatt.com' })).toEqual([
      2, 3, 4, 5, 6, 7,
    ]);
  });

  it('finds nothing in a list of names or a table of numbers', () => {
    const list = 'Please welcome:\n\nMark Frevert\nSteve Kean\nMike McConnell';
    const table = 'Numbers for the holidays:\nDecember 20+21\t281-358-8576\nCell\t\t\t713-412-8730';
    expect(lines(list, { name: 'Office of the Chairman', address: 'chairman@enron.com' })).toEqual([]);
    expect(lines(table, { name: 'Scott Goodell', address: 'scott.goodell@enron.com' })).toEqual([]);
  });

  it('ignores everything from the first reply or forward header on', () => {
    const headers = [
      '-----Original Message-----',
      '---------------------- Forwarded by Barry Tycholiz/HOU/ECT on 12/10/2001 ---------------------------',
      '---------- Forwarded message ---------',
      '________________________________\nFrom: Bob Jones <bob@contoso.com>\nSent: Monday\nTo: Kim',
      'From: Bob Jones [mailto:bob@contoso.com]\nSent: Monday, March 4, 2024 9:12 AM\nTo: Kim\nSubject: Re',
      '差出人: 鈴木 花子 <suzuki@example.co.jp>\n送信日時: 2024年3月4日 9:12\n宛先: 山田 太郎',
      '2024年3月5日(火) 10:00 鈴木 花子 <suzuki@example.co.jp>:',
      'On Tue, Mar 5, 2024 at 10:01 AM Bob Jones <bob@contoso.com>\nwrote:',
      'Barry Tycholiz@ECT\n12/10/2001 10:33 AM\nTo: Kim Ward/HOU/ECT@ECT\ncc:\nSubject: Confirm',
    ];
    for (const header of headers) {
      const text = `Agreed.\n\nThanks,\nKim\n\n${header}\n\nBob Jones\nSales Manager\nTel: +1 425 555 0100`;
      expect(lines(text, { name: 'Kim Ward', address: 'kim.ward@enron.com' })).toEqual([2, 3]);
    }
  });

  it('stops a Japanese signature at the disclaimer under its closing rule', () => {
    const text = [
      'ご確認ください。',
      '',
      'よろしくお願いいたします。',
      '-------------------------------------------',
      '中村 亮 / Ryo Nakamura',
      '株式会社サクラ精機 海外事業部 マネージャー',
      'TEL 03-8585-1795 / FAX 03-8585-1796',
      '-------------------------------------------',
      '本メールには機密情報が含まれている場合があります。誤って受信された場合は、送信者にご連絡のうえ削除してください。',
    ].join('\n');
    expect(lines(text, { name: '中村 亮', address: 'nakamura.ryo@sakura-seiki.co.jp' })).toEqual([
      2, 3, 4, 5, 6, 7,
    ]);
  });
});

describe('phone numbers', () => {
  const phonesOf = (signature: string, address: string, defaultRegion?: string) =>
    parseSignature({
      body: `Noted.\n\nThanks,\n${signature}`,
      contentType: 'text',
      sender: { address },
      defaultRegion,
    }).fields.phones;

  it('types numbers by the label before or after them, and leaves unlabelled ones "other"', () => {
    expect(
      phonesOf(
        'John Oh\nEnron North America\t\t503.464.5066\nPortland\t\t503.701.1160 (cell)\nFax 503.464.3740',
        'john.oh@enron.com',
      ),
    ).toEqual([
      { type: 'other', number: '+15034645066', raw: '503.464.5066' },
      { type: 'mobile', number: '+15037011160', raw: '503.701.1160' },
      { type: 'fax', number: '+15034643740', raw: '503.464.3740' },
    ]);
  });

  it('takes the region from the sender domain (.co.uk → GB), or the one given', () => {
    expect(phonesOf('Olivia Carter\nT 020 7946 0958\nM 07700 900123', 'olivia@trey.co.uk')).toEqual([
      { type: 'office', number: '+442079460958', raw: '020 7946 0958' },
      { type: 'mobile', number: '+447700900123', raw: '07700 900123' },
    ]);
    expect(phonesOf('Taro Yamada\n直通：03-6555-1234', 'taro@example.com', 'JP')).toEqual([
      { type: 'office', number: '+81365551234', raw: '03-6555-1234' },
    ]);
  });

  it('finds the country of national numbers that do not fit the default region', () => {
    expect(
      phonesOf(
        'Lena Fischer\nLucerne Publishing\nOffice: 030 1856591\nMobile: 0151 43253571',
        'lena@lucernepublishing.com',
      ),
    ).toEqual([
      { type: 'office', number: '+49301856591', raw: '030 1856591' },
      { type: 'mobile', number: '+4915143253571', raw: '0151 43253571' },
    ]);
  });

  it('keeps internal extensions as written, without a country, and drops numbers too short to dial', () => {
    expect(phonesOf('Susan\nx-37059\n*7086', 'susan@enron.com')).toEqual([
      { type: 'office', number: 'x37059', raw: 'x-37059' },
      { type: 'office', number: 'x7086', raw: '*7086' },
    ]);
    expect(phonesOf('Susan\n555-01', 'susan@enron.com')).toEqual([]);
  });
});
