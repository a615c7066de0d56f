import { parseSignature } from '../../../server/extraction/signatures';

/**
 * Fields as real business signatures write them, and mail that has no signature at all although
 * it is full of names, phones and addresses. Every example is constructed for this test.
 */

const fieldsOf = (lines: string[], sender: { name?: string; address: string }) =>
  parseSignature({ body: ['Please see the attached.', '', ...lines].join('\n'), contentType: 'text', sender })
    .fields;

describe('postal addresses', () => {
  const sender = { name: 'Ann Lee', address: 'ann.lee@northwind.com' };

  it.each([
    ['Houston, TX 77002', 'Houston, TX 77002'],
    ['Houston, Texas 77002', 'Houston, Texas 77002'],
    ['Houston, Texas  77002-1234', 'Houston, Texas 77002-1234'],
    ['New York, NY 10016', 'New York, NY 10016'],
  ])('reads "%s" as the city line of an address, never as a name', (cityLine, expected) => {
    const fields = fieldsOf(['Ann Lee', 'Northwind Traders', '1400 Smith Street', cityLine], sender);
    expect(fields.name).toBe('Ann Lee');
    expect(fields.address).toBe(`1400 Smith Street, ${expected}`);
  });

  it('joins a US address over three lines with its suite', () => {
    const fields = fieldsOf(
      [
        'Ann Lee',
        'Northwind Traders',
        '1400 Smith Street',
        'Suite 3400',
        'Houston, TX 77002',
        'Tel: 713-555-0142',
      ],
      sender,
    );
    expect(fields.address).toBe('1400 Smith Street, Suite 3400, Houston, TX 77002');
  });

  it('joins a UK address with its postcode and country', () => {
    const fields = fieldsOf(
      ['Ann Lee', 'Woodgrove Bank', '1 Finance Tower', '25 Bank Street', 'London E14 5JP', 'United Kingdom'],
      { name: 'Ann Lee', address: 'ann.lee@woodgrovebank.co.uk' },
    );
    expect(fields.address).toBe('1 Finance Tower, 25 Bank Street, London E14 5JP, United Kingdom');
  });

  it('joins a continental address with the postcode before the city', () => {
    const fields = fieldsOf(
      ['Lena Fischer', 'Alpine Ski House', 'Bahnhofstrasse 12', '8001 Zürich', 'Switzerland'],
      {
        name: 'Lena Fischer',
        address: 'lena@alpineskihouse.ch',
      },
    );
    expect(fields.address).toBe('Bahnhofstrasse 12, 8001 Zürich, Switzerland');
  });

  it('joins a Japanese address from its 〒 line to the building', () => {
    const fields = fieldsOf(
      [
        '山田 太郎',
        '株式会社サクラ精機',
        '〒100-0005',
        '東京都千代田区丸の内1-6-5',
        '丸の内北口ビル12F',
        'TEL 03-1234-5678',
      ],
      { name: '山田 太郎', address: 'yamada@sakura-seiki.co.jp' },
    );
    expect(fields.address).toBe('〒100-0005 東京都千代田区丸の内1-6-5 丸の内北口ビル12F');
  });
});

describe('organisation lines', () => {
  it('does not take a room number for the company', () => {
    const fields = fieldsOf(
      ['Mark Taylor', 'Enron North America Corp.', 'EB 3817', '1400 Smith Street', 'Houston, TX 77002'],
      { name: 'Mark Taylor', address: 'mark.taylor@enron.com' },
    );
    expect(fields.company).toBe('Enron North America Corp.');
    expect(fields.address).toBe('EB 3817, 1400 Smith Street, Houston, TX 77002');
  });

  it('tells a title with "&" from the company under it', () => {
    const fields = fieldsOf(['Ann Lee', 'Director, Sales & Marketing', 'Marketing Partners Inc.'], {
      name: 'Ann Lee',
      address: 'ann@marketingpartners.com',
    });
    expect(fields).toMatchObject({
      title: 'Director, Sales & Marketing',
      company: 'Marketing Partners Inc.',
    });
  });

  it('reads a company whose name holds a title word as the company', () => {
    const fields = fieldsOf(['Ann Lee', 'Senior Analyst', 'Principal Financial Group'], {
      name: 'Ann Lee',
      address: 'ann.lee@principal.com',
    });
    expect(fields).toMatchObject({ title: 'Senior Analyst', company: 'Principal Financial Group' });
  });

  it('splits title, department and company on one line', () => {
    const fields = fieldsOf(['Ann Lee', 'Vice President, Structured Finance, Enron North America'], {
      name: 'Ann Lee',
      address: 'ann.lee@enron.com',
    });
    expect(fields).toMatchObject({
      title: 'Vice President, Structured Finance',
      company: 'Enron North America',
    });
  });
});

describe('phones', () => {
  const phonesOf = (lines: string[], address = 'ann.lee@northwind.com') =>
    fieldsOf(['Ann Lee', 'Northwind Traders', ...lines], { name: 'Ann Lee', address }).phones.map(
      (phone) => `${phone.type} ${phone.number}`,
    );

  it('keeps the number and drops the extension, with the type the label gives', () => {
    expect(
      phonesOf([
        'Phone: (713) 555-0142 ext. 5',
        'Direct Line: 713.555.0143 x5678',
        'Cell/Mobile: 713-555-0144',
        'Fax: 713 555 0145',
        'Pager: 888-555-0146',
      ]),
    ).toEqual([
      'office +17135550142',
      'office +17135550143',
      'mobile +17135550144',
      'fax +17135550145',
      'other +18885550146',
    ]);
  });

  it('reads labels after the number', () => {
    expect(phonesOf(['713-555-0142 (w)', '713-555-0144 (c)', '713-555-0145 (fax)'])).toEqual([
      'office +17135550142',
      'mobile +17135550144',
      'fax +17135550145',
    ]);
  });

  it('reads Japanese labels and extensions', () => {
    expect(
      phonesOf(
        ['TEL：03-1234-5678（内線 123）', '直通：03-1234-5679', 'FAX：03-1234-5680', '携帯：090-1234-5678'],
        'ann@sakura.co.jp',
      ),
    ).toEqual(['office +81312345678', 'office +81312345679', 'fax +81312345680', 'mobile +819012345678']);
  });
});

describe('names', () => {
  it('takes the name from the sign-off when the block has none', () => {
    const fields = fieldsOf(
      ['Regards,', 'Ann', '', 'Director, Gas Structuring', 'Northwind Traders', 'Phone: 713-555-0142'],
      {
        address: 'aw7@northwind.com',
      },
    );
    expect(fields).toMatchObject({
      name: 'Ann',
      title: 'Director, Gas Structuring',
      company: 'Northwind Traders',
    });
  });

  it('prefers the full name in the block over the sign-off', () => {
    const fields = fieldsOf(
      ['Thanks,', 'Bob', '', 'Robert Smith', 'Manager, Trading', 'Phone: 713-555-0142'],
      {
        name: 'Smith, Robert',
        address: 'robert.smith@northwind.com',
      },
    );
    expect(fields.name).toBe('Robert Smith');
  });
});

describe('mail without a signature', () => {
  const linesOf = (body: string, sender: { name?: string; address: string }) =>
    parseSignature({ body, contentType: 'text', sender }).lines;

  it('finds none in a web form of "Label: value" lines', () => {
    const body = [
      'A new enquiry was submitted on the website.',
      '',
      'Name: John Smith',
      'Company: Fabrikam Energy',
      'Phone: (713) 555-0148',
      'Email: john.smith@fabrikam.com',
      'Message: Please call me about storage capacity.',
    ].join('\n');
    expect(linesOf(body, { name: 'Website', address: 'forms@northwind.com' })).toEqual([]);
  });

  it('finds none in an order notification with a table of values', () => {
    const body = [
      'Your order has shipped.',
      '',
      'Order number:\t100234',
      'Ship to:\tAnn Lee',
      'Address:\t1400 Smith Street, Houston, TX 77002',
      'Carrier:\tUPS',
      'Tracking:\t1Z999AA10123456784',
    ].join('\n');
    expect(linesOf(body, { name: 'Northwind Store', address: 'orders@northwind.com' })).toEqual([]);
  });

  it('finds none in a newsletter footer', () => {
    const body = [
      'This week: five trends in energy storage.',
      '',
      'Read the full story on our website.',
      '',
      'Northwind Traders',
      '1400 Smith Street, Houston, TX 77002',
      'Unsubscribe | Manage preferences',
    ].join('\n');
    expect(linesOf(body, { name: 'Northwind News', address: 'news@northwind.com' })).toEqual([]);
  });

  it('finds none in an automated message that signs with a team', () => {
    const body = [
      'This is an automated message. Please do not reply.',
      '',
      'Your password will expire in 5 days.',
      '',
      'IT Service Desk',
      'Northwind Traders',
      'Phone: 713-555-0100',
    ].join('\n');
    expect(linesOf(body, { name: 'IT Service Desk', address: 'noreply@northwind.com' })).toEqual([]);
  });
});
