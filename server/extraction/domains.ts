/**
 * What a domain tells us about a company. Free-mail domains (gmail.com, yahoo.co.jp, …) identify
 * no company, so people there are contacts without one.
 */
const freeMailDomains = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'outlook.jp',
  'hotmail.com',
  'hotmail.co.jp',
  'hotmail.co.uk',
  'live.com',
  'live.jp',
  'msn.com',
  'yahoo.com',
  'yahoo.co.jp',
  'yahoo.co.uk',
  'ymail.com',
  'aol.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'mail.com',
  'zoho.com',
  'yandex.com',
  'yandex.ru',
  'qq.com',
  '163.com',
  '126.com',
  'naver.com',
  'daum.net',
  'docomo.ne.jp',
  'ezweb.ne.jp',
  'au.com',
  'softbank.ne.jp',
  'i.softbank.jp',
  'nifty.com',
  'biglobe.ne.jp',
  'ocn.ne.jp',
  'so-net.ne.jp',
  'fastmail.com',
  'hey.com',
  'tutanota.com',
  'orange.fr',
  'free.fr',
  'btinternet.com',
  'comcast.net',
  'verizon.net',
]);

export function isFreeMailDomain(domain: string): boolean {
  return freeMailDomains.has(domain);
}

// Second-level labels under which registrable names sit one level deeper (example.co.jp).
const secondLevel = new Set([
  'co',
  'com',
  'ne',
  'or',
  'ac',
  'go',
  'gr',
  'ed',
  'lg',
  'net',
  'org',
  'gov',
  'edu',
  'ltd',
  'plc',
]);

/** The registrable part of a domain: mail.eu.contoso.com → contoso.com, sales.tokyo.co.jp stays as is. */
export function registrableDomain(domain: string): string {
  const labels = domain.split('.');
  if (labels.length <= 2) return domain;
  const tld = labels[labels.length - 1]!;
  const sld = labels[labels.length - 2]!;
  const keep = tld.length === 2 && secondLevel.has(sld) ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/** A readable company name guessed from the domain ("northwind-traders.co.jp" → "Northwind Traders"); a signature's company beats it. */
export function companyNameFromDomain(domain: string): string {
  const name = registrableDomain(domain).split('.')[0]!;
  return name
    .split(/[-_]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
}

/** True when the domain is one of the organisation's domains or a subdomain of one. */
export function isInDomains(domain: string, domains: ReadonlySet<string>): boolean {
  if (domains.has(domain)) return true;
  for (let i = domain.indexOf('.'); i !== -1; i = domain.indexOf('.', i + 1)) {
    if (domains.has(domain.slice(i + 1))) return true;
  }
  return false;
}
