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
    'a cc:Mail header without the rule': [
      'Author:  John Smith at FABRIKAM-HOU',
      'Date:    5/14/01 10:22 AM',
      'Subject: Storage deal',
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
