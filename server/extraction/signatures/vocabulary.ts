/**
 * The small dictionaries signature parsing rests on. Patterns apply to width-folded text
 * (see text-width.ts), so full-width forms need no entries of their own.
 */

/** A closing line on its own: "Thanks,", "Best regards", "よろしくお願いいたします。". */
export const SIGN_OFF =
  /^(?:(?:many |thanks |thank you )?(?:thanks|thank you|thx|tks|ty)(?: (?:again|so much|very much|a lot|in advance|for everything|and regards))?|(?:(?:best|kind|warm|warmest|kindest|many|with best|with kind|with warm) )?regards|rgds|br|best|bests|all the best|(?:with )?best wishes|cheers|greetings|sincerely(?: yours)?|yours(?: (?:sincerely|truly|faithfully|ever))?|respectfully(?: yours)?|cordially|take care|talk soon|speak soon|love|your (?:pal|friend|buddy)|with (?:thanks|appreciation|gratitude))[\s,.!]*$/i;

/** Closings in the European languages list mail arrives in: "Viele Grüße", "Cordialement", "Saludos". */
export const SIGN_OFF_EUROPE =
  /^(?:(?:viele|beste|liebe|freundliche|herzliche) grü(?:ß|ss)e|mit freundlichen grü(?:ß|ss)en|mfg|grü(?:ß|ss)e|gru(?:ß|ss)|danke(?: schön| sehr)?|vielen dank|cordialement|bien (?:à|a) vous|merci(?: beaucoup)?|salutations|amicalement|(?:un )?saludos?(?: cordiales)?|gracias|atentamente|un abrazo|(?:cordiali |distinti )?saluti|grazie(?: mille)?|met vriendelijke groet(?:en)?|groeten|groetjes|bedankt|abraços?|obrigad[oa]|atenciosamente|mvh|(?:med vänliga )?hälsningar|tack(?: så mycket)?|kiitos|(?:ystävällisin )?terveisin|med venlig hilsen|(?:vennlig )?hilsen|pozdrawiam|dziękuję|с уважением|с наилучшими пожеланиями|всего (?:доброго|хорошего)|спасибо|благодарю)[\s,.!]*$/i;

/** Chinese closings: "谢谢", "此致 敬礼", "祝好！". */
export const SIGN_OFF_ZH = /^(?:谢谢|多谢|感谢|此致|敬礼|此致\s*敬礼|祝好|顺祝商祺)[!！。,，\s]*$/;

/** Japanese closings; they may carry a prefix such as 以上、 or 引き続き. */
export const SIGN_OFF_JA =
  /^(?:[^。]{0,12}(?:よろしく|宜しく)お願い(?:いた|致)?(?:します|し(?:ます)?|申し上げます)|以上(?:です|となります)?|取り急ぎ[^。]{0,12}(?:まで|にて失礼します))[。.!！\s]*$/;

/** "Sent from my iPhone" and its relatives: a device footer, never a signature field. */
export const DEVICE_FOOTER =
  /^(?:sent (?:from|via|with|using) (?:my |the )?|get outlook for |sent (?:\S+ )?from my blackberry|envoy[ée] de|enviado desde|von meinem .* gesendet|iphoneから送信|androidから送信|outlook for (?:ios|android)|送信元[:：]? ?(?:iphone|android)|my (?:iphone|ipad|android)から送信)/i;

/** Mail a machine wrote: what signs it is not a person's signature. */
export const AUTOMATED =
  /\b(?:do not reply|do-not-reply|please don't reply|this is an automated|automatically generated|auto-generated|you are receiving this (?:e-?mail|message|newsletter)|manage (?:your )?(?:subscription|preferences)|view (?:this e-?mail )?in (?:your|a) browser|all rights reserved|no longer wish to receive|to be removed from (?:this|our|the) (?:list|mailing|distribution)|for immediate release)\b|^unsubscribe\b|配信停止|このメールは.{0,12}自動(?:送信|配信)|送信専用/i;

/** Footers mailing lists and forums add under a message. */
export const LIST_FOOTER =
  /^(?:to unsubscribe\b|for additional commands\b|unsubscribe:|view this message in context:|sent from:? https?:\/\/|sent from the .*(?:mailing list|nabble)|you received this (?:message|e-?mail) because|--\s*you received this)/i;

/** What free mail services of the time set under every message: "Do You Yahoo!?", "Get your FREE …". */
export const FREE_MAIL_AD =
  /^(?:do you yahoo!?\??$|yahoo! |get your free\b|https?:\/\/[\w.-]{0,40}\.(?:yahoo|msn|hotmail|excite|juno)\.com\b)/i;

/** Words that mark a legal disclaimer paragraph, in English and the languages list mail arrives in. */
export const DISCLAIMER =
  /\b(?:confidential(?:ity)?|privileged|intended (?:solely |only )?for|intended recipient|disclaimer|if you (?:have )?received this (?:e-?mail|message|communication) in error|notify the sender|unauthori[sz]ed (?:use|disclosure|review)|strictly prohibited|virus(?:es)? (?:free|scan)|do not (?:print|forward) this|vertraulich(?:e[nrs]?)?|irrt(?:ü|ue)mlich|nicht der (?:richtige|beabsichtigte) (?:adressat|empf(?:ä|ae)nger)|confidentiel(?:le)?s?|destinataires?|confidencial(?:es)?|destinatari[oa]s?|riservat[aoie]|vertrouwelijke?|geadresseerde|konfidentiell[at]?|fortrolig[et]?|luottamuksellinen)\b|機密|秘密情報|守秘|誤って|誤送信|本メールの内容|このメールは.{0,20}(?:宛|削除)|送信者に(?:ご)?連絡/i;

/** Labels that introduce a contact value ("Tel:", "E-mail:", "携帯:"); a segment that is only a label. */
export const LABEL_ONLY =
  /^(?:e-?mail|mail|tel|telephone|phone|ph|fax|cell|mobile|mob|office|direct|work|home|web|website|url|address|addr|住所|所在地|電話|携帯|直通|代表|メール|ホームページ|电话|手机|传真|邮箱|地址|网址)\s*(?:[:.#]\s*)?$/i;

/**
 * Phone labels and the type they give. Single letters count only directly before a number
 * ("M: …", "T +44 …"), which phones.ts enforces.
 */
export const PHONE_LABELS: ReadonlyArray<readonly [RegExp, 'office' | 'mobile' | 'fax' | 'other']> = [
  [/^(?:fax|fx|telefax|fax number|facsimile|f|ファックス|ファクス|ＦＡＸ|传真)$/i, 'fax'],
  [
    /^(?:mobile|mob|cell|cel|wireless|cellular|cellphone|cell phone|mobile phone|handy|mobil|mobiltelefon|portable|móvil|movil|celular|cellulare|m|携帯|携帯電話|モバイル|手机)$/i,
    'mobile',
  ],
  [
    /^(?:tel|telephone|phone|ph|p|t|voice|telefon|fon|tél|téléphone|teléfono|telefono|office|ofc|direct|dir|d|direct line|work|w|o|main|switchboard|電話|電話番号|直通|代表|ダイヤルイン|ＴＥＬ|电话|座机)$/i,
    'office',
  ],
  [/^(?:home|h|pager|voip|toll free|free dial|フリーダイヤル)$/i, 'other'],
  // One letter in brackets after a number: "713-555-0144 (c)".
  [/^c$/i, 'mobile'],
];

/** Company legal forms (English and Japanese). */
export const COMPANY_FORM_JA =
  /(?:株式会社|有限会社|合同会社|合資会社|合名会社|(?:一般|公益)(?:社団|財団)法人|特定非営利活動法人|NPO法人|学校法人|医療法人|社会福祉法人|独立行政法人|国立大学法人|\((?:株|有)\)|㈱|㈲)/;
export const COMPANY_FORM_EN =
  /(?:^|[\s,])(?:Inc|Incorporated|Corp|Corporation|Co\.?,? ?Ltd|Co|Ltd|Limited|LLC|L\.L\.C|LLP|L\.L\.P|L\.P|P\.C|PLC|plc|GmbH|AG|KG|S\.A|SAS|SARL|S\.p\.A|SpA|B\.V|BV|N\.V|Pty|K\.K|KK|Oy|A\/S|Sdn\.? Bhd|Pte|S\.L|S\.r\.l|Srl|Ltda|ApS|s\.r\.o|Pvt|ООО|ОАО|ЗАО|ПАО)\.?(?:$|[\s,)])/;
/**
 * Words that end many company names but also other things; they count only at the very end. The
 * plurals of job titles among them ("… Energy Partners", "… Research Associates") name firms, not roles.
 */
export const COMPANY_WORD_END =
  /\s(?:Company|Group|Holdings|Partners|Associates|Consultants|Advisors|Advisers|Engineers|Brokers|Traders|Marketers|Worldwide|International|Industries|Enterprises|Technologies|Systems|Solutions|Bank|Trust|Capital|Ventures|Labs|Studio|Studios|Energy|Power|Petroleum|Pipeline|Electric|Exchange|Securities|Investments|Insurance|Consulting|Brokerage|Networks|Markets|Institute|Association|Foundation|University|College|Council|Commission|Authority|Agency|SA|SL|AB|AS|SE|UG|ApS)\.?$/;

/**
 * English job titles; matched as whole words in a short segment. Only ever tested, never extracted,
 * so "Head of" needs nothing after it; the words of "Chief … Officer" are bounded (ReDoS).
 */
export const TITLE_EN =
  /\b(?:President|Vice[- ]President|VP|SVP|EVP|AVP|CEO|CTO|CFO|COO|CIO|CMO|CISO|CPO|CRO|Chief(?: [\w-]+){0,4} Officer|Chair(?:man|woman|person)?|Founder|Co-?Founder|Owner|Partner|Principal|Director|Head of|Head|Manager|Management Lead|Lead|Leader|Supervisor|Engineer|Developer|Architect|Programmer|Designer|Analyst|Consultant|Specialist|Coordinator|Co-ordinator|Administrator|Assistant|Associate|Executive|Officer|Representative|Rep|Recruiter|Counsel|Attorney|Lawyer|Solicitor|Paralegal|Accountant|Auditor|Controller|Comptroller|Treasurer|Secretary|Trader|Broker|Scientist|Researcher|Professor|Lecturer|Advisor|Adviser|Strategist|Editor|Writer|Producer|Technician|Agent|Planner|Scheduler|Buyer|Intern|Trainee|Clerk|Nurse|Physician|Doctor|Evangelist|Advocate|Fellow|Superintendent|Foreman|Operator|Owner|Marketer|Salesperson|Mgr|Asst|Atty|Engr|Coord|Account Executive|Project Manager|Product Manager|Program Manager|General Manager|Managing Director|Senior Manager|Team Lead)s?\b/;

/** Titles of open-source projects, universities and teaching: "Apache Flink Committer", "Apache Kafka PMC", "PhD Student". */
export const TITLE_COMMUNITY =
  /\b(?:Student|Candidate|Postdoc|Committer|Maintainer|Contributor|Member|P?PMC|SRE|Mentor|Instructor|Teacher|Trainer|Coach)s?\b/;

/**
 * Job titles in the other languages list mail arrives in: "Ingénieur logiciel", "Engenheiro de
 * Dados", "Teamleiterin Datenplattform" (German compounds end in the job), "Ведущий разработчик".
 */
export const TITLE_EUROPE =
  /\b(?:Ingénieure?|Ingenier[oa]|Ingegnere|Engenheir[oa]|Ingenieur(?:in)?|Directeur|Directrice|Diretora?|Direttore|Gerente|Responsable|Jef[ea]|Chef|Développeuse|Développeur|Desarrollador(?:a)?|Desenvolvedor(?:a)?|Sviluppatore|Programador(?:a)?|Analista|Consultora?|Consulente|Arquitect[oa]|Arquitet[oa]|Architecte|Chercheur|Chercheuse|Investigador(?:a)?|Pesquisador(?:a)?|Ricercatore|Doktorand(?:in)?|Professeur|Profesora?|Geschäftsführer(?:in)?|Prokurist(?:in)?)\b|(?:leiter|entwickler|berater|architekt|referent|spezialist)(?:in)?\b|(?:разработчик|инженер|директор|руководител|менеджер|аналитик|архитектор|консультант|программист)/i;

/** Japanese job titles: a token equal to, or ending with, one of these. */
export const TITLE_JA =
  /(?:代表取締役(?:社長|会長|副社長|専務|常務)?(?:兼?CEO)?|取締役(?:社長|副社長|会長)?|(?:専務|常務)(?:取締役|執行役員)?|執行役員|監査役|会長|社長|副社長|本部長|副本部長|事業部長|部長(?:代理|補佐)?|副部長|担当部長|次長|課長(?:代理|補佐)?|係長|主任(?:研究員)?|主査|主幹|室長|所長|支店長|支社長|工場長|センター長|グループ長|チーム長|店長|(?:シニア|ゼネラル|プロジェクト|プロダクト|アカウント)?マネー?ジャー|(?:グループ|チーム)?リーダー|ディレクター|(?:シニア|リード|ソフトウェア|システム|セールス)?エンジニア|コンサルタント|スペシャリスト|アナリスト|デザイナー|プロデューサー|プログラマー|アーキテクト|研究員|顧問|参与|秘書|弁護士|税理士|公認会計士|司法書士|営業担当|担当)$/;

/** Words that name a unit of a firm wherever they stand: "Risk Management & Trading Controls" is no person and no firm. */
export const UNIT_WORD =
  /\b(?:Management|Trading|Controls?|Operations|Services|Center|Centre|Desk|Team|Group|Department|Dept|Division|Logistics|Scheduling|Accounting|Marketing|Communications|Affairs|Solutions|Support|Risk|Legal|Finance|Origination|Structuring)\b/;

/** Department / unit names. */
export const DEPARTMENT_END =
  /\b(?:Department|Dept|Division|Div|Team|Group|Unit|Practice|Desk|Bureau|Section|Office|Operations|Human Resources|HR|Sales|Marketing|Engineering|Finance|Accounting|Legal|Procurement|Purchasing|Research|Development|R&D|Support|Customer Service|Customer Success|IT|Information Technology|Communications|Logistics|Planning|Origination|Administration|Management|Services|Affairs|Relations|Compliance|Risk|Treasury|Strategy|Product|Design|Quality Assurance|QA|Supply Chain|Business Development|Facilities|Security|Infrastructure)\.?$/;
export const DEPARTMENT_JA =
  /(?:本部|事業部|事業本部|部|課|室|グループ|チーム|センター|局|部門|支社|支店|営業所|事業所|研究所|ユニット|セクション|ディビジョン|推進部|統括部)$/;

/** Surnames that end like a department (部) and must not be read as one. */
export const SURNAMES_LIKE_DEPARTMENTS = new Set([
  '長谷部',
  '日下部',
  '阿部',
  '安部',
  '服部',
  '岡部',
  '矢部',
  '渡部',
  '磯部',
  '田部',
  '綾部',
  '卜部',
  '建部',
  '財部',
  '刑部',
  '越智部',
  '宇佐部',
]);

/** Japanese prefectures: an address starts with one (possibly after a postal code). */
export const PREFECTURE =
  /(?:北海道|東京都|(?:京都|大阪)府|(?:青森|岩手|宮城|秋田|山形|福島|茨城|栃木|群馬|埼玉|千葉|神奈川|新潟|富山|石川|福井|山梨|長野|岐阜|静岡|愛知|三重|滋賀|兵庫|奈良|和歌山|鳥取|島根|岡山|広島|山口|徳島|香川|愛媛|高知|福岡|佐賀|長崎|熊本|大分|宮崎|鹿児島|沖縄)県)/;

export const STREET_WORD =
  /\b(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Court|Ct|Place|Pl|Plaza|Parkway|Pkwy|Highway|Hwy|Square|Sq|Terrace|Circle|Cir|Broadway|Suite|Ste|Floor|Fl|Building|Bldg|Tower|House|Centre|Center|Park|Row|Walk|Close|Crescent|Gardens|Strasse|Straße|Str|Allee|Platz|Weg|Rue|Calle|Via)\b\.?/i;

/** A country written alone on the last line of an address. */
export const COUNTRY_ONLY =
  /^(?:USA|U\.S\.A\.|United States(?: of America)?|UK|U\.K\.|United Kingdom|England|Scotland|Ireland|Canada|Japan|Germany|Deutschland|France|Spain|Italy|Netherlands|Belgium|Switzerland|Schweiz|Austria|Österreich|Sweden|Norway|Denmark|Finland|Australia|New Zealand|Singapore|Hong Kong|China|Korea|India|Brazil|Mexico|日本)\.?$/i;

export const COUNTRY =
  /\b(?:USA|U\.S\.A\.|United States(?: of America)?|UK|U\.K\.|United Kingdom|England|Scotland|Ireland|Canada|Japan|Germany|France|Spain|Italy|Netherlands|Belgium|Switzerland|Austria|Sweden|Norway|Denmark|Finland|Australia|New Zealand|Singapore|Hong Kong|China|Korea|India|Brazil|Mexico|Poland|Portugal|Greece|Czech Republic|Czechia|Hungary|Romania|Bulgaria|Serbia|Croatia|Slovenia|Slovakia|Turkey|Israel|Russia|Ukraine|Luxembourg|Iceland|Estonia|Latvia|Lithuania|South Africa|Argentina|Chile|Colombia|Taiwan|Vietnam|Thailand|Malaysia|Indonesia|Philippines|United Arab Emirates|UAE|Egypt)\b\.?$/;

/**
 * A city with its state or province, the ZIP or postal code optional: "Houston, TX", "Houston TX 77002",
 * "Portland, Oregon", "Calgary, Alberta T2P 3W9". Without a comma the code must be followed by a ZIP,
 * so that "Bob AL" stays a name.
 */
export const CITY_STATE =
  /^[A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*){0,3}(?:,\s*(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|D\.C|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|AB|BC|MB|NB|NL|NS|ON|PE|QC|SK|Tx|Tex|Calif|Ore|Wash|Mass|Penn|Colo|Okla|Fla|Ill|Mich|Minn|Conn|Ariz|Nev|Alta)\.?(?:\s+(?:\d{5}(?:-?\d{4})?|[A-Z]\d[A-Z]\s?\d[A-Z]\d))?|\s+(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY)\.?\s+\d{5}(?:-?\d{4})?)(?:,?\s+(?:USA|U\.S\.A\.|U\.S\.|Canada))?$/;
/** The same with the state or province written out, in any case: "Portland, Oregon", "HOUSTON, TEXAS 77002". */
export const CITY_STATE_NAME =
  /^[a-z][a-z.'-]*(?: [a-z][a-z.'-]*){0,3},\s*(?:Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|Alberta|British Columbia|Manitoba|New Brunswick|Nova Scotia|Ontario|Quebec|Québec|Saskatchewan)\.?(?:\s+(?:\d{5}(?:-?\d{4})?|[a-z]\d[a-z]\s?\d[a-z]\d))?(?:,?\s+(?:USA|U\.S\.A\.|U\.S\.|Canada))?$/i;

/**
 * Rooms and mail stops written as building codes: "EB 3817", "EB 38C1", "3WTC 0306", "ECS 05-102",
 * "3AC-1402". Upper-case codes only, and never a phone or extension label.
 */
export const ROOM_CODE =
  /^(?!(?:EXT|TEL|FAX|PH|PO|CELL)\b)\d?[A-Z]{2,4}[ -]?\d{1,2}[A-Z]?\d{0,4}[A-Z]?(?:-\d{1,4}[A-Z]?)?$/;

/** US states and Canadian provinces, for "City, ST 12345". */
export const US_STATE_ZIP = /,\s*(?:[A-Z]{2}\.?|D\.\s?C\.),?\s+\d{5}(?:-\d{4})?\b/;
/** "Houston, Texas 77002", "Houston Texas 77002": the state written out. */
export const US_STATE_NAME_ZIP =
  /(?:,\s*|\s)(?:Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|District of Columbia)\.?\s+\d{5}(?:-\d{4})?\b/;
export const CA_PROVINCE_POSTAL = /(?:,\s*|\s)[A-Z]{2}\.?\s+[A-Z]\d[A-Z]\s?\d[A-Z]\d\b/;
export const UK_POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b/;
/** A UK postcode alone on its line: "BS1 6XX". */
export const UK_POSTCODE_ONLY = /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/;
/** "Sydney NSW 2000", "Melbourne, VIC 3000": an Australian state and postcode. */
export const AU_STATE_POSTCODE = /\b(?:NSW|VIC|QLD|SA|WA|TAS|ACT|NT),? \d{4}$/;
/** "Sector 39, Gurgaon 122001", "Bangalore - 560 001": a place and an Indian PIN code ending the line. */
export const IN_CITY_PIN = /^\p{L}[\p{L}\d .'-]{0,40},[\p{L}\d .'-]{1,40}[ -]\d{3} ?\d{3}$/u;
/** "São Paulo - SP, 01310-100": a Brazilian CEP. */
export const BR_CEP = /\b\d{5}-\d{3}$/;

/** Given names and the short forms people sign with. */
export const NICKNAMES: Readonly<Record<string, readonly string[]>> = {
  albert: ['al', 'bert'],
  alexander: ['alex', 'sandy'],
  andrew: ['andy', 'drew'],
  anthony: ['tony'],
  barbara: ['barb'],
  benjamin: ['ben'],
  charles: ['charlie', 'chuck'],
  christopher: ['chris'],
  christine: ['chris'],
  daniel: ['dan', 'danny'],
  david: ['dave'],
  deborah: ['deb', 'debbie'],
  debra: ['deb', 'debbie'],
  edward: ['ed', 'eddie', 'ted'],
  elizabeth: ['liz', 'beth', 'betsy'],
  frederick: ['fred'],
  gregory: ['greg'],
  james: ['jim', 'jimmy', 'jamie'],
  jennifer: ['jen', 'jenny'],
  jeffrey: ['jeff'],
  john: ['jack'],
  jonathan: ['jon'],
  joseph: ['joe'],
  katherine: ['kate', 'kathy', 'katie'],
  kathryn: ['kate', 'kathy'],
  kenneth: ['ken'],
  kimberly: ['kim'],
  lawrence: ['larry'],
  margaret: ['maggie', 'peggy', 'meg'],
  matthew: ['matt'],
  michael: ['mike', 'mick'],
  nicholas: ['nick'],
  patricia: ['pat', 'patty', 'trish'],
  patrick: ['pat'],
  peter: ['pete'],
  philip: ['phil'],
  phillip: ['phil'],
  richard: ['rick', 'dick', 'rich'],
  robert: ['bob', 'rob', 'bobby'],
  ronald: ['ron'],
  samuel: ['sam'],
  stephen: ['steve'],
  steven: ['steve'],
  susan: ['sue'],
  thomas: ['tom', 'tommy'],
  timothy: ['tim'],
  victoria: ['vicky', 'tori'],
  william: ['bill', 'will', 'billy'],
};

/** Free-mail domains: the domain says nothing about the sender's company. */
export const FREE_MAIL =
  /^(?:gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|aol|icloud|me|mac|gmx|web|mail|proton|protonmail|excite|comcast|verizon|att|earthlink|docomo|ezweb|softbank|i\.softbank|nifty|biglobe|ocn|so-net)\./i;
