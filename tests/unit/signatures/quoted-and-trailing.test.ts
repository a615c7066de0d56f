import { parseSignature } from '../../../server/extraction/signatures';

/**
 * Where real business mail broke the parser: quoted headers it did not recognise (so a quoted
 * sender's block came back as the author's), and material below the signature (attachment lists,
 * unknown disclaimers, list footers) that made the search from the bottom give up. Every example
 * here is constructed; none is taken from a data set.
 */

const kim = { name: 'Kim Ward', address: 'kim.ward@northwind.com' };
const own = ['Agreed, I will send the revised schedule tomorrow.', '', 'Thanks,', 'Kim'];
const linesOf = (body: string, sender: { name?: string; address: string } = kim) =>
  parseSignature({ body, contentType: 'text', sender }).lines;

const QUOTED_SENDER_BLOCK = [
  'John Smith',
  'Vice President, Trading',
  'Fabrikam Energy',
  'Tel: (713) 555-0148',
];

describe('quoted parts are cut before the signature is looked for', () => {
  const headers: Record<string, string[]> = {
    'a Lotus Notes header (name, date, To/cc/Subject)': [
      'John Smith',
      '05/14/2001 10:22 AM',
      'To: Kim Ward/HOU/ECT@ECT',
      'cc: Sally Beck/HOU/ECT@ECT',
      'Subject: Re: Storage deal',
    ],
    'a Lotus Notes header with the address and "on" the date': [
      '"John Smith" <john.smith@fabrikam.com> on 05/14/2001 10:22:13 AM',
      'To: <kim.ward@northwind.com>',
      'cc:',
      'Subject: Re: Storage deal',
    ],
    'a Lotus Notes "Sent by:" header': [
      'John Smith',
      'Sent by: Jane Doe',
      '05/14/2001 10:22 AM',
      'To: Kim Ward',
      'Subject: Re: Storage deal',
    ],
    'a "Reply Separator" block with Author:': [
      '______________________________ Reply Separator _________________________________',
      'Subject: Re: Storage deal',
      'Author:  John Smith <john.smith@fabrikam.com>',
      'Date:    5/14/01 10:22 AM',
    ],
    'a forwarded header that starts with the date': [
      'Date: Mon, 14 May 2001 10:22:13 -0500',
      'From: John Smith <john.smith@fabrikam.com>',
      'To: Kim Ward <kim.ward@northwind.com>',
      'Subject: Storage deal',
    ],
    'a forwarded header without any rule or "Forwarded" line': [
      'From:\tJohn Smith',
      'Sent:\tMonday, May 14, 2001 10:22 AM',
      'To:\tKim Ward',
      'Subject:\tStorage deal',
    ],
    'an "-----Original Message-----" rule with spaces inside': [
      '- - - - - Original Message - - - - -',
      'From: John Smith',
      'Subject: Storage deal',
    ],
    'a Japanese client header': [
      '-----Original Message-----',
      '差出人: John Smith [mailto:john.smith@fabrikam.com]',
      '送信日時: 2001年5月14日 10:22',
      '宛先: Kim Ward',
      '件名: Storage deal',
    ],
    'a header quoted with ">"': [
      '> From: John Smith',
      '> Sent: Monday, May 14, 2001 10:22 AM',
      '> To: Kim Ward',
    ],
  };

  it.each(Object.entries(headers))('%s', (_name, header) => {
    const body = [
      ...own,
      '',
      '',
      ...header,
      '',
      'We can do 10,000 MMBtu a day.',
      '',
      ...QUOTED_SENDER_BLOCK,
    ].join('\n');
    expect(linesOf(body)).toEqual(['Thanks,', 'Kim']);
  });

  it('returns no signature when the author wrote none above a quoted one', () => {
    const body = [
      'See below.',
      '',
      'John Smith',
      '05/14/2001 10:22 AM',
      'To: Kim Ward/HOU/ECT@ECT',
      'cc:',
      'Subject: Storage deal',
      '',
      'We can do 10,000 MMBtu a day.',
      '',
      ...QUOTED_SENDER_BLOCK,
    ].join('\n');
    expect(linesOf(body)).toEqual([]);
  });
});

describe('material below the signature does not hide it', () => {
  const signature = ['Kim Ward', 'Director, Gas Structuring', 'Northwind Traders', 'Phone: (713) 555-0139'];
  const cases: Record<string, string[]> = {
    'an attachment list of "- file" lines': ['', ' - Storage deal v3.wpd', ' - Storage deal v3 redline.doc'],
    'attachments in << >>': ['', '<<Storage Agreement.pdf>> <<Exhibit A.xls>>'],
    'an "Attachments:" line': ['', 'Attachments: Storage Agreement.pdf; Exhibit A.xls'],
    'a disclaimer in words no pattern knows': [
      '',
      'The information in this e-mail is the property of Northwind Traders. Any review, retransmission,',
      'dissemination or other use of it by persons other than the addressee is forbidden; Northwind',
      'Traders accepts no liability for its content or for any loss arising from its use.',
    ],
    'a German disclaimer': [
      '',
      'Diese Nachricht einschliesslich etwa beigefuegter Anhaenge ist vertraulich und kann dem',
      'Bank- und Datengeheimnis unterliegen. Falls Sie nicht der beabsichtigte Empfaenger sind,',
      'unterrichten Sie bitte den Absender und loeschen Sie diese Nachricht.',
    ],
    'a mailing-list footer under a rule': [
      '',
      '---------------------------------------------------------------------',
      'To unsubscribe, e-mail: users-unsubscribe@example.org',
      'For additional commands, e-mail: users-help@example.org',
    ],
    'a device footer': ['', 'Sent from my BlackBerry Wireless Handheld'],
    'a list archive footer': ['', '--', 'Sent from: http://forum.example.org/users-f123.html'],
  };

  it.each(Object.entries(cases))('%s', (_name, below) => {
    const body = ['Agreed, let us sign on Friday.', '', 'Regards,', '', ...signature, ...below].join('\n');
    expect(linesOf(body)).toEqual(['Regards,', ...signature]);
  });

  it('keeps a short department line inside the block, and the phones and address under it', () => {
    const body = [
      'The draft is attached.',
      '',
      'Mark Taylor',
      'Corporate Legal Dept.',
      'Northwind Traders',
      '1400 Smith Street, Room 3817',
      'Houston, TX 77002',
      'Phone: (713) 555-0142',
    ].join('\n');
    const result = parseSignature({
      body,
      contentType: 'text',
      sender: { name: 'Mark Taylor', address: 'mark.taylor@northwind.com' },
    });
    expect(result.lines).toEqual(body.split('\n').slice(2));
    expect(result.fields).toMatchObject({
      name: 'Mark Taylor',
      department: 'Corporate Legal',
      company: 'Northwind Traders',
      address: '1400 Smith Street, Room 3817, Houston, TX 77002',
      phones: [{ type: 'office', number: '+17135550142' }],
    });
  });
});
