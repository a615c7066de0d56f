import { parseSignature } from '../../../server/extraction/signatures';

/**
 * Blocks at the end of corporate mail that look like a signature but are what the message is
 * about: people and their numbers, a list of names, the card of someone the message names.
 * Every example is constructed in that mail's style; none is taken from a data set.
 */

type Who = { name?: string; address: string };
const kim: Who = { name: 'Ward  Kim', address: 'kim.ward@northwind.com' };
const linesOf = (lines: string[], sender: Who = kim) =>
  parseSignature({ body: lines.join('\n'), contentType: 'text', sender }).lines;

describe('what the message is about is no signature', () => {
  it('two people, each with a number, are a list of contacts', () => {
    expect(
      linesOf([
        'Here are the contacts for the deal.',
        '',
        'John Smith',
        '713-555-0100',
        '',
        'Jane Doe',
        '713-555-0101',
      ]),
    ).toEqual([]);
  });

  it('a unit’s signature listing its people with their numbers stays a signature when the sender is unknown', () => {
    const team = ['Northwind Human Resources', 'Ann Lee', '(503) 555-0104', 'Bob Day', '(503) 555-0121'];
    expect(linesOf(['The open enrollment forms are due Friday.', '', ...team], { address: '' })).toEqual(
      team,
    );
    expect(
      linesOf(['The open enrollment forms are due Friday.', '', ...team], {
        name: 'Lee  Ann',
        address: 'ann.lee@northwind.com',
      }),
    ).toEqual(team);
  });

  it('the sender’s name closing a list of names is the list’s last name', () => {
    expect(
      linesOf(['The following people are on the distribution:', '', 'Sally Beck', 'Mike Jordan', 'Kim Ward']),
    ).toEqual([]);
  });

  it('the card of a person the body has just named, sent by someone else', () => {
    expect(linesOf(['Call John Smith at his desk to set it up.', '', 'John Smith', 'x3-0100'])).toEqual([]);
  });

  it('the sender’s own card after naming someone else is still the signature', () => {
    expect(linesOf(['Call John Smith to set it up.', '', 'Kim Ward', 'x3-0100'])).toEqual([
      'Kim Ward',
      'x3-0100',
    ]);
  });

  it('with the sender unknown, a full name with a number stays a signature', () => {
    expect(linesOf(['Call John Smith to set it up.', '', 'John Smith', 'x3-0100'], { address: '' })).toEqual([
      'John Smith',
      'x3-0100',
    ]);
  });

  it('two people signing together under a closing are still a signature', () => {
    expect(
      linesOf(
        ['We look forward to it.', '', 'Regards,', 'John Smith', '713-555-0100', 'Jane Doe', '713-555-0101'],
        {
          name: 'Smith, John',
          address: 'john.smith@northwind.com',
        },
      ),
    ).toEqual(['Regards,', 'John Smith', '713-555-0100', 'Jane Doe', '713-555-0101']);
  });
});

describe('the name closing the body, when the block has none', () => {
  const kay: Who = { name: 'Mann  Kay', address: 'kay.mann@northwind.com' };
  const fieldsOf = (lines: string[], sender: Who = kay) =>
    parseSignature({ body: lines.join('\n'), contentType: 'text', sender }).fields;

  it.each([
    'Let me know what you think.  Thanks, Kay',
    'Let me know what you think. -Kay',
    'Let me know what you think. Kay',
  ])('"%s" above a block without a name gives the name', (last) => {
    expect(fieldsOf([last, '', 'Legal Dept.', '713-555-0166'])).toMatchObject({
      name: 'Kay',
      department: 'Legal',
      phones: [{ number: '+17135550166' }],
    });
  });

  it('a word that is not the sender’s name, or not set off, gives none', () => {
    expect(
      fieldsOf(['Let me know what you think. Thanks, Bob', '', 'Legal Dept.', '713-555-0166']).name,
    ).toBeUndefined();
    expect(fieldsOf(['I spoke with Kay', '', 'Legal Dept.', '713-555-0166']).name).toBeUndefined();
  });
});

describe('what belongs to someone else inside or under the block', () => {
  it('a free-mail advertisement over several lines under the signature is set aside', () => {
    const { lines } = parseSignature({
      body: [
        'Please review the attached.',
        '',
        'Kim Ward',
        'Ward Consulting',
        '713-555-0139',
        '',
        '__________________________________________________',
        'Do You Yahoo!?',
        'Get personalized email addresses from Yahoo! Mail - only $35',
        'a year!  http://personal.mail.yahoo.com/',
      ].join('\n'),
      contentType: 'text',
      sender: { name: 'Kim Ward', address: 'kimward@yahoo.com' },
    });
    expect(lines).toEqual(['Kim Ward', 'Ward Consulting', '713-555-0139']);
  });

  it('a PGP signature block under the signature is set aside', () => {
    const { lines } = parseSignature({
      body: [
        'Please review the attached.',
        '',
        'Kim Ward',
        'Northwind Energy Corp.',
        '713-555-0139',
        '',
        '-----BEGIN PGP SIGNATURE-----',
        'Version: PGP 6.5.8',
        '',
        'iQA/AwUBOj5aBXbq8m4sG7nrEQKhXQCg6C8z',
        '-----END PGP SIGNATURE-----',
      ].join('\n'),
      contentType: 'text',
      sender: kim,
    });
    expect(lines).toEqual(['Kim Ward', 'Northwind Energy Corp.', '713-555-0139']);
  });

  it('an assistant’s line gives neither a title nor the assistant’s number', () => {
    const { fields } = parseSignature({
      body: ['Please review.', '', 'Kim Ward', 'Assistant: Sally Jones x3-1234', '713-555-0139'].join('\n'),
      contentType: 'text',
      sender: kim,
    });
    expect(fields.title).toBeUndefined();
    expect(fields.phones.map((phone) => phone.number)).toEqual(['+17135550139']);
  });
});

describe('what the mail of the time left under a signature', () => {
  const sig = ['Kim Ward', 'Northwind Energy Corp.', '713-555-0139'];
  it.each([
    ["P.S. Don't forget lunch on Friday."],
    ['PS - the numbers are in the attached file.'],
    ['Attachment'],
    ['[Attachment deleted by Kim Ward/HOU/ECT]'],
    ['<Embedded Picture (Device Independent Bitmap)>'],
    ['<Embedded StdOleLink>'],
  ])('"%s" below leaves the signature whole', (below) => {
    const { lines } = parseSignature({
      body: ['Please review the attached.', '', ...sig, '', below].join('\n'),
      contentType: 'text',
      sender: kim,
    });
    expect(lines).toEqual(sig);
  });
});
