import { parseSignature, type SignatureInput } from '../../../server/extraction/signatures';

const text = (body: string, sender: SignatureInput['sender'], defaultRegion?: string): SignatureInput => ({
  body,
  contentType: 'text',
  sender,
  defaultRegion,
});

describe('signature parsing: hand-written edge cases', () => {
  it('finds nothing in a message without a signature', () => {
    const result = parseSignature(
      text('Can you send me the latest version of the deck before the call?\n', {
        name: 'Alex Wilber',
        address: 'alexw@contoso.com',
      }),
    );
    expect(result).toEqual({ lines: [], fields: { phones: [] } });
  });

  it('reads a sign-off and a first name as a signature with only a name', () => {
    const result = parseSignature(
      text('Here are the numbers for October.\n\nThanks,\nDiane\n', {
        name: 'Diane Prescott',
        address: 'diane.prescott@fabrikam.com',
      }),
    );
    expect(result).toEqual({ lines: ['Thanks,', 'Diane'], fields: { name: 'Diane', phones: [] } });
  });

  it('does not take a closing without a name for a signature', () => {
    const result = parseSignature(
      text('Please confirm the delivery date.\n\nThanks!\n', { address: 'buyer@tailspintoys.com' }),
    );
    expect(result).toEqual({ lines: [], fields: { phones: [] } });
  });

  it('leaves a disclaimer after the signature out of lines and fields', () => {
    const body = [
      'Dear Ms. Chen,',
      '',
      'Please find our revised quotation attached.',
      '',
      'Kind regards,',
      'Robert Miller',
      'Account Manager | Sales',
      'Northwind Traders',
      'T: +1 206 555 0147 | M: +1 425 555 0112',
      '2200 Westlake Ave, Seattle, WA 98121, USA',
      'robert.miller@northwindtraders.com | https://www.northwindtraders.com',
      '',
      'CONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and intended solely for the',
      'addressee. If you have received it in error, please notify the sender and delete it.',
    ].join('\n');
    const result = parseSignature(
      text(body, { name: 'Robert Miller', address: 'robert.miller@northwindtraders.com' }),
    );
    expect(result.lines).toEqual([
      'Kind regards,',
      'Robert Miller',
      'Account Manager | Sales',
      'Northwind Traders',
      'T: +1 206 555 0147 | M: +1 425 555 0112',
      '2200 Westlake Ave, Seattle, WA 98121, USA',
      'robert.miller@northwindtraders.com | https://www.northwindtraders.com',
    ]);
    expect(result.fields).toEqual({
      name: 'Robert Miller',
      title: 'Account Manager',
      department: 'Sales',
      company: 'Northwind Traders',
      phones: [
        { type: 'office', number: '+12065550147', raw: '+1 206 555 0147' },
        { type: 'mobile', number: '+14255550112', raw: '+1 425 555 0112' },
      ],
      email: 'robert.miller@northwindtraders.com',
      address: '2200 Westlake Ave, Seattle, WA 98121, USA',
      url: 'https://www.northwindtraders.com',
    });
  });

  it('never attributes a colleague signature quoted below an Outlook reply header', () => {
    const body = [
      'Sounds good to me, go ahead.',
      '',
      '-----Original Message-----',
      'From: Bob Jones <bob.jones@contoso.com>',
      'Sent: Monday, March 4, 2024 9:12 AM',
      'To: Megan Bowen <megan@fabrikam.com>',
      'Subject: Contract renewal',
      '',
      'Shall we renew for another year?',
      '',
      'Best regards,',
      'Bob Jones',
      'Sales Manager, Contoso Ltd.',
      'Tel: +1 425 555 0100',
    ].join('\n');
    const result = parseSignature(text(body, { name: 'Megan Bowen', address: 'megan@fabrikam.com' }));
    expect(result).toEqual({ lines: [], fields: { phones: [] } });
  });

  it('never attributes a signature inside "> " quoting after an "On … wrote:" line', () => {
    const body = [
      'Yes, Thursday works.',
      '',
      'On Tue, Mar 5, 2024 at 10:01 AM Bob Jones <bob.jones@contoso.com> wrote:',
      '> Would Thursday work for you?',
      '>',
      '> Bob Jones',
      '> Sales Manager',
      '> +1 425 555 0100',
    ].join('\n');
    const result = parseSignature(text(body, { name: 'Megan Bowen', address: 'megan@fabrikam.com' }));
    expect(result).toEqual({ lines: [], fields: { phones: [] } });
  });

  it('never attributes a quoted Japanese signature after "…さんは書きました:"', () => {
    const body = [
      '承知しました。',
      '',
      '鈴木 花子 さんは書きました:',
      '> ご確認ください。',
      '> 株式会社サンプル',
      '> 営業部 課長',
      '> 鈴木 花子',
      '> TEL：03-1234-5678',
    ].join('\n');
    const result = parseSignature(text(body, { name: '山田 太郎', address: 'yamada@example.co.jp' }));
    expect(result).toEqual({ lines: [], fields: { phones: [] } });
  });

  it('gives no fields for a bare "Sent from my iPhone"', () => {
    const result = parseSignature(
      text('Sounds good.\n\nSent from my iPhone\n', { name: 'Adele Vance', address: 'adele@contoso.com' }),
    );
    expect(result).toEqual({ lines: [], fields: { phones: [] } });
  });

  it('keeps "Sent from my iPhone" out of the lines and fields of a signature above it', () => {
    const result = parseSignature(
      text('On my way.\n\nCheers,\nAdele\n\nSent from my iPhone\n', {
        name: 'Adele Vance',
        address: 'adele@contoso.com',
      }),
    );
    expect(result).toEqual({
      lines: ['Cheers,', 'Adele'],
      fields: { name: 'Adele', phones: [] },
    });
  });

  it('reads full-width digits and separators in a Japanese signature', () => {
    const body = [
      '田中様',
      '',
      'いつもお世話になっております。',
      '見積書を添付いたします。',
      '',
      'よろしくお願いいたします。',
      '',
      '━━━━━━━━━━━━━━━━━━━━',
      '株式会社サクラ精機',
      '海外事業部　部長',
      '山田 太郎（Taro Yamada）',
      '〒100-0005 東京都千代田区丸の内１－６－５ 丸の内北口ビル１２F',
      'TEL：０３－１２３４－５６７８　FAX：０３－１２３４－５６７９',
      '携帯：０９０ー１２３４ー５６７８',
      'E-mail：t.yamada@sakura-seiki.co.jp',
      'URL：https://www.sakura-seiki.co.jp/',
      '━━━━━━━━━━━━━━━━━━━━',
    ].join('\n');
    const result = parseSignature(text(body, { name: '山田 太郎', address: 't.yamada@sakura-seiki.co.jp' }));
    expect(result.lines[0]).toBe('よろしくお願いいたします。');
    expect(result.lines).toHaveLength(11);
    expect(result.fields).toEqual({
      name: '山田 太郎',
      title: '部長',
      department: '海外事業部',
      company: '株式会社サクラ精機',
      phones: [
        { type: 'office', number: '+81312345678', raw: '０３－１２３４－５６７８' },
        { type: 'fax', number: '+81312345679', raw: '０３－１２３４－５６７９' },
        { type: 'mobile', number: '+819012345678', raw: '０９０ー１２３４ー５６７８' },
      ],
      email: 't.yamada@sakura-seiki.co.jp',
      address: '〒100-0005 東京都千代田区丸の内1-6-5 丸の内北口ビル12F',
      url: 'https://www.sakura-seiki.co.jp/',
    });
  });

  it('reads a vCard pasted as the signature', () => {
    const body = [
      'Please add me to your address book.',
      '',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:Doe;Jane;;;',
      'FN:Jane Doe',
      'ORG:Fabrikam\\, Inc.;Engineering',
      'TITLE:Director of Engineering',
      'TEL;TYPE=WORK,VOICE:+1 425 555 0100',
      'TEL;TYPE=CELL:(425) 555-0199',
      'EMAIL;TYPE=INTERNET:jane.doe@fabrikam.com',
      'URL:https://www.fabrikam.com',
      'ADR;TYPE=WORK:;;1 Microsoft Way;Redmond;WA;98052;USA',
      'END:VCARD',
    ].join('\n');
    const result = parseSignature(text(body, { name: 'Jane Doe', address: 'jane.doe@fabrikam.com' }));
    expect(result.lines).toHaveLength(12);
    expect(result.fields).toEqual({
      name: 'Jane Doe',
      title: 'Director of Engineering',
      department: 'Engineering',
      company: 'Fabrikam, Inc.',
      phones: [
        { type: 'office', number: '+14255550100', raw: '+1 425 555 0100' },
        { type: 'mobile', number: '+14255550199', raw: '(425) 555-0199' },
      ],
      email: 'jane.doe@fabrikam.com',
      address: '1 Microsoft Way, Redmond, WA, 98052, USA',
      url: 'https://www.fabrikam.com',
    });
  });

  it('reads a vCard-like block of labelled lines', () => {
    const body = [
      'See you on Monday.',
      '',
      'Name: Jane Doe',
      'Title: Director of Engineering',
      'Company: Fabrikam, Inc.',
      'Phone: +1 (425) 555-0100',
      'Fax: +1 (425) 555-0101',
      'Email: jane.doe@fabrikam.com',
      'Web: www.fabrikam.com',
      'Address: 1 Microsoft Way, Redmond, WA 98052',
    ].join('\n');
    const result = parseSignature(text(body, { name: 'Jane Doe', address: 'jane.doe@fabrikam.com' }));
    expect(result.lines).toHaveLength(8);
    expect(result.fields).toEqual({
      name: 'Jane Doe',
      title: 'Director of Engineering',
      company: 'Fabrikam, Inc.',
      phones: [
        { type: 'office', number: '+14255550100', raw: '+1 (425) 555-0100' },
        { type: 'fax', number: '+14255550101', raw: '+1 (425) 555-0101' },
      ],
      email: 'jane.doe@fabrikam.com',
      address: '1 Microsoft Way, Redmond, WA 98052',
      url: 'www.fabrikam.com',
    });
  });

  it('reads a mixed English and Japanese signature', () => {
    const body = [
      'Hi Megan,',
      '',
      'The samples will ship on Friday.',
      '',
      'Best regards,',
      '-------------------------------------------',
      '佐藤 健 / Ken Sato',
      '株式会社みなと電機 海外事業部 マネージャー',
      'TEL 045-123-4567 / FAX 045-123-4568 / Mobile 080-1111-2222',
      'Mail ken.sato@minato-denki.co.jp',
      '-------------------------------------------',
    ].join('\n');
    const result = parseSignature(text(body, { name: 'Ken Sato', address: 'ken.sato@minato-denki.co.jp' }));
    expect(result.lines).toEqual(body.split('\n').slice(4));
    expect(result.fields).toEqual({
      name: '佐藤 健',
      title: 'マネージャー',
      department: '海外事業部',
      company: '株式会社みなと電機',
      phones: [
        { type: 'office', number: '+81451234567', raw: '045-123-4567' },
        { type: 'fax', number: '+81451234568', raw: '045-123-4568' },
        { type: 'mobile', number: '+818011112222', raw: '080-1111-2222' },
      ],
      email: 'ken.sato@minato-denki.co.jp',
    });
  });
});
