import { parseSignature } from '../../../server/extraction/signatures';

/**
 * What sits below a signature in corporate mail around 2000 (Notes attachment markers, free-mail
 * advertisements, virus-check footers, notices boxed by rules, under a heading or in several
 * paragraphs), and short lines inside a block that read as prose: neither hides the signature.
 *
 * Every example is constructed in that mail's style; none is taken from a data set.
 */

type Who = { name?: string; address: string };
const kim: Who = { name: 'Kim Ward', address: 'kim.ward@northwind.com' };
const linesOf = (body: string, sender: Who = kim) =>
  parseSignature({ body, contentType: 'text', sender }).lines;

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
