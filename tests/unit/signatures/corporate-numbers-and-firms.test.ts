import { parseSignature } from '../../../server/extraction/signatures';

/**
 * Corporate signatures of around 2000 that give an internal extension instead of a full number,
 * a title with the function it is held in after a dash, or, from free mail, a firm without a legal
 * form. Every example is constructed in that mail's style; none is taken from a data set.
 */

type Who = { name?: string; address: string };
const kim: Who = { name: 'Kim Ward', address: 'kim.ward@northwind.com' };
const parse = (lines: string[], sender: Who = kim) =>
  parseSignature({ body: lines.join('\n'), contentType: 'text', sender });

describe('internal extensions are the sender’s number', () => {
  it.each([
    ['x6721', 'x6721'],
    ['ext. 3-4567', 'x3-4567'],
    ['x-37059', 'x37059'],
    ['3-4567', 'x3-4567'],
  ])('"%s" alone under the name comes back as a phone, as written', (written, number) => {
    const { lines, fields } = parse(['Call me if you have questions.', '', 'Kim Ward', written]);
    expect(lines).toEqual(['Kim Ward', written]);
    expect(fields.phones).toEqual([{ type: 'office', number, raw: written }]);
  });

  it('a label before the extension types it', () => {
    const { fields } = parse(['Call me.', '', 'Kim Ward', 'Phone: x6721', 'Fax: x6722']);
    expect(fields.phones).toEqual([
      { type: 'office', number: 'x6721', raw: 'x6721' },
      { type: 'fax', number: 'x6722', raw: 'x6722' },
    ]);
  });

  it('an extension after a comma stays with its number', () => {
    const { fields } = parse(['ok', '', 'Kim Ward', 'Gas Trading', '(713) 555-0139, ext. 3-4567']);
    expect(fields.phones).toEqual([
      { type: 'other', number: '+17135550139', raw: '(713) 555-0139, ext. 3-4567', extension: '3-4567' },
    ]);
  });

  it('a name and the extension on one line are a signature: "JS x3456", "Mark x3-3425"', () => {
    const initials = parse(['I will send the final draft tomorrow.', '', 'JS x3456'], {
      name: 'Sanders, Jim',
      address: 'jim.sanders@northwind.com',
    });
    expect(initials.lines).toEqual(['JS x3456']);
    expect(initials.fields).toMatchObject({ name: 'JS', phones: [{ number: 'x3456', raw: 'x3456' }] });
    const named = parse(['ok, I will look into it.', '', 'Mark x3-3425'], {
      name: 'Mark Taylor',
      address: 'mark.taylor@northwind.com',
    });
    expect(named.fields).toMatchObject({ name: 'Mark', phones: [{ number: 'x3-3425' }] });
  });

  it('an extension in brackets after the name: "Kay (x3-7566)"', () => {
    const { lines, fields } = parse(['See attached.', '', 'Kay (x3-7566)'], {
      name: 'Mann  Kay',
      address: 'kay.mann@northwind.com',
    });
    expect(lines).toEqual(['Kay (x3-7566)']);
    expect(fields).toMatchObject({ name: 'Kay', phones: [{ type: 'office', number: 'x3-7566' }] });
  });

  it('initials alone, or an extension inside a sentence, are no signature', () => {
    const jim = { name: 'Jim Sanders', address: 'jim.sanders@northwind.com' };
    expect(parse(['The form is on the web site.', '', 'JS'], jim).lines).toEqual([]);
    expect(parse(['The form is on the web site.', '', 'please call x3456'], jim).lines).toEqual([]);
  });
});

describe('a title with its function after a dash', () => {
  it('"Manager - Rate Systems" is the title; the firm is the line that names one', () => {
    const { fields } = parse([
      'Please review the attached.',
      '',
      'Thanks,',
      'Kim Ward',
      'Manager - Rate Systems',
      'Northwind Gas Pipeline',
      '(713) 555-0139',
    ]);
    expect(fields).toMatchObject({ title: 'Manager - Rate Systems', company: 'Northwind Gas Pipeline' });
  });

  it('from the firm’s own domain, the function is no firm even when no other line names one', () => {
    const dashed = parse(['Please review.', '', 'Kim Ward', 'Manager - Rate Systems', '(713) 555-0139']);
    expect(dashed.fields.title).toBe('Manager - Rate Systems');
    expect(dashed.fields.company).toBeUndefined();
    const unit = parse(['Please review.', '', 'Kim Ward', 'Director - Gas Structuring', '713-555-0139']);
    expect(unit.fields.title).toBe('Director - Gas Structuring');
    expect(unit.fields.company).toBeUndefined();
  });

  it.each(['Manager, Rate Systems', 'Director, Structured Products Group'])(
    '"%s" from the firm’s own domain is one title, the unit no firm',
    (title) => {
      const { fields } = parse(['Please review.', '', 'Kim Ward', title, '713-555-0139']);
      expect(fields.title).toBe(title);
      expect(fields.company).toBeUndefined();
    },
  );

  it('a firm after the comma that bears the domain’s name, or comes from free mail, stays the firm', () => {
    expect(parse(['ok', '', 'Kim Ward', 'Director, Northwind Systems', '713-555-0139']).fields).toMatchObject(
      {
        title: 'Director',
        company: 'Northwind Systems',
      },
    );
    const free = parse(['ok', '', 'Kim Ward', 'President, Ward Systems', '713-555-0139'], {
      name: 'Kim Ward',
      address: 'kward@aol.com',
    });
    expect(free.fields).toMatchObject({ title: 'President', company: 'Ward Systems' });
  });

  it('from free mail, a firm after the dash stays the firm', () => {
    const { fields } = parse(
      ['Sounds good.', '', 'Bill Hartwell', 'President - Hartwell Energy', '281-555-0102'],
      {
        name: 'Bill Hartwell',
        address: 'bhartwell@aol.com',
      },
    );
    expect(fields).toMatchObject({ title: 'President', company: 'Hartwell Energy' });
  });
});

describe('a team that signs', () => {
  it('a unit whose name reads like a person’s is the department, never the name', () => {
    const { fields } = parse([
      'Attached is the weekly report.',
      '',
      'Risk Management & Trading Controls',
      'Northwind Energy',
      '713-555-0155',
    ]);
    expect(fields.name).toBeUndefined();
    expect(fields).toMatchObject({
      department: 'Risk Management & Trading Controls',
      company: 'Northwind Energy',
    });
  });
});

describe('names written with accented letters', () => {
  it('"Hans-Peter Müller" under a closing is the name and opens the block', () => {
    const { lines, fields } = parse(
      [
        'Please see the attached.',
        '',
        'Best regards,',
        'Hans-Peter Müller',
        'Northwind Europe GmbH',
        '+49 69 1234 5678',
      ],
      { name: 'Mueller  Hans-Peter', address: 'hans-peter.mueller@northwind.de' },
    );
    expect(lines).toEqual([
      'Best regards,',
      'Hans-Peter Müller',
      'Northwind Europe GmbH',
      '+49 69 1234 5678',
    ]);
    expect(fields).toMatchObject({ name: 'Hans-Peter Müller', company: 'Northwind Europe GmbH' });
  });
});

describe('a unit under the name', () => {
  it('"Governmental Affairs & Public Policy" is the department only, not also the company', () => {
    const { fields } = parse([
      'Please review.',
      '',
      'Kim Ward',
      'Governmental Affairs & Public Policy',
      '713-555-0139',
    ]);
    expect(fields.department).toBe('Governmental Affairs & Public Policy');
    expect(fields.company).toBeUndefined();
  });
});

describe('a firm without a legal form, from free mail', () => {
  const bill: Who = { name: 'Bill Hartwell', address: 'bhartwell@earthlink.net' };

  it('a business name that reads like a unit is the firm', () => {
    const { fields } = parse(
      ['Let me know.', '', 'Regards,', 'Bill Hartwell', 'Blue Ridge Power Marketing', 'Phone: 281-555-0102'],
      bill,
    );
    expect(fields.company).toBe('Blue Ridge Power Marketing');
    expect(fields.department).toBeUndefined();
  });

  it('a firm bearing the sender’s surname is the firm, and the person keeps their name', () => {
    const partners = parse(['Sounds good.', '', 'Bill Hartwell', 'Hartwell & Baxter', '281-555-0102'], bill);
    expect(partners.fields).toMatchObject({ name: 'Bill Hartwell', company: 'Hartwell & Baxter' });
    const titled = parse(
      ['Sounds good.', '', 'Bill Hartwell', 'President', 'Hartwell Resources', '281-555-0102'],
      bill,
    );
    expect(titled.fields).toMatchObject({
      name: 'Bill Hartwell',
      title: 'President',
      company: 'Hartwell Resources',
    });
  });

  it('a law firm of many partners’ names is the firm, and its line does not end the block', () => {
    const { lines, fields } = parse(
      ['Comments attached.', '', 'Bill Hartwell', 'Hartwell Baxter Mayer Cole & Dunn', '713-555-0102'],
      { name: 'Bill Hartwell', address: 'bhartwell@hbmcd.com' },
    );
    expect(lines).toEqual(['Bill Hartwell', 'Hartwell Baxter Mayer Cole & Dunn', '713-555-0102']);
    expect(fields.company).toBe('Hartwell Baxter Mayer Cole & Dunn');
  });

  it('from the firm’s own domain a unit stays a department', () => {
    const { fields } = parse(['The schedule is attached.', '', 'Kim Ward', 'Gas Logistics', '713-555-0100']);
    expect(fields.department).toBe('Gas Logistics');
    expect(fields.company).toBeUndefined();
  });
});

describe('addresses written the way firms of the time wrote them', () => {
  it('a building named after the firm opens the street line: "Northwind Building, 1400 Main Street"', () => {
    const { fields } = parse([
      'Please review.',
      '',
      'Kim Ward',
      'Northwind Energy Corp.',
      'Northwind Building, 1400 Main Street',
      'Houston, TX 77002',
      '713-555-0139',
    ]);
    expect(fields).toMatchObject({
      company: 'Northwind Energy Corp.',
      address: 'Northwind Building, 1400 Main Street, Houston, TX 77002',
    });
  });

  it('a room code after "Room" stays in the address: "Northwind Building, Room 3AC1402"', () => {
    const { fields } = parse([
      'Please review.',
      '',
      'Kim Ward',
      'Northwind Building, Room 3AC1402',
      '713-555-0139',
    ]);
    expect(fields.address).toBe('Northwind Building, Room 3AC1402');
  });

  it.each(['Thomas Green', 'Kim Lane'])('"%s" is a person whose surname is a street word', (person) => {
    const { fields } = parse(
      ['Please review.', '', person, 'Northwind Traders', '12 College Green', 'Dublin 2', '01 555 0139'],
      {
        name: person,
        address: 'someone@northwind.com',
      },
    );
    expect(fields.name).toBe(person);
    expect(fields.address?.startsWith('12 College Green')).toBe(true);
  });

  it('a Canadian suite and street joined by a dash stay one line: "Suite 1100, 700 - 2nd Street S.W."', () => {
    const { fields } = parse([
      'Please review.',
      '',
      'Kim Ward',
      'Northwind Canada Corp.',
      'Suite 1100, 700 - 2nd Street S.W.',
      'Calgary, Alberta T2P 2W2',
      '403-555-0139',
    ]);
    expect(fields.address).toBe('Suite 1100, 700 - 2nd Street S.W., Calgary, Alberta T2P 2W2');
  });
});

describe('lines as the mail of the time left them', () => {
  it('undecoded quoted-printable ("=20" at the line end) changes nothing', () => {
    const { lines, fields } = parse([
      'Please review the attached.=20',
      '',
      'Kim Ward=20',
      'Northwind Energy Corp.=20',
      '713-555-0139=20',
    ]);
    expect(lines).toEqual(['Kim Ward=20', 'Northwind Energy Corp.=20', '713-555-0139=20']);
    expect(fields).toMatchObject({ name: 'Kim Ward', company: 'Northwind Energy Corp.' });
  });

  it('contact columns set apart by two spaces are read apart', () => {
    const line = '713.555.0139 (Phone)  713.555.0140 (Fax)  kim.ward@northwind.com';
    const { lines, fields } = parse([
      'Please review the attached.',
      '',
      'Kim Ward',
      'Northwind Energy Corp.',
      line,
    ]);
    expect(lines).toEqual(['Kim Ward', 'Northwind Energy Corp.', line]);
    expect(fields).toMatchObject({
      email: 'kim.ward@northwind.com',
      phones: [
        { type: 'office', number: '+17135550139' },
        { type: 'fax', number: '+17135550140' },
      ],
    });
  });

  it('two sentences set apart by two spaces stay prose', () => {
    expect(parse(['Please review the attached.  Call me at 713-555-0139.']).lines).toEqual([]);
  });
});
