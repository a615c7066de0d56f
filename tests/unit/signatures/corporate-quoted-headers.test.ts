import { parseSignature } from '../../../server/extraction/signatures';

/**
 * Quoted headers in the styles of corporate mail around 2000 (Lotus Notes with its letterhead,
 * memo columns and padding; cc:Mail, GroupWise, AOL; "Original Message" without a rule): the
 * quoted sender's block never comes back as the author's.
 *
 * Every example is constructed in that mail's style; none is taken from a data set.
 */

type Who = { name?: string; address: string };
const kim: Who = { name: 'Kim Ward', address: 'kim.ward@northwind.com' };
const linesOf = (body: string, sender: Who = kim) =>
  parseSignature({ body, contentType: 'text', sender }).lines;

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
    'a message forwarded with its raw headers': [
      'Received: from mail.fabrikam.com ([10.1.2.3]) by mail.northwind.com;',
      ' Mon, 14 May 2001 10:22:13 -0500',
      'Message-ID: <3AFF1234.5678@fabrikam.com>',
      'From: "John Smith" <john.smith@fabrikam.com>',
      'To: <kim.ward@northwind.com>',
      'Subject: Storage deal',
      'MIME-Version: 1.0',
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
    'a Notes "From: name date" line with no other field under it': [
      'From:  John Smith                           05/14/2001 10:22 AM',
    ],
    'a Notes "From: name on date" line alone': ['From: John Smith on 05/14/2001 10:22 AM'],
    'a Notes "Forwarded by" line that lost its rules': [
      'Forwarded by John Smith/HOU/ECT on 05/14/2001 10:22 AM',
    ],
    'a rule of stars around "Forwarded message"': ['*** Forwarded message ***'],
    'a name and address above the date, and a single "To:" under it': [
      '  John Smith <john.smith@fabrikam.com>',
      '  05/14/2001 10:22 AM',
      '  To: Kim Ward',
    ],
    'an "Original Message" rule behind quote marks': ['> -----Original Message-----', '> From: Smith, John'],
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
