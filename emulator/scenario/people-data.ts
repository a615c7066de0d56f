/**
 * Raw material for the emulated world: external companies, name pools, titles. Company names are
 * Microsoft's documented fictitious ones (and invented Japanese ones), so nothing looks like a
 * real customer.
 */

export interface CompanyData {
  name: string;
  domain: string;
  lang: 'en' | 'ja';
  address: string;
  url: string;
  /** Country calling code and a national office number pattern (x = digit from the person). */
  country: 'US' | 'GB' | 'DE' | 'JP';
  disclaimer?: boolean;
}

export const EN_COMPANIES: CompanyData[] = [
  ['Northwind Traders', 'northwindtraders.com', '2200 Westlake Ave, Seattle, WA 98121, USA', 'US'],
  ['Tailspin Toys', 'tailspintoys.com', '410 Market Street, San Francisco, CA 94105, USA', 'US'],
  ['Fourth Coffee', 'fourthcoffee.com', '88 Pike Street, Seattle, WA 98101, USA', 'US'],
  ['Wingtip Toys', 'wingtiptoys.com', '15 Harbour Road, Boston, MA 02110, USA', 'US'],
  ['Litware, Inc.', 'litwareinc.com', '1 Innovation Way, Austin, TX 78701, USA', 'US'],
  ['Adventure Works Cycles', 'adventure-works.com', '500 Trail Blvd, Denver, CO 80202, USA', 'US'],
  ['Alpine Ski House', 'alpineskihouse.com', 'Bahnhofstrasse 12, 8001 Zürich, Switzerland', 'DE'],
  ['Blue Yonder Airlines', 'blueyonderairlines.com', '7 Airport Drive, Chicago, IL 60666, USA', 'US'],
  ['City Power & Light', 'cpandl.com', '1200 Energy Plaza, Houston, TX 77002, USA', 'US'],
  ['Coho Winery', 'cohowinery.com', '33 Vineyard Lane, Napa, CA 94558, USA', 'US'],
  [
    'Consolidated Messenger',
    'consolidatedmessenger.com',
    '99 Courier Street, London EC2A 4NE, United Kingdom',
    'GB',
  ],
  ['Graphic Design Institute', 'graphicdesigninstitute.com', '21 Art Row, Brooklyn, NY 11201, USA', 'US'],
  ['Humongous Insurance', 'humongousinsurance.com', '1 Assurance Square, Hartford, CT 06103, USA', 'US'],
  ['Lucerne Publishing', 'lucernepublishing.com', 'Friedrichstraße 68, 10117 Berlin, Germany', 'DE'],
  ["Margie's Travel", 'margiestravel.com', '14 Ocean Avenue, Miami, FL 33139, USA', 'US'],
  ['Proseware, Inc.', 'proseware.com', '600 Software Park, Redmond, WA 98052, USA', 'US'],
  ['Southridge Video', 'southridgevideo.com', '3 Studio Lane, Los Angeles, CA 90028, USA', 'US'],
  ['Trey Research', 'treyresearch.net', '45 Science Park, Cambridge CB4 0WS, United Kingdom', 'GB'],
  ['Wide World Importers', 'wideworldimporters.com', '250 Dock Street, Baltimore, MD 21202, USA', 'US'],
  [
    'Woodgrove Bank',
    'woodgrovebank.com',
    '1 Finance Tower, 25 Bank Street, London E14 5JP, United Kingdom',
    'GB',
  ],
  ['A. Datum Corporation', 'adatum.com', '1010 Data Drive, Raleigh, NC 27601, USA', 'US'],
  ['Relecloud', 'relecloud.com', '77 Cloud Street, Portland, OR 97204, USA', 'US'],
  ['VanArsdel, Ltd.', 'vanarsdelltd.com', 'Königsallee 30, 40212 Düsseldorf, Germany', 'DE'],
  ['Lamna Healthcare', 'lamnahealthcare.com', '900 Medical Center Dr, Nashville, TN 37203, USA', 'US'],
  ['Tasmanian Traders', 'tasmaniantraders.com', '18 Wharf Road, Manchester M3 4LZ, United Kingdom', 'GB'],
  ['Bellows College', 'bellowscollege.com', '12 College Green, Oxford OX1 3BG, United Kingdom', 'GB'],
  ['Best For You Organics', 'bestforyouorganics.com', '404 Farm Road, Sacramento, CA 95814, USA', 'US'],
  ['Contoso Pharmaceuticals', 'contosopharma.com', 'Neuer Jungfernstieg 20, 20354 Hamburg, Germany', 'DE'],
  ['Nod Publishers', 'nodpublishers.com', '5 Fleet Street, London EC4Y 1AA, United Kingdom', 'GB'],
  ['Fabrikam Residences', 'fabrikamresidences.com', '75 Park Avenue, New York, NY 10016, USA', 'US'],
].map(([name, domain, address, country], i) => ({
  name: name!,
  domain: domain!,
  lang: 'en' as const,
  address: address!,
  url: `https://www.${domain}`,
  country: country as CompanyData['country'],
  disclaimer: i % 3 === 0,
}));

export const JA_COMPANIES: CompanyData[] = [
  ['株式会社サクラ精機', 'sakura-seiki.co.jp', '〒100-0005 東京都千代田区丸の内1-6-5 丸の内北口ビル12F'],
  ['富士見商事株式会社', 'fujimi-shoji.co.jp', '〒530-0001 大阪府大阪市北区梅田3-1-3 ノースゲートビル8F'],
  ['株式会社青葉システムズ', 'aoba-systems.co.jp', '〒980-0021 宮城県仙台市青葉区中央2-9-27'],
  [
    '東邦ロジスティクス株式会社',
    'toho-logistics.co.jp',
    '〒108-0075 東京都港区港南2-15-1 品川インターシティA棟20F',
  ],
  ['株式会社みなと電機', 'minato-denki.co.jp', '〒220-0012 神奈川県横浜市西区みなとみらい2-3-1'],
  ['北斗化学工業株式会社', 'hokuto-chem.co.jp', '〒060-0005 北海道札幌市中央区北五条西2-5'],
  ['株式会社ひかり広告', 'hikari-ad.co.jp', '〒150-0002 東京都渋谷区渋谷2-21-1 渋谷ヒカリエ27F'],
  ['大和トレーディング株式会社', 'yamato-trading.co.jp', '〒450-0002 愛知県名古屋市中村区名駅1-1-4'],
  ['株式会社くすのき不動産', 'kusunoki-re.co.jp', '〒810-0001 福岡県福岡市中央区天神1-10-20'],
  ['株式会社ミライ製薬', 'mirai-pharma.co.jp', '〒541-0045 大阪府大阪市中央区道修町3-5-11'],
].map(([name, domain, address], i) => ({
  name: name!,
  domain: domain!,
  lang: 'ja' as const,
  address: address!,
  url: `https://www.${domain}/`,
  country: 'JP' as const,
  disclaimer: i % 2 === 0,
}));

export const FREEMAIL_DOMAINS = ['gmail.com', 'outlook.com', 'hotmail.com', 'yahoo.co.jp'];

export const EN_FIRST = (
  'James Mary Robert Patricia Michael Jennifer William Linda David Elizabeth Richard Barbara Joseph Susan ' +
  'Thomas Jessica Charles Sarah Christopher Karen Daniel Lisa Matthew Nancy Anthony Betty Mark Sandra ' +
  'Steven Ashley Paul Kimberly Andrew Emily Joshua Donna Kevin Michelle Brian Carol George Amanda Timothy ' +
  'Melissa Ryan Deborah Jacob Stephanie Nicholas Rebecca Eric Laura Jonathan Helen Samuel Amy Benjamin Anna'
).split(' ');

export const EN_LAST = (
  'Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson ' +
  'Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis ' +
  'Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall ' +
  'Rivera Campbell Mitchell Carter Roberts Fischer Weber Schneider Murphy Byrne Novak Dubois Rossi'
).split(' ');

/** [kanji, romaji] */
export const JA_LAST: Array<[string, string]> = [
  ['佐藤', 'Sato'],
  ['鈴木', 'Suzuki'],
  ['高橋', 'Takahashi'],
  ['田中', 'Tanaka'],
  ['伊藤', 'Ito'],
  ['渡辺', 'Watanabe'],
  ['山本', 'Yamamoto'],
  ['中村', 'Nakamura'],
  ['小林', 'Kobayashi'],
  ['加藤', 'Kato'],
  ['吉田', 'Yoshida'],
  ['山田', 'Yamada'],
  ['佐々木', 'Sasaki'],
  ['山口', 'Yamaguchi'],
  ['松本', 'Matsumoto'],
  ['井上', 'Inoue'],
  ['木村', 'Kimura'],
  ['林', 'Hayashi'],
  ['斎藤', 'Saito'],
  ['清水', 'Shimizu'],
  ['山崎', 'Yamazaki'],
  ['森', 'Mori'],
  ['池田', 'Ikeda'],
  ['橋本', 'Hashimoto'],
  ['石川', 'Ishikawa'],
];

export const JA_FIRST: Array<[string, string]> = [
  ['太郎', 'Taro'],
  ['花子', 'Hanako'],
  ['健一', 'Kenichi'],
  ['美咲', 'Misaki'],
  ['大輔', 'Daisuke'],
  ['由美', 'Yumi'],
  ['翔太', 'Shota'],
  ['陽子', 'Yoko'],
  ['拓也', 'Takuya'],
  ['恵', 'Megumi'],
  ['直樹', 'Naoki'],
  ['彩', 'Aya'],
  ['浩二', 'Koji'],
  ['真理子', 'Mariko'],
  ['誠', 'Makoto'],
  ['さくら', 'Sakura'],
  ['亮', 'Ryo'],
  ['千尋', 'Chihiro'],
  ['和也', 'Kazuya'],
  ['絵美', 'Emi'],
];

export const EN_TITLES = [
  'Sales Manager',
  'Account Manager',
  'Procurement Specialist',
  'Director of Operations',
  'VP, Business Development',
  'Project Manager',
  'Senior Buyer',
  'Marketing Director',
  'Chief Technology Officer',
  'Partner Manager',
  'Logistics Coordinator',
  'Head of Purchasing',
  'Product Manager',
  'Customer Success Lead',
  'Managing Director',
  'Attorney at Law',
  'Member of Technical Staff',
];

export const EN_DEPARTMENTS = [
  'Sales',
  'Procurement',
  'Operations',
  'Business Development',
  'Marketing',
  'Engineering',
  'Finance',
  'Supply Chain',
];

export const JA_TITLES = ['部長', '課長', '主任', '係長', '取締役', 'マネージャー', '担当', '次長'];
export const JA_DEPARTMENTS = [
  '営業部',
  '購買部',
  '技術部',
  '経営企画室',
  '海外事業部',
  '総務部',
  'マーケティング部',
];

export const MAILING_LISTS = [
  {
    name: 'Industry Weekly',
    address: 'newsletter@news.industryweekly.com',
    listId: 'weekly.industryweekly.com',
  },
  {
    name: 'Supply Chain Digest',
    address: 'digest@lists.supplychaindigest.org',
    listId: 'digest.supplychaindigest.org',
  },
  {
    name: 'TypeScript Community',
    address: 'announce@lists.tscommunity.dev',
    listId: 'announce.tscommunity.dev',
  },
  { name: '日経テック通信', address: 'info@mail.techtsushin.jp', listId: 'info.techtsushin.jp' },
];

export const AUTOMATED_SENDERS = [
  { name: 'Mail Delivery Subsystem', address: 'mailer-daemon@mail.protection.example.net', kind: 'bounce' },
  { name: 'Relecloud', address: 'no-reply@relecloud.com', kind: 'receipt' },
  { name: 'Tailspin Toys Orders', address: 'notifications@tailspintoys.com', kind: 'notification' },
  { name: 'Woodgrove Bank', address: 'no-reply@alerts.woodgrovebank.com', kind: 'notification' },
  { name: 'Blue Yonder Airlines', address: 'noreply@blueyonderairlines.com', kind: 'receipt' },
] as const;
