import { parseSignature } from '../../../server/extraction/signatures';
import { repairMojibake } from '../../../server/extraction/signatures/mojibake';

/**
 * Mail as mailing lists and international senders write it: text decoded with the wrong
 * character set, links written out behind their text, a firm's one-line footer under a notice,
 * rules and closings stacked over the block, and a handle signed over the name.
 *
 * Every example is constructed; none is taken from a data set.
 */

type Who = { name?: string; address: string };
const nobody: Who = { address: '' };
const linesOf = (body: string, sender: Who = nobody) =>
  parseSignature({ body, contentType: 'text', sender }).lines;
const fieldsOf = (body: string, sender: Who = nobody) =>
  parseSignature({ body, contentType: 'text', sender }).fields;

const question = 'Does the index rebuild pick up the new analyser, or do we need a full reload first?';

describe('UTF-8 read as Windows-1252', () => {
  it('reads names, punctuation and no-break spaces as they were written', () => {
    expect(repairMojibake('JÃ¶rg MÃ¼ller')).toBe('Jörg Müller');
    expect(repairMojibake('donâ€™t')).toBe('don’t');
    expect(repairMojibake('Â\u00a0')).toBe('\u00a0');
    expect(repairMojibake('Ã…sa Ã˜rsted')).toBe('Åsa Ørsted');
  });

  it('leaves correct text alone, Latin-1 and otherwise', () => {
    for (const line of ['Jörg Müller', 'Ça va, Ã la carte', 'São Paulo – 東京', 'Â', 'plain text'])
      expect(repairMojibake(line)).toBe(line);
  });

  it('a run of "Â " lines between the closing and the block is blank, not a name', () => {
    const body = [
      question,
      '',
      'Thanks!',
      'Â\u00a0',
      'Jörg',
      'Â\u00a0',
      '______________________________________',
      'JÃ¶rg MÃ¼ller',
      'Data Engineer',
      'Fabrikam Analytik GmbH',
      'joerg.mueller@fabrikam.de',
      '______________________________________',
    ].join('\n');
    expect(linesOf(body)).toEqual([
      'Thanks!',
      'Jörg',
      '______________________________________',
      'Jörg Müller',
      'Data Engineer',
      'Fabrikam Analytik GmbH',
      'joerg.mueller@fabrikam.de',
      '______________________________________',
    ]);
    expect(fieldsOf(body).name).toBe('Jörg Müller');
  });
});

describe('links written out behind their text', () => {
  it('a web address with its target is a contact line, not prose', () => {
    const body = [
      question,
      '',
      'Lena Fischer',
      'Fabrikam Analytik GmbH',
      'Telefon +49 40 555 0100<tel:+49405550100>',
      'lena.fischer@fabrikam.de<mailto:lena.fischer@fabrikam.de>',
      'www.fabrikam.de<http://www.fabrikam.de/>',
    ].join('\n');
    expect(linesOf(body)).toHaveLength(5);
    const fields = fieldsOf(body);
    expect(fields.email).toBe('lena.fischer@fabrikam.de');
    expect(fields.phones).toEqual([{ type: 'office', number: '+49405550100', raw: '+49 40 555 0100' }]);
  });
});

describe('a firm line and a notice under the signature', () => {
  it('linked pictures under the block (a logo, a banner) are not part of it', () => {
    const signature = [
      'Sidney Fernandes   /  SW Developer',
      'M: +972 52 819 7720  /  Skype: sidney.fernandes',
    ];
    const body = [
      question,
      '',
      ...signature,
      '[Fabrikam]<http://www.fabrikam.com/>',
      '[Meet Us at]<http://www.fabrikam.com/press/#events>',
    ].join('\n');
    expect(linesOf(body)).toEqual(signature);
  });

  it('the firm’s one-line footer and the sentence above it do not hide the block', () => {
    const signature = [
      '______________________________________',
      'Paul Tremont',
      'Analytics Specialist',
      'FABRIKAM CONSULTING',
      'paul.tremont@fabrikam.com',
      '______________________________________',
    ];
    const body = [
      question,
      '',
      'Paul',
      '',
      ...signature,
      '',
      'Read our latest insights, analysis and viewpoints at fabrikam.com/perspectives today',
      '',
      'Fabrikam Consulting, Inc.',
      '',
      'This e-mail message may contain confidential and/or privileged information. If you are not an',
      'addressee, you should not use, copy or disclose it. Please notify the sender immediately.',
    ].join('\n');
    expect(linesOf(body)).toEqual(signature);
  });

  it('two stray lines without a block above them still give nothing', () => {
    const body = [question, '', 'Fabrikam Consulting, Inc.', 'Boston'].join('\n');
    expect(linesOf(body)).toEqual([]);
  });

  it('a "-- " under the block leads into the notice below it, blank lines between', () => {
    const body = [
      question,
      '',
      '--',
      'Sanjay Sethi',
      'Principal Engineer | Search Platform',
      '',
      '-- ',
      '',
      '',
      'This message and any attachment are confidential and may be privileged. If you are not the',
      'intended recipient, you must not copy this message or disclose its contents to any person.',
    ].join('\n');
    expect(linesOf(body)).toEqual(['--', 'Sanjay Sethi', 'Principal Engineer | Search Platform']);
  });

  it('a rule that closes a box stays with the block when a footer follows after a blank line', () => {
    const rule = '-------------------------------------------';
    const body = [
      question,
      '',
      rule,
      'Yoko Yamada / 山田 陽子',
      'Purchasing, Yamato Trading',
      'TEL 06-5490-5167',
      rule,
      '',
      'Sent from my iPhone',
    ].join('\n');
    expect(linesOf(body)).toEqual([
      rule,
      'Yoko Yamada / 山田 陽子',
      'Purchasing, Yamato Trading',
      'TEL 06-5490-5167',
      rule,
    ]);
  });
});

describe('what stands over the block', () => {
  it('of two closings, the block starts at the one the name follows', () => {
    const body = [question, '', 'Thanks in advance!', '', 'Regards,', 'Shankar Pillai'].join('\n');
    expect(linesOf(body)).toEqual(['Regards,', 'Shankar Pillai']);
  });

  it('of two rules stacked over the name, the lower one opens the block', () => {
    const body = [
      question,
      '',
      '--',
      '-----------------------------------------------------',
      'Noel Pavlou',
      'noel@fabrikam.org',
    ].join('\n');
    expect(linesOf(body)).toEqual([
      '-----------------------------------------------------',
      'Noel Pavlou',
      'noel@fabrikam.org',
    ]);
  });

  it('the writer’s handle right over the name belongs to the block; another word does not', () => {
    const block = ['Walter Underhill', 'wunder@underhill.org', 'http://observer.underhill.org/  (my blog)'];
    expect(linesOf([question, '', 'wunder', ...block].join('\n'))).toEqual(['wunder', ...block]);
    expect(linesOf([question, '', 'done', ...block].join('\n'))).toEqual(block);
    expect(linesOf([question, '', 'wunder', '', ...block].join('\n'))).toEqual(block);
  });
});

describe('Chinese signatures', () => {
  it('a closing, a name and a labelled number make a block, read with their types', () => {
    const body = [
      question,
      '',
      '谢谢',
      '张伟',
      '云岭科技 技术专家',
      '手机: 138 0013 8000',
      '传真: 010 6552 9988',
    ].join('\n');
    expect(linesOf(body)).toEqual([
      '谢谢',
      '张伟',
      '云岭科技 技术专家',
      '手机: 138 0013 8000',
      '传真: 010 6552 9988',
    ]);
    expect(fieldsOf(body).phones.map((phone) => phone.type)).toEqual(['mobile', 'fax']);
  });
});

describe('quoted headers in the languages list mail arrives in', () => {
  const own = ['Regards,', 'Esa', 'Esa Heino', 'Data Architect, Fabrikam Oy', '+358 40 555 0100'];
  const quotedSignature = ['Mikael Sand', 'Principal Engineer, Contoso AB', '+46 70 555 01 00'];
  const headers: Record<string, string[]> = {
    'Finnish Outlook': [
      '________________________________',
      'Lähettäjä: Mikael Sand <mikael.sand@contoso.se>',
      'Lähetetty: 21. kesäkuuta 2017 14:45',
      'Vastaanottaja: Esa Heino',
      'Kopio: user@lists.example.org',
      'Aihe: RE: Using the simulator',
    ],
    'Swedish Outlook': [
      'Från: Mikael Sand <mikael.sand@contoso.se>',
      'Skickat: den 21 juni 2017 14:45',
      'Till: Esa Heino',
      'Ämne: SV: Using the simulator',
    ],
    'Chinese Outlook': [
      '发件人: Mikael Sand <mikael.sand@contoso.se>',
      '发送时间: 2017年6月21日 14:45',
      '收件人: Esa Heino',
      '主题: 回复: Using the simulator',
    ],
    'Portuguese Gmail': [
      'Em qua, 21 de jun de 2017 às 14:45, Mikael Sand <mikael.sand@contoso.se>',
      'escreveu:',
    ],
    'Swedish Gmail': ['Den ons 21 juni 2017 kl 14:45 skrev Mikael Sand <mikael.sand@contoso.se>:'],
    'Chinese Gmail': ['在 2017年6月21日 14:45，Mikael Sand <mikael.sand@contoso.se> 写道：'],
  };
  it.each(Object.entries(headers))('%s: the quoted sender’s block is not the author’s', (_, header) => {
    const body = [
      question,
      '',
      ...own,
      '',
      ...header,
      '',
      'We run it nightly on a small cluster.',
      '',
      ...quotedSignature,
    ].join('\n');
    expect(linesOf(body, { name: 'Esa Heino', address: 'esa.heino@fabrikam.fi' })).toEqual(own);
  });
});

describe('notices in the languages list mail arrives in', () => {
  const signature = ['Viele Grüße', 'Klaus Meier', 'Software-Entwickler, Musterfirma GmbH'];
  const notices: Record<string, string[]> = {
    German: [
      'Diese E-Mail enthält vertrauliche Informationen. Wenn Sie nicht der richtige Adressat sind,',
      'informieren Sie bitte sofort den Absender und vernichten Sie diese Mail.',
    ],
    French: [
      'Ce message et toutes ses pièces jointes sont confidentiels et établis à l’intention exclusive',
      'de ses destinataires. Toute utilisation non conforme à sa destination est interdite.',
    ],
    Spanish: [
      'Este mensaje es confidencial y está dirigido únicamente a su destinatario. Si lo ha recibido',
      'por error, le rogamos que lo comunique al remitente y lo borre.',
    ],
  };
  it.each(Object.entries(notices))('a %s notice under a block without contact details', (_, notice) => {
    const body = [question, '', ...signature, '', ...notice].join('\n');
    expect(linesOf(body, { name: 'Klaus Meier', address: 'k.meier@musterfirma.de' })).toEqual(signature);
  });
});

describe('continental addresses without a street word', () => {
  const sender = { name: 'Dara Tomic', address: 'tomic@fabrikam.rs' };
  it('a street before the postcode and city on one line is the address’s', () => {
    const body = [
      question,
      '',
      '--',
      'Dara Tomic',
      'Web Engineer, Fabrikam DOO',
      'Veljka Petrovica 54, 11060 Belgrade, Serbia',
    ].join('\n');
    expect(fieldsOf(body, sender).address).toBe('Veljka Petrovica 54, 11060 Belgrade, Serbia');
  });
  it('a street on the line above the postcode and city is the address’s', () => {
    const body = [
      question,
      '',
      'Dara Tomic',
      'Fabrikam Handel GmbH',
      'Neuer Jungfernstieg 20',
      '20354 Hamburg',
      'Telefon +49 40 555 0100',
    ].join('\n');
    expect(fieldsOf(body, sender).address).toBe('Neuer Jungfernstieg 20, 20354 Hamburg');
  });
  it('a name with a number elsewhere in the block is not a street', () => {
    const body = [
      question,
      '',
      'Dara Tomic',
      'Studio 54',
      'Fabrikam Handel GmbH',
      'Telefon +49 40 555 0100',
    ].join('\n');
    expect(fieldsOf(body, sender).address).toBeUndefined();
  });
});

describe('an extension written after a full number', () => {
  it.each([
    ['Tel: +1 206 555 0100 ext. 204', '+12065550100', '204'],
    ['Tel: (206) 555-0100 x3-4567', '+12065550100', '3-4567'],
    ['TEL：03-1234-5678（内線 204）', '+81312345678', '204'],
    ['Telefon +49 40 555 0100 (ext. 12)', '+49405550100', '12'],
  ])('%s', (line, number, extension) => {
    const body = [question, '', 'Dara Tomic', 'Fabrikam Handel GmbH', line].join('\n');
    const sender = { name: 'Dara Tomic', address: 'dara@fabrikam.com' };
    expect(fieldsOf(body, sender).phones).toEqual([expect.objectContaining({ number, extension })]);
  });
});

describe('signatures developers sign list mail with', () => {
  it('a profile link written out again behind it is read once, and the block keeps it', () => {
    const body = [
      question,
      '',
      'HTH',
      '',
      'Dr Marek Tolvanen',
      '',
      '',
      'LinkedIn * https://www.linkedin.com/in/mtolvanen <https://www.linkedin.com/in/mtolvanen>*',
      '',
      'http://tolvanen.example.org',
    ].join('\n');
    expect(linesOf(body)).toEqual([
      'Dr Marek Tolvanen',
      'LinkedIn * https://www.linkedin.com/in/mtolvanen*',
      'http://tolvanen.example.org',
    ]);
    expect(fieldsOf(body)).toMatchObject({
      name: 'Dr Marek Tolvanen',
      url: 'https://www.linkedin.com/in/mtolvanen',
    });
  });

  it('a link target behind a word is the only place the link shows, and stays', () => {
    const body = [question, '', '-- ', 'Kim Ward', 'Follow us: Blog <https://blog.fabrikam.example>'].join(
      '\n',
    );
    expect(linesOf(body)).toContain('Follow us: Blog <https://blog.fabrikam.example>');
  });

  it('a title written in lower case after the name, and "Jan" as a given name', () => {
    const body = [
      question,
      '',
      '--',
      'Jan Hoydal, search solution architect',
      'Cominvest AS - www.cominvest.example',
    ].join('\n');
    expect(linesOf(body)).toHaveLength(3);
    expect(fieldsOf(body)).toMatchObject({
      name: 'Jan Hoydal',
      title: 'search solution architect',
      company: 'Cominvest AS',
    });
  });

  it('"Jan 2017" under a sentence is a date, not a signature', () => {
    expect(linesOf([question, '', 'Jan 2017'].join('\n'))).toEqual([]);
  });

  it('a nickname in quotes written in lower case', () => {
    const body = [
      question,
      '',
      'bye Jochen',
      '',
      '-- ',
      'Jochen "blackbird" Theodoridis',
      'blog: http://blackbird.example.org/',
    ].join('\n');
    expect(linesOf(body)).toEqual([
      '-- ',
      'Jochen "blackbird" Theodoridis',
      'blog: http://blackbird.example.org/',
    ]);
    expect(fieldsOf(body).name).toBe('Jochen "blackbird" Theodoridis');
  });

  it('a German letterhead’s board and register lines are no form', () => {
    const body = [
      question,
      '',
      'regards,',
      'Hendrik',
      '',
      'Hendrik Hadorf',
      'Senior Software Engineer',
      'Fabrikam Deutschland Research & Development GmbH',
      'Vorsitzender des Aufsichtsrats: Martina Koch',
      'Geschäftsführung: Dirk Weber',
      'Sitz der Gesellschaft: Böblingen / Registergericht: Amtsgericht Stuttgart, HRB 243294',
    ].join('\n');
    expect(linesOf(body)).toHaveLength(8);
    expect(fieldsOf(body)).toMatchObject({
      name: 'Hendrik Hadorf',
      company: 'Fabrikam Deutschland Research & Development GmbH',
    });
  });

  it('profiles labelled GitHub, Skype and Telegram are a signature’s, not a form’s', () => {
    const body = [
      question,
      '',
      '--',
      'Evgeny Smirnov',
      'GitHub: https://github.com/esmirnov',
      'Skype: esmirnov.dev',
      'Telegram: @esmirnov',
    ].join('\n');
    expect(linesOf(body)).toHaveLength(5);
    expect(fieldsOf(body).url).toBe('https://github.com/esmirnov');
  });

  it('a form’s labels still make a form', () => {
    const body = [
      question,
      '',
      'Kim Ward',
      'Counterparty: Fabrikam',
      'Volume: 2500',
      'Tel: +1 206 555 0100',
    ].join('\n');
    expect(linesOf(body)).toEqual([]);
  });

  it('configuration files and logs listed under the signature are attachments', () => {
    const body = [
      question,
      '',
      'Thanks,',
      'John Smith',
      'Senior Engineer, Fabrikam',
      '+1 206 555 0100',
      '',
      '  - flink-conf.yaml',
      '  - taskmanager.log',
    ].join('\n');
    expect(linesOf(body)).toEqual(['Thanks,', 'John Smith', 'Senior Engineer, Fabrikam', '+1 206 555 0100']);
  });

  it('a notice of six paragraphs under the signature', () => {
    const notice = Array.from(
      { length: 6 },
      (_, k) =>
        `Paragraph ${k + 1} says that this message is meant for its addressee only and that anyone\nelse who reads it should delete it and tell the sender at once, thank you.`,
    );
    const body = [
      question,
      '',
      'Thanks,',
      'John Smith',
      'Senior Engineer, Fabrikam',
      '+1 206 555 0100',
      '',
      notice.join('\n\n'),
    ].join('\n');
    expect(linesOf(body)).toEqual(['Thanks,', 'John Smith', 'Senior Engineer, Fabrikam', '+1 206 555 0100']);
  });

  it.each([
    ['“Simplicity is prerequisite for reliability.”'],
    ['"The best way to predict the future is to invent it." - Alan Kay'],
  ])('a saying under the signature is set aside: %s', (saying) => {
    const body = [
      question,
      '',
      'best',
      'Marc',
      '',
      '--',
      'Marc Lefevre',
      'CTO @ Fabrikam | https://fabrikam.example',
      saying,
    ].join('\n');
    expect(linesOf(body)).toEqual([
      'best',
      'Marc',
      '--',
      'Marc Lefevre',
      'CTO @ Fabrikam | https://fabrikam.example',
    ]);
    expect(fieldsOf(body)).toMatchObject({ name: 'Marc Lefevre', title: 'CTO', company: 'Fabrikam' });
  });

  it('a saying that ends a message without a signature invents none', () => {
    const body = [question, '', 'As my teacher said:', '"Measure twice, cut once."'].join('\n');
    expect(linesOf(body)).toEqual([]);
  });

  it('a unit named in seven title-case words does not break the block', () => {
    const body = [
      question,
      '',
      'Regards,',
      'Sunil Varma',
      'Senior Technical Architect - Big Data & Analytics Center of Excellence, Fabrikam',
      'sunil.varma@fabrikam.example | +91 98450 55555',
    ].join('\n');
    expect(linesOf(body)).toHaveLength(4);
    expect(fieldsOf(body)).toMatchObject({ name: 'Sunil Varma', email: 'sunil.varma@fabrikam.example' });
  });

  it.each([
    ['Staff Engineer @ Fabrikam', 'Staff Engineer', 'Fabrikam'],
    ['Product Ninja & Advocate at Restlot', 'Product Ninja & Advocate', 'Restlot'],
  ])('title and firm on one line: %s', (line, title, company) => {
    const body = [question, '', '-- ', 'David Kim', line, 'https://fabrikam.example'].join('\n');
    expect(fieldsOf(body)).toMatchObject({ name: 'David Kim', title, company });
  });
});

describe('titles, firms and closings in the other languages of list mail', () => {
  it.each([
    [
      ['Viele Grüße, Klaus', '', 'Klaus Meier', 'Fabrikam GmbH', 'Tel. +49 30 555 0100'],
      { name: 'Klaus Meier', company: 'Fabrikam GmbH' },
    ],
    [
      ['Cordialement,', 'Jean Dupont', 'Ingénieur logiciel', 'Fabrikam SA', '+33 1 55 55 01 00'],
      { name: 'Jean Dupont', title: 'Ingénieur logiciel', company: 'Fabrikam SA' },
    ],
    [
      ['Mit freundlichen Grüßen', 'Jana Novak', 'Teamleiterin Datenplattform'],
      { name: 'Jana Novak', title: 'Teamleiterin Datenplattform' },
    ],
    [
      ['Atenciosamente,', 'João Silva', 'Engenheiro de Dados', 'Fabrikam Ltda.', '+55 11 5555-0100'],
      { name: 'João Silva', title: 'Engenheiro de Dados', company: 'Fabrikam Ltda.' },
    ],
    [
      ['С уважением,', 'Иван Петров', 'Ведущий разработчик', 'ООО «Фабрикам»', '+7 495 555-01-00'],
      { name: 'Иван Петров', title: 'Ведущий разработчик', company: 'ООО «Фабрикам»' },
    ],
    [
      ['--', 'Jan Hoydal', 'Cominvest AS - www.cominvest.example'],
      { name: 'Jan Hoydal', company: 'Cominvest AS' },
    ],
  ])('%j', (block, expected) => {
    const body = [question, '', ...block].join('\n');
    expect(linesOf(body)).toEqual(block.filter((line) => line !== ''));
    expect(fieldsOf(body)).toMatchObject(expected);
  });

  it('capitals such as "AS" in a sentence make no firm', () => {
    const body = [question, '', 'PLEASE REPLY AS SOON AS', 'Kim'].join('\n');
    expect(fieldsOf(body).company).toBeUndefined();
  });
});

describe('long lines of a signature', () => {
  it('the firm opening an address line is the company, the rest the address', () => {
    const body = [
      question,
      '',
      'Thanks,',
      'John Smith',
      'Principal Engineer',
      'Fabrikam Inc., 1234 Longwood Avenue, Suite 500, San Francisco, CA 94105, USA',
      '+1 415 555 0100',
    ].join('\n');
    expect(fieldsOf(body)).toMatchObject({
      company: 'Fabrikam Inc.',
      address: '1234 Longwood Avenue, Suite 500, San Francisco, CA 94105, USA',
    });
  });

  it('a firm with its legal form over a unit named like a firm', () => {
    const body = [
      question,
      '',
      'Regards,',
      'Anita Desai',
      'Associate Technical Lead - Data Technologies, Fabrikam Software Solutions Private Limited',
      'anita.desai@fabrikam.example',
    ].join('\n');
    expect(fieldsOf(body)).toMatchObject({
      title: 'Associate Technical Lead',
      department: 'Data Technologies',
      company: 'Fabrikam Software Solutions Private Limited',
    });
  });

  it.each([
    ['Principal Engineer, Fabrikam', { title: 'Principal Engineer', company: 'Fabrikam' }],
    ['Director, Marketing', { title: 'Director, Marketing' }],
  ])('one word after a title: %s', (line, expected) => {
    const body = [question, '', 'Thanks,', 'John Smith', line, 'Tel: +1 (650) 555-0100'].join('\n');
    expect(fieldsOf(body)).toMatchObject(expected);
  });

  it('a sentence between the name and the link still ends the block', () => {
    const body = [
      question,
      '',
      'Emma Brown',
      'I will be out of the office until Monday, so please expect delays.',
      'https://emmabrown.example',
    ].join('\n');
    expect(linesOf(body)).not.toContain('Emma Brown');
  });

  it('a list footer quoted with a message is in no signature', () => {
    const body = [
      question,
      '',
      '---------------------------------------------------------------------',
      'To unsubscribe e-mail: user-unsubscribe@lists.example.org',
      '--',
      'Cell : 425-555-0171',
      'Twitter: https://twitter.com/hollykarst',
    ].join('\n');
    expect(linesOf(body)).toEqual(['--', 'Cell : 425-555-0171', 'Twitter: https://twitter.com/hollykarst']);
  });
});

describe('a signature laid out as a table, and a one-sentence notice', () => {
  it('a label alone on the line above the number types it', () => {
    const body = [
      question,
      '',
      'Best,',
      'Sara Lind',
      'Solutions Architect',
      'Fabrikam AB',
      'Mobile:',
      '+46 70 555 01 00',
    ].join('\n');
    expect(fieldsOf(body).phones).toEqual([
      expect.objectContaining({ type: 'mobile', number: '+46705550100' }),
    ]);
  });

  it('one short confidentiality sentence under the block is set aside', () => {
    const body = [
      question,
      '',
      'Thanks,',
      'Raj Patel',
      'Data Architect, Fabrikam',
      '+1 206 555 0100',
      'This email is confidential.',
    ].join('\n');
    expect(linesOf(body)).toEqual(['Thanks,', 'Raj Patel', 'Data Architect, Fabrikam', '+1 206 555 0100']);
  });
});

describe('names in every alphabet', () => {
  it.each([
    ['Łukasz Kowalczyk'],
    ['Ondřej Dvořák'],
    ['Çağrı Çöltekin'],
    ['Ștefan Ionescu'],
    ['Đorđe Petrović'],
    ['Nguyễn Văn An'],
    ['Ömer Şahin'],
  ])('%s with a title and a number, no closing', (name) => {
    const body = [question, '', name, 'Software Engineer', 'Tel: +48 22 555 01 00'].join('\n');
    expect(linesOf(body)).toEqual([name, 'Software Engineer', 'Tel: +48 22 555 01 00']);
    expect(fieldsOf(body).name).toBe(name);
  });

  it('the sender’s name with accents anchors the block, and signs after a dash', () => {
    const sender = { name: 'Łukasz Kowalczyk', address: 'lukasz@fabrikam.example' };
    expect(linesOf([question, '', '-Łukasz'].join('\n'), sender)).toEqual(['-Łukasz']);
    const body = [question, '', 'Łukasz Kowalczyk', 'Fabrikam'].join('\n');
    expect(linesOf(body, sender)).toEqual(['Łukasz Kowalczyk', 'Fabrikam']);
  });
});

describe('the titles of open-source and academic signatures', () => {
  it.each([
    [['Maria Rossi', 'PhD Student', 'University of Nordstadt'], 'PhD Student'],
    [['Piotr Nowak', 'Apache Flink Committer', 'https://github.com/pnowak'], 'Apache Flink Committer'],
    [['Kim Ward', 'Member of Technical Staff', 'Fabrikam Labs'], 'Member of Technical Staff'],
    [['Kim Ward', 'Apache Flink PMC', 'https://flink.example.org'], 'Apache Flink PMC'],
  ])('%j', (block, title) => {
    const body = [question, '', '-- ', ...block].join('\n');
    expect(linesOf(body)).toEqual(['-- ', ...block]);
    expect(fieldsOf(body)).toMatchObject({ name: block[0], title });
  });

  it('a credential after the name stays the name’s', () => {
    expect(
      fieldsOf([question, '', '--', 'Lena Novak, PhD', 'Postdoctoral Researcher'].join('\n')),
    ).toMatchObject({
      name: 'Lena Novak',
      title: 'Postdoctoral Researcher',
    });
  });
});

describe('postal addresses of more countries', () => {
  it.each([
    [
      ['Unit 4, Riverside Business Park', 'Bristol', 'BS1 6XX'],
      'Unit 4, Riverside Business Park, Bristol, BS1 6XX',
    ],
    [
      ['Level 5, 100 George Street', 'Sydney NSW 2000', 'Australia'],
      'Level 5, 100 George Street, Sydney NSW 2000, Australia',
    ],
    [
      ['4th Floor, Tower B, Cyber Park', 'Sector 39, Gurgaon 122001', 'India'],
      '4th Floor, Tower B, Cyber Park, Sector 39, Gurgaon 122001, India',
    ],
    [['Bahnhofstrasse 12, CH-8001 Zürich'], 'Bahnhofstrasse 12, CH-8001 Zürich'],
  ])('%j', (address, expected) => {
    const body = [
      question,
      '',
      'Regards,',
      'Kim Ward',
      'Fabrikam Ltd',
      ...address,
      'T: +44 117 555 0100',
    ].join('\n');
    expect(fieldsOf(body).address).toBe(expected);
  });

  it('a name that begins like an abbreviation of a street word is a name ("Steve", not "Ste.")', () => {
    const body = [question, '', 'Thanks,', 'Steve Kean', 'Fabrikam Corp.', 'Tel: +1 713 555 0100'].join('\n');
    expect(fieldsOf(body)).toMatchObject({ name: 'Steve Kean', company: 'Fabrikam Corp.' });
    expect(fieldsOf(body).address).toBeUndefined();
  });
});

describe('a board named in a legal line, and the same words as a title', () => {
  it.each([
    [
      ['Vince Kaminsky', 'Managing Director - Research', 'Fabrikam Corp.', 'Phone: (713) 555 3848'],
      'Managing Director - Research',
    ],
    [['Hans Weber', 'Geschäftsführer', 'Fabrikam GmbH', 'Tel. +49 30 555 0100'], 'Geschäftsführer'],
    [
      ['Ruth Miller', 'Chairman of the Board', 'Fabrikam Holdings', 'Tel: +1 212 555 0100'],
      'Chairman of the Board',
    ],
  ])('%j', (block, title) => {
    const body = [question, '', ...block].join('\n');
    expect(linesOf(body)).toEqual(block);
    expect(fieldsOf(body).title).toBe(title);
  });

  it('"Managing Directors: …" under a letterhead is its legal line, not a title', () => {
    const body = [
      question,
      '',
      'Best,',
      'Fabian',
      '',
      '-- ',
      'Data Crafters GmbH | Tempelhofer Ufer 17 | 10963 Berlin',
      'info@data-crafters.example',
      'Registered at Amtsgericht Charlottenburg - HRB 158244 B',
      'Managing Directors: Kostas Tzoulis, Stefan Ewert',
    ].join('\n');
    expect(linesOf(body)).toContain('Managing Directors: Kostas Tzoulis, Stefan Ewert');
    expect(fieldsOf(body).title).toBeUndefined();
  });
});

describe('"at" inside a title', () => {
  it.each([['Attorney at Law'], ['Member at Large']])('%s stays one title', (title) => {
    const body = [question, '', 'Kim Ward', title, 'Ward & Baxter LLP', 'Tel: 713.555.0101'].join('\n');
    expect(fieldsOf(body)).toMatchObject({ title, company: 'Ward & Baxter LLP' });
  });
});

describe('one word after a title and a comma', () => {
  it.each([['Vice President, Regulatory'], ['Director, Fundamentals'], ['Manager, Trading']])(
    '%s is a function of the title',
    (line) => {
      const body = [question, '', 'Kim Ward', line, 'Fabrikam Energy', '(713) 555-0102'].join('\n');
      expect(fieldsOf(body)).toMatchObject({ title: line, company: 'Fabrikam Energy' });
    },
  );
});

describe('mail that machines and forms write has no signature', () => {
  it.each([
    [
      'an issue tracker',
      'Kim Ward created FLINK-1234:\n------------------------------\n\n    Summary: Checkpoint fails\n    Key: FLINK-1234\n    Reporter: Kim Ward\n    Priority: Major\n\n\n--\nThis message was sent by Atlassian JIRA\n(v6.4.14#64029)',
    ],
    [
      'an order form',
      'Order details\n\nName: Kim Ward\nCompany: Fabrikam\nPhone: +1 206 555 0100\nQuantity: 3\nDelivery: Express',
    ],
    [
      'a build server',
      'Build failed.\n\nProject: flink-master\nBranch: master\nCommit: abc123\nAuthor: Kim Ward <kim@fabrikam.example>\n\nView the build: https://ci.example.org/builds/42',
    ],
  ])('%s', (_, body) => {
    expect(linesOf(body)).toEqual([]);
  });
});

describe('several titles on one line', () => {
  it.each([
    [
      'Search Consultant, R&D Software Engineer, Director',
      'Search Consultant, R&D Software Engineer, Director',
    ],
    ['CEO, Founder', 'CEO, Founder'],
    ['Vice President, Fabrikam North America Corp.', 'Vice President'],
  ])('%s', (line, title) => {
    const body = [question, '', '--', 'Kim Ward', line, 'Sease Ltd. - www.sease.example'].join('\n');
    expect(fieldsOf(body).title).toBe(title);
  });
});

describe('a name written surname first, or in two scripts', () => {
  it('"Ward, Kim" is Kim Ward on the card', () => {
    const body = [question, '', 'Ward, Kim', 'Fabrikam Corp.', '(713) 555-0100'].join('\n');
    expect(linesOf(body)).toEqual(['Ward, Kim', 'Fabrikam Corp.', '(713) 555-0100']);
    expect(fieldsOf(body)).toMatchObject({ name: 'Kim Ward', company: 'Fabrikam Corp.' });
  });

  it('a city and state is not turned round', () => {
    const body = [question, '', 'Kim Ward', 'Fabrikam Corp.', 'Houston, Texas', '(713) 555-0100'].join('\n');
    expect(fieldsOf(body)).toMatchObject({ name: 'Kim Ward', address: 'Houston, Texas' });
  });

  it.each([['Zhang Wei 张伟'], ['张伟 Zhang Wei']])('%s opens the block', (name) => {
    const body = [question, '', 'Best regards', name, 'Senior Engineer', 'Mobile: +86 138 0013 8000'].join(
      '\n',
    );
    expect(linesOf(body)).toEqual(['Best regards', name, 'Senior Engineer', 'Mobile: +86 138 0013 8000']);
    expect(fieldsOf(body).name).toBe(name);
  });
});

describe('a developer’s signature in lower case, with an address or a site written beside', () => {
  it('the sender’s name in lower case, accents and all, opens the block under the rule', () => {
    const body = [
      question,
      '',
      '--',
      'andré martins',
      'software engineer @ fabrikam',
      'https://andre.example',
    ].join('\n');
    const sender = { name: 'André Martins', address: 'andre@fabrikam.example' };
    expect(linesOf(body, sender)).toEqual([
      '--',
      'andré martins',
      'software engineer @ fabrikam',
      'https://andre.example',
    ]);
    // The card shows the name as the headers write it.
    expect(fieldsOf(body, sender)).toMatchObject({ name: 'André Martins', url: 'https://andre.example' });
    // Another person's name in lower case is no name of the sender's.
    expect(linesOf(body, { name: 'Kim Ward', address: 'kim@fabrikam.example' })).toEqual([]);
  });

  it('a given name signed in lower case is shown with its capital', () => {
    const body = [question, '', 'thanks,', 'jeff', '', 'Jeff Dasovich', 'Fabrikam Corp.'].join('\n');
    const sender = { name: 'Jeff Dasovich', address: 'jeff.dasovich@fabrikam.example' };
    expect(fieldsOf(body, sender).name).toBe('Jeff Dasovich');
    expect(fieldsOf([question, '', 'thanks,', 'jeff'].join('\n'), sender).name).toBe('Jeff');
  });

  it('the name an address is written with is the name', () => {
    const body = [question, '', '-- ', 'Kim Ward <kim@apache.example>', 'http://kim.example'].join('\n');
    expect(fieldsOf(body)).toMatchObject({
      name: 'Kim Ward',
      email: 'kim@apache.example',
      url: 'http://kim.example',
    });
  });

  it('the sender’s name in lower case beside their address is the name, shown with capitals', () => {
    const body = [
      question,
      '',
      '-- ',
      'ryan dubois <ryan.dubois@mail.example>',
      'PGP fingerprint: 50D6 F72C',
    ].join('\n');
    const sender = { name: 'Ryan Dubois', address: 'ryan.dubois@mail.example' };
    expect(fieldsOf(body, sender)).toMatchObject({ name: 'Ryan Dubois', email: 'ryan.dubois@mail.example' });
  });

  it('a firm’s site in brackets after the title and firm is the link, not part of the firm', () => {
    const body = [
      question,
      '',
      'Cheers,',
      'Tomás Ortega',
      'Software Engineer at Fabrikam (http://fabrikam.example)',
    ].join('\n');
    expect(fieldsOf(body)).toMatchObject({
      name: 'Tomás Ortega',
      title: 'Software Engineer',
      company: 'Fabrikam',
      url: 'http://fabrikam.example',
    });
  });
});

describe('a key’s fingerprint in the signature', () => {
  it.each([
    ['PGP fingerprint: 1234 5678 9ABC DEF0 1234  5678 9ABC DEF0 1234 5678'],
    ['Fingerprint = 3141 5926 5358 9793 2384  6264 3383 2795 0288 4197'],
    ['GPG: 4096R/ABCD1234 2014-03-01'],
  ])('%s stays in the block and gives no phone number', (key) => {
    const body = [question, '', '-- ', 'Kim Ward', 'Mobile: +44 7700 900123', key].join('\n');
    expect(linesOf(body)).toEqual(['-- ', 'Kim Ward', 'Mobile: +44 7700 900123', key]);
    expect(fieldsOf(body).phones).toEqual([
      expect.objectContaining({ type: 'mobile', number: '+447700900123' }),
    ]);
  });
});

describe('an address written in columns on one line', () => {
  it.each([
    ['Av. Paulista, 1000 - Bela Vista - São Paulo - SP', 'Av. Paulista, 1000, Bela Vista, São Paulo, SP'],
    ['Via Roma 10 - 00184 Roma - Italia', 'Via Roma 10 - 00184 Roma, Italia'],
    ['Rua Augusta, 500 - Consolação - São Paulo/SP', 'Rua Augusta, 500, Consolação, São Paulo/SP'],
  ])('%s', (line, address) => {
    const body = [
      question,
      '',
      'Atenciosamente,',
      'João Silva',
      'Fabrikam Tecnologia Ltda.',
      line,
      '+55 11 91234-5678',
    ].join('\n');
    expect(linesOf(body)).toEqual([
      'Atenciosamente,',
      'João Silva',
      'Fabrikam Tecnologia Ltda.',
      line,
      '+55 11 91234-5678',
    ]);
    expect(fieldsOf(body)).toMatchObject({
      name: 'João Silva',
      company: 'Fabrikam Tecnologia Ltda.',
      address,
    });
  });
});

describe('a person named after the street on its line', () => {
  it('is no part of the address', () => {
    const body = [
      question,
      '',
      'Thanks,',
      '',
      '1400 Smith Street - Kim Ward',
      'Fabrikam Corp.',
      '713-853-5620',
    ].join('\n');
    expect(fieldsOf(body, { name: 'Kim Ward', address: 'kim.ward@fabrikam.example' })).toMatchObject({
      name: 'Kim Ward',
      address: '1400 Smith Street',
    });
    expect(fieldsOf(body)).toMatchObject({ name: 'Kim Ward', address: '1400 Smith Street' });
  });
});

describe('a firm’s tagline under the rule names nobody', () => {
  const tagline = [
    '-- ',
    'Hosting * Backups * Uptime Monitoring * Managed Databases',
    'Search & Analytics Consulting * https://www.fabrikam.example/',
  ];

  it('is no signature on its own', () => {
    const body = [question, '', 'Thanks.', '', '', ...tagline].join('\n');
    expect(linesOf(body)).toEqual([]);
    expect(fieldsOf(body).name).toBeUndefined();
  });

  it('under a notice, it does not hide the signature above the notice', () => {
    const signature = [
      '--',
      'Marta Kowalczyk',
      'Web Developer, Fabrikam d.o.o.',
      'Ulica Kralja Petra 12, 11000 Belgrade, Serbia',
      '+381 64 123 45 67',
      'www.fabrikam.example',
    ];
    const body = [
      question,
      '',
      'Kind regards,',
      'Marta',
      '',
      ...signature,
      '',
      'Disclaimer: The information in this message is confidential and intended only for the person',
      'it is addressed to. If you received it in error, please tell the sender and delete it.',
      '',
      '',
      ...tagline,
    ].join('\n');
    expect(linesOf(body)).toEqual(['Kind regards,', 'Marta', ...signature]);
    expect(fieldsOf(body)).toMatchObject({ name: 'Marta Kowalczyk', phones: [expect.anything()] });
  });

  it('a name with the firm beside it is still a signature', () => {
    const body = [question, '', '--', 'Tomasz Lindqvist, Royal Fabrikam Library'].join('\n');
    expect(linesOf(body)).toEqual(['--', 'Tomasz Lindqvist, Royal Fabrikam Library']);
  });

  it.each(['Erik', 'Sigrun', 'Tadeusz'])(
    'a single name under the rule with a site is still a signature, known to the list of given names or not (%s)',
    (name) => {
      const body = [question, '', '--', name, 'https://www.fabrikam.example/'].join('\n');
      expect(linesOf(body)).toEqual(['--', name, 'https://www.fabrikam.example/']);
    },
  );
});

describe('a notice that points to its full text on the web', () => {
  it('is set aside with the web address inside it, and the signature above it is found', () => {
    const signature = [
      'Jörg Brandt',
      'IT Operations',
      '',
      'Fabrikam Privatbank KG',
      'Hohe Bleichen 12',
      '20354 Hamburg',
      '',
      'Telefon +49 40 555 01-234',
      'joerg.brandt@fabrikam.example',
    ];
    const body = [
      question,
      '',
      'Danke,',
      'Jörg',
      '',
      ...signature,
      '',
      'Diese Nachricht ist vertraulich. Wenn Sie nicht der richtige Adressat sind, informieren Sie',
      'bitte sofort den Absender und loeschen Sie diese Nachricht. Please refer to',
      'https://www.fabrikam.example/legal/disclaimer.html for our',
      'confidentiality notice.',
    ].join('\n');
    expect(linesOf(body)).toEqual(['Danke,', 'Jörg', ...signature.filter((line) => line !== '')]);
  });
});
