import { MAILBOX_HISTORY_MS } from './constants';
import {
  EN_COMPANIES,
  EN_DEPARTMENTS,
  EN_FIRST,
  EN_LAST,
  EN_TITLES,
  FREEMAIL_DOMAINS,
  JA_COMPANIES,
  JA_DEPARTMENTS,
  JA_FIRST,
  JA_LAST,
  JA_TITLES,
  type CompanyData,
} from './people-data';
import { Rng } from './prng';

export type Country = CompanyData['country'];

/** Anyone who writes mail in the scenario: an external contact or a colleague in a tenant. */
export interface Person {
  name: string;
  /** Latin spelling printed next to a Japanese name in some signatures. */
  latinName?: string;
  email: string;
  lang: 'en' | 'ja';
  country: Country;
  company: string | null;
  title: string | null;
  department: string | null;
  /** E.164 numbers; how they are printed is the signature's business. */
  phones: { office?: string; mobile?: string; fax?: string };
  address: string | null;
  url: string | null;
  /** Which signature layout this person uses (stable per person, as in life). */
  style: number;
  disclaimer: boolean;
  /** A promotion or a new phone from this moment on, so older and newer mail disagree. */
  change?: { at: number; title?: string; mobile?: string };
  internal: boolean;
}

const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.int(10)).join('');

export function officeNumber(rng: Rng, country: Country): string {
  switch (country) {
    case 'US':
      return `+1${rng.pick(['206', '425', '415', '312', '617', '512'])}55501${digits(rng, 2)}`;
    case 'GB':
      return `+442079460${digits(rng, 3)}`;
    case 'DE':
      return `+49${rng.pick(['30', '69', '89', '211'])}${digits(rng, 7)}`;
    case 'JP':
      return `+81${rng.pick(['3', '6', '52', '92'])}${digits(rng, 8)}`.slice(0, 12);
  }
}

export function mobileNumber(rng: Rng, country: Country): string {
  switch (country) {
    case 'US':
      return `+1${rng.pick(['206', '425', '646'])}55501${digits(rng, 2)}`;
    case 'GB':
      return `+447700900${digits(rng, 3)}`;
    case 'DE':
      return `+49151${digits(rng, 8)}`;
    case 'JP':
      return `+81${rng.pick(['90', '80', '70'])}${digits(rng, 8)}`;
  }
}

/** The fax shares the office trunk, as it does on real letterheads. */
function faxFor(office: string): string {
  return office.slice(0, -1) + ((Number(office.slice(-1)) + 1) % 10);
}

function changeFor(rng: Rng, now: number, lang: 'en' | 'ja', country: Country): Person['change'] {
  if (!rng.chance(0.15)) return undefined;
  const at = now - Math.floor(MAILBOX_HISTORY_MS * (0.2 + rng.next() * 0.6));
  return rng.chance(0.5)
    ? { at, title: lang === 'ja' ? rng.pick(JA_TITLES) : rng.pick(EN_TITLES) }
    : { at, mobile: mobileNumber(rng, country) };
}

function companyPerson(rng: Rng, company: CompanyData, now: number, used: Set<string>): Person {
  for (;;) {
    const ja = company.lang === 'ja' && !rng.chance(0.1);
    let name: string;
    let latinName: string | undefined;
    let local: string;
    if (ja) {
      const [lk, lr] = rng.pick(JA_LAST);
      const [fk, fr] = rng.pick(JA_FIRST);
      name = `${lk} ${fk}`;
      latinName = `${fr} ${lr}`;
      local = rng.pick([`${fr[0]}-${lr}`, `${lr}.${fr}`, `${lr}`]).toLowerCase();
    } else {
      const first = rng.pick(EN_FIRST);
      const last = rng.pick(EN_LAST);
      name = `${first} ${last}`;
      local = rng.pick([`${first}.${last}`, `${first[0]}${last}`, `${first}`]).toLowerCase();
    }
    const email = `${local}@${company.domain}`;
    if (used.has(email)) continue;
    used.add(email);
    const lang = ja ? 'ja' : 'en';
    const office = officeNumber(rng, company.country);
    return {
      name,
      latinName,
      email,
      lang,
      country: company.country,
      company: company.name,
      title: ja ? rng.pick(JA_TITLES) : rng.pick(EN_TITLES),
      department: ja ? rng.pick(JA_DEPARTMENTS) : rng.pick(EN_DEPARTMENTS),
      phones: {
        office,
        mobile: rng.chance(0.7) ? mobileNumber(rng, company.country) : undefined,
        fax: rng.chance(ja ? 0.7 : 0.25) ? faxFor(office) : undefined,
      },
      address: company.address,
      url: company.url,
      style: rng.int(3),
      disclaimer: company.disclaimer === true,
      change: changeFor(rng, now, lang, company.country),
      internal: false,
    };
  }
}

function freemailPerson(rng: Rng, now: number, used: Set<string>): Person {
  for (;;) {
    const domain = rng.pick(FREEMAIL_DOMAINS);
    const ja = domain.endsWith('.jp');
    const [lk, lr] = rng.pick(JA_LAST);
    const [fk, fr] = rng.pick(JA_FIRST);
    const first = ja ? fr : rng.pick(EN_FIRST);
    const last = ja ? lr : rng.pick(EN_LAST);
    const email = `${first}.${last}${rng.range(1, 99)}@${domain}`.toLowerCase();
    if (used.has(email)) continue;
    used.add(email);
    const country: Country = ja ? 'JP' : 'US';
    return {
      name: ja ? `${lk} ${fk}` : `${first} ${last}`,
      latinName: ja ? `${fr} ${lr}` : undefined,
      email,
      lang: ja ? 'ja' : 'en',
      country,
      company: null,
      title: null,
      department: null,
      phones: { mobile: rng.chance(0.6) ? mobileNumber(rng, country) : undefined },
      address: null,
      url: null,
      style: 3,
      disclaimer: false,
      change: changeFor(rng, now, ja ? 'ja' : 'en', country),
      internal: false,
    };
  }
}

/**
 * The shared pool of external people, about 40 companies' worth. Every mailbox of every tenant
 * draws its contacts from this one pool, so several colleagues end up knowing the same person.
 */
export function buildExternalPeople(seed: number, now: number): Person[] {
  const rng = Rng.of(seed, 'external-people');
  const used = new Set<string>();
  const people: Person[] = [];
  for (const company of [...EN_COMPANIES, ...JA_COMPANIES]) {
    const size = rng.range(2, 7);
    for (let i = 0; i < size; i++) people.push(companyPerson(rng, company, now, used));
  }
  for (let i = 0; i < 18; i++) people.push(freemailPerson(rng, now, used));
  return people;
}

/** The person as they are at a given moment (title and mobile may have changed). */
export function personAt(person: Person, at: number): Person {
  const change = person.change;
  if (!change || at < change.at) return person;
  return {
    ...person,
    title: change.title ?? person.title,
    phones: { ...person.phones, mobile: change.mobile ?? person.phones.mobile },
  };
}
