import { parseSignature } from '../../../server/extraction/signatures';

/**
 * Fields as US business signatures around 2000 write them: city lines in their many forms end an
 * address and are never a name, rooms are never a company, firms are never a title, short phone
 * labels type a number, and a nickname keeps a line a name.
 *
 * Every example is constructed in that mail's style; none is taken from a data set.
 */

type Who = { name?: string; address: string };
const kim: Who = { name: 'Kim Ward', address: 'kim.ward@northwind.com' };
const parse = (body: string, sender: Who = kim) => parseSignature({ body, contentType: 'text', sender });

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
