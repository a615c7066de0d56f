import { parseSignature } from '../../../server/extraction/signatures';

/**
 * More variants of each way real corporate mail of around 2000 broke the parser, written in that
 * mail's style: Lotus Notes and cc:Mail headers, attachment markers, banner disclaimers, department
 * lines, US addresses and rooms, firm names, and forms and newsletters that carry contact details
 * without being anyone's signature. Every example is constructed; none is taken from a data set.
 */

type Who = { name?: string; address: string };
const kim: Who = { name: 'Kim Ward', address: 'kim.ward@northwind.com' };
const parse = (body: string, sender: Who = kim) => parseSignature({ body, contentType: 'text', sender });
const linesOf = (body: string, sender: Who = kim) => parse(body, sender).lines;

const QUOTED_BLOCK = ['John Smith', 'Manager, Gas Trading', 'Fabrikam Energy', '(713) 555-0148'];

describe('quoted headers in the styles of Notes, cc:Mail and bare forwards are cut', () => {
  const own = ['I can live with the second option.', '', 'Kim'];
  const headers: Record<string, string[]> = {
    'a Notes header with the company banner above "From: … date"': [
      'Fabrikam Energy Corp.',
      '',
      'From:  John Smith                           05/14/2001 10:22 AM',
      '',
      'To: Kim Ward/HOU/ECT@ECT',
      'cc: Sally Beck/HOU/ECT@ECT',
      'Subject: Re: Storage deal',
    ],
    'a Notes header with a two-line company banner': [
      'Fabrikam Capital & Trade Resources',
      'Corp.',
      '',
      'From:  John Smith                           05/14/2001 10:22 AM',
      '',
      'To: Kim Ward/HOU/ECT@ECT',
      'cc:',
      'Subject: Re: Storage deal',
    ],
    'a Notes header under a letterhead without a legal form': [
      'Fabrikam Energy Services',
      '',
      'From:  John Smith on 05/14/2001 10:22 AM',
      'To: Kim Ward/HOU/ECT@ECT',
      'Subject: Re: Storage deal',
    ],
    'an indented Notes header with the address above the date': [
      '                    "Smith, John" <John.Smith@fabrikam.com>',
      '                    05/14/2001 10:22 AM',
      '',
      '        To:     <kim.ward@northwind.com>',
      '        cc:',
      '        Subject:        Re: Storage deal',
    ],
    'a Notes header with "Please respond to" between date and To:': [
      'John Smith <john.smith@fabrikam.com>',
      '05/14/2001 10:22 AM',
      'Please respond to john.smith',
      'To: kim.ward@northwind.com',
      'cc:',
      'Subject: Re: Storage deal',
    ],
    'a Notes header with the name and date on one line': [
      'John Smith    05/14/2001 10:22 AM',
      'To: Kim Ward/HOU/ECT@ECT',
      'cc:',
      'Subject: Re: Storage deal',
    ],
    'a Notes memo header with the fields in a column beside the name and date': [
      'John Smith                To: Kim Ward/HOU/ECT@ECT',
      '05/14/2001 10:22 AM       cc: Sally Beck/HOU/ECT@ECT',
      '                          Subject: Re: Storage deal',
    ],
    'a Notes header padded with spaces to the page width': [
      `${'                      John Smith'.padEnd(440)}`,
      `${'                      05/14/2001 10:22 AM'.padEnd(440)}`,
      ''.padEnd(440),
      `${'                                        To:     Kim Ward/HOU/ECT@ECT'.padEnd(440)}`,
      `${'                                        Subject:     Re: Storage deal'.padEnd(440)}`,
    ],
    'a cc:Mail header without the rule': [
      'Author:  John Smith at FABRIKAM-HOU',
      'Date:    5/14/01 10:22 AM',
      'Subject: Storage deal',
    ],
    'an AOL "In a message dated … writes:" line': [
      'In a message dated 5/14/01 10:22:13 AM Central Daylight Time, jsmith@aol.com writes:',
    ],
    'a Notes "----- Message from … -----" rule': [
      '----- Message from "John Smith" <john.smith@fabrikam.com> on Mon, 14 May 2001 10:22:13 -0500 -----',
    ],
    'a GroupWise ">>> name date >>>" line': [
      '>>> "John Smith" <john.smith@fabrikam.com> 05/14/01 10:22AM >>>',
    ],
    'an Outlook Express rule with the sender only': [
      '----- Original Message -----',
      'From: "John Smith" <john.smith@fabrikam.com>',
    ],
    '"Original Message" without its rule': [
      'Original Message',
      'From: John Smith',
      'Sent: Monday, May 14, 2001 10:22 AM',
      'Subject: Storage deal',
    ],
    'an "-----Original Appointment-----" with When: and Where:': [
      '-----Original Appointment-----',
      'From: John Smith',
      'When: Monday, May 14, 2001 10:00 AM-11:00 AM (GMT-06:00) Central Time',
      'Where: EB 3321',
    ],
    'a forward that begins with "To:" and carries its sender last': [
      'To: Kim Ward <kim.ward@northwind.com>',
      'Subject: Storage deal',
      'Date: Mon, 14 May 2001 10:22:13 -0500',
      'From: "John Smith" <john.smith@fabrikam.com>',
    ],
  };

  it.each(Object.entries(headers))('%s', (_name, header) => {
    const body = [...own, '', '', ...header, '', 'We can do 10,000 MMBtu a day.', '', ...QUOTED_BLOCK].join(
      '\n',
    );
    expect(linesOf(body)).toEqual(['Kim']);
  });

  it('the author’s full block above a Notes banner header stays whole', () => {
    const body = [
      'Numbers attached.',
      '',
      'Kim Ward',
      'Northwind Traders',
      '(713) 555-0139',
      '',
      '',
      'Fabrikam Energy Corp.',
      '',
      'From:  John Smith                           05/14/2001 10:22 AM',
      '',
      'To: Kim Ward/HOU/ECT@ECT',
      'cc:',
      'Subject: Storage deal',
      '',
      'Send me the numbers.',
      '',
      ...QUOTED_BLOCK,
    ].join('\n');
    expect(linesOf(body)).toEqual(['Kim Ward', 'Northwind Traders', '(713) 555-0139']);
  });

  it('a name and company right above a Notes header are the author’s, not a letterhead', () => {
    const body = [
      'Numbers attached.',
      '',
      'Kim Ward',
      'Northwind Traders',
      '',
      'From:  John Smith                           05/14/2001 10:22 AM',
      '',
      'To: Kim Ward/HOU/ECT@ECT',
      'Subject: Storage deal',
      '',
      'Send me the numbers.',
    ].join('\n');
    expect(linesOf(body)).toEqual(['Kim Ward', 'Northwind Traders']);
  });
});

describe('material below the signature in the styles of the time', () => {
  const signature = [
    'Kim Ward',
    'Northwind Traders',
    '1400 Smith Street',
    'Houston, TX 77002',
    '(713) 555-0139',
  ];
  const cases: Record<string, string[]> = {
    'a Notes "(See attached file: …)" marker': ['', '(See attached file: Storage deal v3.doc)'],
    'several Notes markers on one line': [
      '',
      '(See attached file: Q2 forecast.xls)(See attached file: Q2 forecast notes.doc)',
    ],
    'a Notes "Embedded image moved to file:" line': ['', 'Embedded image moved to file: pic12345.pcx'],
    'a Eudora "Attachment Converted:" line': [
      '',
      'Attachment Converted: "C:\\Eudora\\Attach\\Storage deal v3.doc"',
    ],
    'image placeholders of a converted page': ['', '[IMAGE]', '', '[IMAGE]'],
    'a free-mail advertisement under a rule': [
      '',
      '_________________________________________________________________',
      'Get your FREE download of MSN Explorer at http://explorer.msn.com',
    ],
    'a Yahoo! advertisement under a rule': [
      '',
      '__________________________________________________',
      'Do You Yahoo!?',
      'Yahoo! Auctions - buy the things you want at great prices',
      'http://auctions.yahoo.com/',
    ],
    'a notice in words no pattern knows right under the signature, without a blank line': [
      'The information in this e-mail is the property of Northwind Traders. Any review or other use',
      'of it by persons other than the addressee is forbidden.',
    ],
    'a virus-check footer under a short rule': [
      '',
      '---',
      'Outgoing mail is certified Virus Free.',
      'Checked by AVG anti-virus system (http://www.grisoft.com).',
      'Version: 6.0.351 / Virus Database: 197 - Release Date: 4/22/2002',
    ],
    'a boxed notice in known words, rules and text in one paragraph': [
      '',
      '**********************************************************************',
      'This e-mail is the property of Northwind Traders and may contain confidential and privileged',
      'material for the sole use of the intended recipient(s). Any review, use, distribution or',
      'disclosure by others is strictly prohibited.',
      '**********************************************************************',
    ],
    'a "<< File: … >>" marker': ['', ' << File: Storage Agreement.pdf >>  << File: Exhibit A.xls >>'],
    'a banner disclaimer between rules of asterisks': [
      '',
      '**********************************************************************',
      'This message is for the named person only. If you received it in error, tell the sender and',
      'delete it; do not copy it or pass it on. Northwind Traders takes no responsibility for it.',
      '**********************************************************************',
    ],
    'a disclaimer under a short heading of its own': [
      '',
      'IMPORTANT NOTICE',
      '',
      'This message is for the named person only. If you received it in error, tell the sender and',
      'delete it; do not copy it or pass it on. Northwind Traders takes no responsibility for it.',
    ],
    'a disclaimer of three paragraphs in words no pattern knows': [
      '',
      'This message is for the named person only and may hold material that is not public.',
      '',
      'If you received it in error, tell the sender at once by return mail and then delete it',
      'together with every copy of it you made.',
      '',
      'Northwind Traders takes no responsibility for changes made to it after it was sent out.',
    ],
    'an attachment list after a disclaimer': [
      '',
      'This message is for the named person only. If you received it in error, tell the sender and',
      'delete it; do not copy it or pass it on. Northwind Traders takes no responsibility for it.',
      '',
      ' - Storage deal v3.wpd',
    ],
  };

  it.each(Object.entries(cases))('%s', (_name, below) => {
    const body = ['Please review before our call.', '', ...signature, ...below].join('\n');
    expect(linesOf(body)).toEqual(signature);
  });
});

describe('a short line inside the block does not break it', () => {
  const middles = [
    'Human Resources',
    'Office of the General Counsel',
    'Risk Management & Controls',
    'Gas Fundamentals Group',
    'Structuring and Origination',
    'Assistant to Mark Taylor',
    'Three Allen Center',
    'Legal Department - Houston',
    'c/o Fabrikam Energy Corp.',
    'a subsidiary of Fabrikam Energy Corp.',
    'Senior Vice President, Origination and Structuring, Western Gas Trading Group',
    'Sr. Specialist, Gas Logistics - Texas Desk / Intrastate Pipelines',
    'Legal Dept. - North America, Houston and Calgary offices',
  ];

  it.each(middles)('"%s"', (middle) => {
    const block = [
      'Kim Ward',
      middle,
      'Northwind Traders',
      '333 Clay Street, Suite 4100',
      'Houston, TX 77002',
      'Phone: 713.555.0139',
      'Fax: 713.555.0140',
    ];
    const body = ['Call me when you get a chance.', '', 'Thanks,', '', ...block].join('\n');
    expect(linesOf(body)).toEqual(['Thanks,', ...block]);
  });
});

describe('fields as US business signatures of the time write them', () => {
  it.each([
    ['Portland, OR 97204', 'Portland, OR 97204'],
    ['Houston, Texas 77002', 'Houston, Texas 77002'],
    ['Washington, D.C. 20005', 'Washington, D.C. 20005'],
    ['Houston Texas 77002', 'Houston Texas 77002'],
    ['Houston, TX, 77002', 'Houston, TX, 77002'],
    ['Calgary AB  T2P 3N9', 'Calgary AB T2P 3N9'],
    ['New York, NY  10022-4611', 'New York, NY 10022-4611'],
    ['Calgary, Alberta  T2P 3N9', 'Calgary, Alberta T2P 3N9'],
  ])('"%s" is the end of the address, not the name', (city, expected) => {
    const body = [
      'See you there.',
      '',
      'Regards,',
      'Ann',
      '',
      'Fabrikam Energy',
      '121 SW Salmon Street',
      city,
      '503-555-0170',
    ].join('\n');
    const { fields } = parse(body, { address: 'ann.lee@fabrikam.com' });
    expect(fields.name).toBe('Ann');
    expect(fields.address).toBe(`121 SW Salmon Street, ${expected}`);
  });

  it('a post office box over two lines comes back whole', () => {
    const body = [
      'Done.',
      '',
      'Kim Ward',
      'Northwind Traders',
      'P.O. Box 1188',
      'Houston, Texas 77251-1188',
      '(713) 555-0139',
    ].join('\n');
    expect(parse(body).fields.address).toBe('P.O. Box 1188, Houston, Texas 77251-1188');
  });

  it('a building named in words, the street and the city come back as one address', () => {
    const body = [
      'Done.',
      '',
      'Kim Ward',
      'Northwind Traders',
      'Three Allen Center',
      '333 Clay Street, Suite 4100',
      'Houston, TX 77002',
      '(713) 555-0139',
    ].join('\n');
    expect(parse(body).fields).toMatchObject({
      company: 'Northwind Traders',
      address: 'Three Allen Center, 333 Clay Street, Suite 4100, Houston, TX 77002',
    });
  });

  it('a street line with a room after the comma, then the city, comes back whole', () => {
    const body = [
      'Done.',
      '',
      'Kim Ward',
      'Northwind Traders Corp.',
      '1400 Smith Street, EB 3801a',
      'Houston, Texas  77002',
      '713-555-0139 (phone)',
      '713-555-0140 (fax)',
      'kim.ward@northwind.com',
    ].join('\n');
    expect(parse(body).fields).toMatchObject({
      name: 'Kim Ward',
      company: 'Northwind Traders Corp.',
      address: '1400 Smith Street, EB 3801a, Houston, Texas 77002',
    });
  });

  it('short phone labels of the time give the type: "Ofc", "Fx", "Cel"', () => {
    const body = ['Done.', '', 'Kim Ward', 'Ofc: 713.555.0139', 'Fx: 713.555.0140', 'Cel: 281.555.0101'].join(
      '\n',
    );
    expect(parse(body).fields.phones.map((phone) => [phone.type, phone.number])).toEqual([
      ['office', '+17135550139'],
      ['fax', '+17135550140'],
      ['mobile', '+12815550101'],
    ]);
  });

  it.each(['Kimberly (Kim) Ward', 'Kimberly "Kim" Ward'])(
    'a nickname in brackets or quotes stays in the name: %s',
    (name) => {
      const block = [name, 'Northwind Traders', '(713) 555-0139'];
      const result = parse(['Done.', '', ...block].join('\n'), { address: 'kward@northwind.com' });
      expect(result.lines).toEqual(block);
      expect(result.fields.name).toBe(name);
    },
  );

  it('a title above a firm named like a business unit keeps both', () => {
    const body = [
      'Done.',
      '',
      'Kim Ward',
      'Senior Director',
      'Northwind Energy Services',
      '(713) 555-0139',
    ].join('\n');
    expect(parse(body).fields).toMatchObject({
      title: 'Senior Director',
      company: 'Northwind Energy Services',
    });
  });

  it.each(['Rm. 3817', 'Room 4701C', 'Office EB3832', 'ECN 2409', 'EB 3801a', 'EB-3817'])(
    '"%s" is a room, not the company',
    (room) => {
      const body = ['Done.', '', 'Kim Ward', 'Director, Gas Structuring', room, '(713) 555-0139'].join('\n');
      const { fields } = parse(body);
      expect(fields.company).toBeUndefined();
      expect(fields.title).toBe('Director, Gas Structuring');
    },
  );

  it.each([
    'Fabrikam Capital & Trade Resources',
    'Northwind Marketing Services',
    'Contoso Consulting Group',
    'Andrews & Moore, L.L.P.',
  ])('"%s" under the name is the company, not the title', (firm) => {
    const body = [
      'Done.',
      '',
      'Kim Ward',
      firm,
      '1400 Smith Street',
      'Houston, TX 77002',
      '(713) 555-0139',
    ].join('\n');
    const { fields } = parse(body);
    expect(fields.company).toBe(firm);
    expect(fields.title).toBeUndefined();
  });
});

describe('forms, reports and newsletters are nobody’s signature', () => {
  it.each<[string, Who, string[]]>([
    [
      'a help-desk ticket of labelled lines',
      { name: 'IT Service Center', address: 'itservice@northwind.com' },
      [
        'The following request has been submitted.',
        '',
        'Requestor: John Smith',
        'Department: Gas Logistics',
        'Phone: (713) 555-0112',
        'Location: EB 3210',
        'Request Type: Software install',
        'Description: Please install Excel 2000 on my PC.',
      ],
    ],
    [
      'an expense approval notice',
      { name: 'Expense Reports', address: 'expense.reports@northwind.com' },
      [
        'The following expense report is ready for your approval:',
        '',
        'Employee Name: John Smith',
        'Report Name: May client visits',
        'Report Total: $1,245.60',
        'Amount Due Employee: $1,245.60',
        '',
        'To approve this report, go to http://expense.northwind.com/approve',
      ],
    ],
    [
      'a deal ticket with a counterparty contact',
      { name: 'Deal Capture', address: 'dealcapture@northwind.com' },
      [
        'Deal 458812 was entered.',
        '',
        'Counterparty:    Fabrikam Energy Marketing',
        'Contact:         John Smith',
        'Phone:           (713) 555-0148',
        'Volume:          10,000 MMBtu/d',
        'Price:           HSC Index + $0.02',
      ],
    ],
    [
      'a notice from an address that takes no replies',
      { name: 'IT Service Desk', address: 'no-reply@northwind.com' },
      [
        'Your password will expire in 5 days. Please change it before then.',
        '',
        'IT Service Desk',
        'Northwind Traders',
        'Phone: 713-555-0100',
      ],
    ],
    [
      'a form whose first rows look like a signature’s',
      { name: 'Benefits', address: 'benefits@northwind.com' },
      [
        'Your benefits election was received.',
        '',
        'Employee: John Smith',
        'Title: Analyst',
        'Department: Gas Trading',
        'Location: EB 3210',
        'Phone: 713-555-0112',
        'Supervisor: Ann Lee',
      ],
    ],
    [
      'a bulletin that tells how to be removed from its list',
      { name: 'Gas Bulletin', address: 'bulletin@energydaily.com' },
      [
        'Gas prices at the Houston Ship Channel rose 12 cents on colder weather.',
        '',
        'Energy Daily Publishing',
        '1200 Main Street, Suite 900',
        'Houston, TX 77002',
        '(800) 555-0123',
        '',
        'To be removed from this list, reply with REMOVE in the subject line.',
      ],
    ],
    [
      'a mailing that offers to stop',
      { name: 'Gas Bulletin', address: 'bulletin@energydaily.com' },
      [
        'Gas prices at the Houston Ship Channel rose 12 cents on colder weather.',
        '',
        'Energy Daily Publishing',
        '(800) 555-0123',
        '',
        'If you no longer wish to receive these e-mails, reply to this message with "unsubscribe".',
      ],
    ],
    [
      'a press release with its media contact',
      { name: 'Energy Daily', address: 'news@energydaily.com' },
      [
        'FOR IMMEDIATE RELEASE',
        '',
        'HOUSTON - Energy Daily announced today a new weekly edition for power traders.',
        '',
        'Contact:',
        'Mary Jones',
        '(713) 555-0190',
        'mary.jones@energydaily.com',
      ],
    ],
    [
      'a meeting notice with a contact to call',
      { name: 'Training', address: 'training@northwind.com' },
      [
        'Please join us for the quarterly risk training.',
        '',
        'Date:      Thursday, May 17, 2001',
        'Time:      2:00 - 3:30 PM',
        'Location:  EB 5C2',
        'Speaker:   Ann Lee, Risk Controls',
        '',
        'Questions: Mary Jones',
        'x3-5555',
      ],
    ],
    [
      'a daily newsletter that ends with the publisher’s address',
      { name: 'Energy Daily', address: 'editor@energydaily.com' },
      [
        'ENERGY DAILY - Monday, May 14, 2001',
        '',
        'Gas prices at the Houston Ship Channel rose 12 cents on colder weather.',
        '',
        'California regulators meet Thursday on the rate freeze.',
        '',
        'Energy Daily is published each business day.',
        'Copyright 2001 Energy Daily Publishing. All rights reserved.',
        'Energy Daily Publishing',
        '1200 Main Street, Suite 900',
        'Houston, TX 77002',
        'Subscriptions: (800) 555-0123',
      ],
    ],
  ])('%s', (_name, sender, lines) => {
    expect(linesOf(lines.join('\n'), sender)).toEqual([]);
  });
});

describe('an address or a list the message is about is not the sender’s signature', () => {
  it.each([
    [
      'a list of people to call',
      [
        'For questions about the new system, call one of these people:',
        '',
        'John Smith     713-555-0101',
        'Jane Doe       713-555-0102',
        'Mark Taylor    713-555-0103',
      ],
    ],
    [
      'an address to send papers to',
      [
        'Please send the originals to:',
        '',
        'John Smith',
        'Fabrikam Energy',
        '121 SW Salmon Street',
        'Portland, OR 97204',
        '',
        'Thanks',
      ],
    ],
  ])('%s', (_name, lines) => {
    expect(linesOf(lines.join('\n'))).toEqual([]);
  });

  it('the sender’s own block announced with a colon is still the signature', () => {
    const block = [
      'Kim Ward',
      'Northwind Traders',
      '1400 Smith Street',
      'Houston, TX 77002',
      '(713) 555-0139',
    ];
    expect(linesOf(['We have moved. My new details are below:', '', ...block].join('\n'))).toEqual(block);
  });
});
