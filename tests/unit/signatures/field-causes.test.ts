import { parseSignature } from '../../../server/extraction/signatures';

/**
 * The field errors seen on real business email that the parser had not been written against:
 * city lines read as names, addresses cut to their first line, rooms read as companies, firms read
 * as titles. Every example is constructed for this test, in the shape such signatures take.
 */

const sender = { address: 'rmoreno@fabrikam-energy.com' };
const fieldsOf = (lines: string[]) =>
  parseSignature({
    body: ['Please look at the revised schedule before Friday.', '', ...lines].join('\n'),
    contentType: 'text',
    sender,
  }).fields;

describe('a city line is part of the address, never a name', () => {
  it.each([
    ['Houston, Texas', '1201 Louisiana Street, Houston, Texas'],
    ['Portland, OR', '1201 Louisiana Street, Portland, OR'],
    ['Houston TX 77002', '1201 Louisiana Street, Houston TX 77002'],
    ['HOUSTON, TEXAS 77002', '1201 Louisiana Street, HOUSTON, TEXAS 77002'],
    ['Calgary, Alberta T2P 3W9', '1201 Louisiana Street, Calgary, Alberta T2P 3W9'],
    ['Houston, Tx. 77010', '1201 Louisiana Street, Houston, Tx. 77010'],
  ])('"%s"', (cityLine, address) => {
    const fields = fieldsOf([
      'Rosa Moreno',
      'Fabrikam Energy',
      '1201 Louisiana Street',
      cityLine,
      '713-555-0188',
    ]);
    expect(fields.name).toBe('Rosa Moreno');
    expect(fields.address).toBe(address);
  });

  it('when the signature gives only a sign-off name, the city still does not become the name', () => {
    const fields = fieldsOf(['Thanks,', 'Rosa', '', 'Portland, Oregon', '503-555-0110']);
    expect(fields.name).toBe('Rosa');
    expect(fields.address).toBe('Portland, Oregon');
  });

  it('"Bob AL" without a comma or ZIP stays a name', () => {
    expect(fieldsOf(['Bob AL', '713-555-0188']).name).toBe('Bob AL');
  });
});

describe('an address comes back whole, with its building and room', () => {
  it('a named building and a room code between street and city', () => {
    const fields = fieldsOf([
      'Rosa Moreno',
      'Manager, Gas Scheduling',
      'Fabrikam Energy',
      'Two Allen Center',
      '1201 Louisiana, 3AC 1407',
      'Houston, TX',
      '(713) 555-0188',
    ]);
    expect(fields.address).toBe('Two Allen Center, 1201 Louisiana, 3AC 1407, Houston, TX');
    expect(fields.company).toBe('Fabrikam Energy');
  });

  it('a mail code on its own line', () => {
    const fields = fieldsOf(['Rosa Moreno', 'Mail Code: EB 2741', '1400 Main Street', 'Dallas, TX 75201']);
    expect(fields.address).toBe('Mail Code: EB 2741, 1400 Main Street, Dallas, TX 75201');
  });
});

describe('a room is never a company', () => {
  it.each(['EB 38C1', '3WTC 0306', 'ECS 05-102', 'EB3817A'])('"%s" under the title', (room) => {
    const fields = fieldsOf(['Rosa Moreno', 'Senior Analyst', room, '713-555-0188']);
    expect(fields.title).toBe('Senior Analyst');
    expect(fields.company).toBeUndefined();
    expect(fields.address).toBe(room);
  });

  it('an extension is not a room', () => {
    const fields = fieldsOf(['Rosa Moreno', 'ext 4471']);
    expect(fields.address).toBeUndefined();
  });
});

describe('a firm whose name ends like a job title is a company, not a title', () => {
  it.each([
    'Cambridge Energy Research Associates',
    'Northwind Energy Partners',
    'Litware Power Marketers',
    'Fabrikam Consultants',
  ])('"%s"', (firm) => {
    const fields = fieldsOf(['Rosa Moreno', firm, '713-555-0188']);
    expect(fields.company).toBe(firm);
    expect(fields.title).toBeUndefined();
  });

  it('under a title, the firm is the company and the title stays', () => {
    const fields = fieldsOf([
      'Rosa Moreno',
      'Director, Origination',
      'Northwind Energy Partners',
      '713-555-0188',
    ]);
    expect(fields.title).toBe('Director, Origination');
    expect(fields.company).toBe('Northwind Energy Partners');
  });

  it('a title that ends with a unit word is still a title', () => {
    const fields = fieldsOf(['Rosa Moreno', 'Head of Power Trading Group', '713-555-0188']);
    expect(fields.title).toBe('Head of Power Trading Group');
    expect(fields.company).toBeUndefined();
  });
});

describe('the name is the sender’s, in full', () => {
  it('two people signing together: the card is the first one’s (the sender unknown)', () => {
    expect(fieldsOf(['Thanks,', 'Rosa and Victor']).name).toBe('Rosa');
  });

  it('two people signing together: the sender’s part', () => {
    const fields = parseSignature({
      body: 'See below.\n\nRegards,\nVictor & Rosa\n',
      contentType: 'text',
      sender: { name: 'Moreno, Rosa', address: 'rosa.moreno@fabrikam-energy.com' },
    }).fields;
    expect(fields.name).toBe('Rosa');
  });

  it('a first-name sign-off above the full name gives the full name', () => {
    const fields = fieldsOf([
      '-Rosa',
      '',
      'Rosa Moreno',
      'Senior Analyst',
      'Fabrikam Energy',
      '713-555-0188',
    ]);
    expect(fields.name).toBe('Rosa Moreno');
  });
});

describe("a company without a legal form or the sender's domain in it", () => {
  const other = { address: 'rmoreno@mail.example.net' };
  const fieldsFrom = (lines: string[]) =>
    parseSignature({ body: ['See below.', '', ...lines].join('\n'), contentType: 'text', sender: other })
      .fields;

  it("is the name-like line right under the person's name", () => {
    const fields = fieldsFrom([
      'Rosa Moreno',
      'Fabrikam North America',
      '1201 Louisiana Street',
      'Houston, TX 77002',
    ]);
    expect(fields.name).toBe('Rosa Moreno');
    expect(fields.company).toBe('Fabrikam North America');
  });

  it('unless that line is another person', () => {
    expect(fieldsFrom(['Rosa Moreno', 'Victor Alvarez', '713-555-0188']).company).toBeUndefined();
  });
});

describe('how US business signatures write the rest', () => {
  it('"713/555-0188": an area code before a slash', () => {
    const fields = fieldsOf(['Rosa Moreno', 'Phone: 713/555-0188', 'Fax: 713/555-0199']);
    expect(fields.phones.map((phone) => [phone.type, phone.number])).toEqual([
      ['office', '+17135550188'],
      ['fax', '+17135550199'],
    ]);
  });

  it('abbreviated titles ("Sr. Admin. Asst.", "Mgr., Scheduling") are titles, and the name above stays', () => {
    expect(fieldsOf(['Rosa Moreno', 'Sr. Admin. Asst.', 'Fabrikam Energy', '713-555-0188'])).toMatchObject({
      name: 'Rosa Moreno',
      title: 'Sr. Admin. Asst.',
      company: 'Fabrikam Energy',
    });
    expect(fieldsOf(['Rosa Moreno', 'Mgr., Scheduling', '713-555-0188']).title).toBe('Mgr., Scheduling');
  });

  it('a building named without a number opens the address', () => {
    const fields = fieldsOf(['Rosa Moreno', 'Fabrikam Building', '1201 McKinney', 'Houston, TX 77010']);
    expect(fields.address).toBe('Fabrikam Building, 1201 McKinney, Houston, TX 77010');
  });

  it("the sender's name in lower case under a closing is a signature", () => {
    const result = parseSignature({
      body: 'Can you send me the final version?\n\nthanks,\nrosa',
      contentType: 'text',
      sender: { name: 'Moreno, Rosa', address: 'rosa.moreno@fabrikam-energy.com' },
    });
    expect(result.lines).toEqual(['thanks,', 'rosa']);
    expect(result.fields.name).toBe('Rosa'); // shown with its capital on the card
  });

  it("a lower-case word that is not the sender's name is not", () => {
    const result = parseSignature({
      body: 'Can you send me the final version?\n\nthanks,\nagain',
      contentType: 'text',
      sender: { name: 'Moreno, Rosa', address: 'rosa.moreno@fabrikam-energy.com' },
    });
    expect(result.fields.name).toBeUndefined();
  });
});
