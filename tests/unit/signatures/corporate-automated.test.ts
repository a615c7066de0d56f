import { parseSignature } from '../../../server/extraction/signatures';

/**
 * Mail that carries contact details without being anyone's signature: forms of "Label: value"
 * lines, notices from no-reply addresses, bulletins, press releases, and an address or a list the
 * message is about.
 *
 * Every example is constructed in that mail's style; none is taken from a data set.
 */

type Who = { name?: string; address: string };
const kim: Who = { name: 'Kim Ward', address: 'kim.ward@northwind.com' };
const linesOf = (body: string, sender: Who = kim) =>
  parseSignature({ body, contentType: 'text', sender }).lines;

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

  it('a closing and a name under a sentence ending in a colon are still the signature', () => {
    const body = ['Attached is the revised schedule for June:', '', 'Regards,', '', 'Kim Ward'].join('\n');
    expect(linesOf(body, { address: 'scheduling@northwind.com' })).toEqual(['Regards,', 'Kim Ward']);
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

describe('a signature that labels its lines is still a signature', () => {
  it('with the labels of the time: pager, Nextel, assistant, mail code', () => {
    const block = [
      'Kim Ward',
      'Northwind Traders',
      'Office: (713) 555-0139',
      'Pager: 1-800-555-0177',
      'Nextel: 713-555-0188',
      'Assistant: Ann Lee',
      'Mail Code: EB 3817',
    ];
    expect(linesOf(['See you there.', '', ...block].join('\n'))).toEqual(block);
  });
});
