import { parseSignature } from '../../../server/extraction/signatures';

const fieldsOf = (body: string, sender: { name?: string; address: string }) =>
  parseSignature({ body, contentType: 'text', sender }).fields;

describe('signature fields', () => {
  it('splits a Japanese line holding a title and a name', () => {
    const body = [
      'ご査収ください。',
      '',
      '以上、よろしくお願いいたします。',
      '',
      '＊＊＊＊＊＊＊＊＊＊',
      '有限会社 山田工務店',
      '代表取締役 山田 一郎',
      '〒530-0001',
      '大阪府大阪市北区梅田1-1-1',
      'TEL 06-1234-5678',
      '＊＊＊＊＊＊＊＊＊＊',
    ].join('\n');
    expect(fieldsOf(body, { name: '山田一郎', address: 'ichiro@yamada-koumuten.jp' })).toEqual({
      name: '山田 一郎',
      title: '代表取締役',
      company: '有限会社 山田工務店',
      phones: [{ type: 'office', number: '+81612345678', raw: '06-1234-5678' }],
      address: '〒530-0001 大阪府大阪市北区梅田1-1-1',
    });
  });

  it('prefers the fullest form of the sender name and drops credentials', () => {
    const body = [
      'Let me know.',
      '',
      'Cheers',
      'Tom',
      '',
      'Dr. Tom Becker, PhD',
      'VP Sales EMEA',
      'Litware GmbH',
      'T +49 89 1234567',
      'M +49 151 23456789',
    ].join('\n');
    expect(fieldsOf(body, { name: 'Tom Becker', address: 'tom.becker@litware.de' })).toEqual({
      name: 'Dr. Tom Becker',
      title: 'VP Sales EMEA',
      company: 'Litware GmbH',
      phones: [
        { type: 'office', number: '+49891234567', raw: '+49 89 1234567' },
        { type: 'mobile', number: '+4915123456789', raw: '+49 151 23456789' },
      ],
    });
  });

  it('finds a company without a legal form by its place under the title', () => {
    const body = [
      'Hi Megan,',
      '',
      'Quote attached.',
      '',
      'Kind regards,',
      '--',
      'Brian Young, Senior Buyer',
      'City Power & Light',
      'Office: (512) 555-0108',
      'Mobile: (425) 555-0141',
      'www.cpandl.com',
    ].join('\n');
    expect(fieldsOf(body, { name: 'Brian Young', address: 'byoung@cpandl.com' })).toEqual({
      name: 'Brian Young',
      title: 'Senior Buyer',
      company: 'City Power & Light',
      phones: [
        { type: 'office', number: '+15125550108', raw: '(512) 555-0108' },
        { type: 'mobile', number: '+14255550141', raw: '(425) 555-0141' },
      ],
      url: 'www.cpandl.com',
    });
  });

  it('reads "Department, Company" and keeps "VP, Business Development" a title', () => {
    const body = [
      'Thanks,',
      'Jessica Rodriguez',
      'VP, Business Development',
      'Supply Chain Department, Graphic Design Institute',
      'Direct: +1 617 555 0159',
    ].join('\n');
    expect(
      fieldsOf(body, { name: 'Jessica Rodriguez', address: 'jessica@graphicdesigninstitute.com' }),
    ).toEqual({
      name: 'Jessica Rodriguez',
      title: 'VP, Business Development',
      department: 'Supply Chain',
      company: 'Graphic Design Institute',
      phones: [{ type: 'office', number: '+16175550159', raw: '+1 617 555 0159' }],
    });
  });
});
