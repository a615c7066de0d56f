import {
  CONTOSO_JAPAN_TENANT_ID,
  CONTOSO_TENANT_ID,
  FABRIKAM_TENANT_ID,
  MAILBOX_HISTORY_MS,
} from './constants';
import { EN_FIRST, EN_LAST } from './people-data';
import { formatPhone } from './signatures';
import { guidFrom, hash32, Rng } from './prng';
import { mobileNumber, officeNumber, type Country, type Person } from './people';

/**
 * Users whose mailbox calls fail in a planted way. `no-mailbox` is also unlicensed, and `guest` is
 * a B2B guest: neither has an Exchange Online mailbox in the tenant.
 */
export type PlantedError =
  'no-mailbox' | 'deleted-user' | 'access-denied' | 'mail-read-denied' | 'persistent-failure' | 'guest';

export interface DirectoryUser {
  id: string;
  tenantId: string;
  userPrincipalName: string;
  mail: string;
  displayName: string;
  givenName: string;
  surname: string;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  businessPhones: string[];
  mobilePhone: string | null;
  preferredLanguage: string;
  isAdmin: boolean;
  /** `Guest` for B2B collaboration users (their UPN carries `#EXT#`), else `Member`. */
  userType: 'Member' | 'Guest';
  /** Whether a licence (with Exchange Online) is assigned: `assignedLicenses` is empty otherwise. */
  licensed: boolean;
  plantedError: PlantedError | null;
  password: string;
  /** Who this colleague is in a signature block. */
  person: Person;
}

export interface Tenant {
  id: string;
  displayName: string;
  group: string;
  /** First one is the default domain, last one the initial *.onmicrosoft.com domain. */
  verifiedDomains: string[];
  countryLetterCode: string;
  users: DirectoryUser[];
}

interface Organisation {
  company: string;
  address: string;
  url: string;
  country: Country;
  lang: 'en' | 'ja';
}

/** given, surname, title, department, admin?, Latin spelling (Japanese users) */
type UserSeed = [string, string, string, string, boolean?, string?];

const CONTOSO_USERS: UserSeed[] = [
  ['Olivia', 'Carter', 'IT Manager', 'IT', true],
  ['Daniel', 'Brooks', 'Sales Director', 'Sales'],
  ['Priya', 'Shah', 'Account Executive', 'Sales'],
  ['Marcus', 'Lee', 'Account Executive', 'Sales'],
  ['Hannah', 'Schmidt', 'Marketing Manager', 'Marketing'],
  ['Tom', 'Becker', 'Procurement Lead', 'Procurement'],
  ['Sofia', 'Alvarez', 'Customer Success Manager', 'Customer Success'],
  ['Liam', "O'Connor", 'Solutions Engineer', 'Engineering'],
  ['Grace', 'Kim', 'Chief Financial Officer', 'Finance', true],
  ['Ethan', 'Walsh', 'Legal Counsel', 'Legal'],
];

const CONTOSO_JAPAN_USERS: UserSeed[] = [
  ['健', '佐藤', '部長', '情報システム部', true, 'Ken Sato'],
  ['美咲', '鈴木', '課長', '営業部', false, 'Misaki Suzuki'],
  ['大輔', '高橋', '主任', '営業部', false, 'Daisuke Takahashi'],
  ['由美', '田中', '担当', '購買部', false, 'Yumi Tanaka'],
];

const FABRIKAM_USERS: UserSeed[] = [
  ['Isabel', 'Moreno', 'IT Director', 'IT', true],
  ['Jonas', 'Berg', 'Sales Manager', 'Sales'],
  ['Aisha', 'Khan', 'Senior Buyer', 'Procurement'],
  ['Peter', 'Novak', 'Field Engineer', 'Engineering'],
  ['Chloe', 'Martin', 'Marketing Lead', 'Marketing'],
];

const PLANTED: PlantedError[] = [
  'no-mailbox',
  'deleted-user',
  'access-denied',
  'mail-read-denied',
  'persistent-failure',
];

const ORGANISATIONS: Record<string, Organisation> = {
  [CONTOSO_TENANT_ID]: {
    company: 'Contoso Ltd.',
    address: 'One Contoso Way, Redmond, WA 98052, USA',
    url: 'https://www.contoso.com',
    country: 'US',
    lang: 'en',
  },
  [CONTOSO_JAPAN_TENANT_ID]: {
    company: 'コントソ・ジャパン株式会社',
    address: '〒105-0001 東京都港区虎ノ門1-23-1 虎ノ門ヒルズ森タワー20F',
    url: 'https://www.contoso.co.jp/',
    country: 'JP',
    lang: 'ja',
  },
  [FABRIKAM_TENANT_ID]: {
    company: 'Fabrikam, Inc.',
    address: '1 Fabrikam Plaza, Chicago, IL 60601, USA',
    url: 'https://www.fabrikam.com',
    country: 'US',
    lang: 'en',
  },
};

function makeUser(
  tenant: Tenant,
  seed: number,
  now: number,
  data: UserSeed,
  planted: PlantedError | null,
  org: Organisation = ORGANISATIONS[tenant.id]!,
) {
  const [given, surname, title, department, admin, latin] = data;
  const domain = tenant.verifiedDomains[0]!;
  const local = planted ?? (latin ?? `${given} ${surname}`).toLowerCase().replace(/'/g, '').replace(' ', '.');
  const upn = `${local}@${domain}`;
  const rng = Rng.of(seed, 'user', upn);
  const office = officeNumber(rng, org.country);
  const mobile = mobileNumber(rng, org.country);
  const displayName = org.lang === 'ja' ? `${surname} ${given}` : `${given} ${surname}`;
  const person: Person = {
    name: displayName,
    latinName: latin,
    email: upn,
    lang: org.lang,
    country: org.country,
    company: org.company,
    title,
    department,
    phones: { office, mobile },
    address: org.address,
    url: org.url,
    style: rng.int(3),
    disclaimer: tenant.id !== FABRIKAM_TENANT_ID,
    change: rng.chance(0.2)
      ? { at: now - MAILBOX_HISTORY_MS / 3, mobile: mobileNumber(rng, org.country) }
      : undefined,
    internal: true,
  };
  const user: DirectoryUser = {
    id: guidFrom('user', tenant.id, local),
    tenantId: tenant.id,
    userPrincipalName: upn,
    mail: upn,
    displayName,
    givenName: given,
    surname,
    jobTitle: title,
    department,
    officeLocation: org.lang === 'ja' ? '東京本社' : org.country === 'US' ? 'Redmond' : null,
    businessPhones: [formatPhone(office, org.country, false)],
    mobilePhone: formatPhone(mobile, org.country, false),
    preferredLanguage: org.lang === 'ja' ? 'ja-JP' : 'en-US',
    isAdmin: admin === true,
    userType: 'Member',
    licensed: planted !== 'no-mailbox',
    plantedError: planted,
    password: `Emu-${hash32(seed, 'password', upn).toString(36)}!`,
    person,
  };
  tenant.users.push(user);
}

/**
 * A B2B guest: a person of another organisation invited into `tenant`. Entra gives the guest
 * object its own id, `userType: Guest` and a UPN of the form `{mail with _ for @}#EXT#@{initial
 * domain}`; the guest reads mail in their own organisation, so this tenant has no mailbox for them.
 */
function addGuest(tenant: Tenant, home: DirectoryUser, seed: number): void {
  const initialDomain = tenant.verifiedDomains[tenant.verifiedDomains.length - 1]!;
  const upn = `${home.mail.replace('@', '_')}#EXT#@${initialDomain}`;
  tenant.users.push({
    ...home,
    id: guidFrom('guest', tenant.id, home.mail),
    tenantId: tenant.id,
    userPrincipalName: upn,
    jobTitle: null,
    department: null,
    officeLocation: null,
    businessPhones: [],
    mobilePhone: null,
    isAdmin: false,
    userType: 'Guest',
    licensed: false,
    plantedError: 'guest',
    password: `Emu-${hash32(seed, 'password', upn).toString(36)}!`,
    person: { ...home.person, internal: false },
  });
}

/** Benchmark scale: more ordinary colleagues in Contoso, with names that stay unique. */
function extraUserSeeds(count: number): UserSeed[] {
  const seeds: UserSeed[] = [];
  const titles = ['Account Executive', 'Sales Manager', 'Buyer', 'Engineer', 'Analyst', 'Consultant'];
  for (let i = 0; i < count; i++) {
    // (first, last) pairs are unique for the first 3,600 users: a different surname per round.
    const given = EN_FIRST[i % EN_FIRST.length]!;
    const surname = EN_LAST[(i * 7 + Math.floor(i / EN_FIRST.length)) % EN_LAST.length]!;
    seeds.push([given, surname, titles[i % titles.length]!, 'Sales']);
  }
  return seeds;
}

/** Benchmark scale: more organisations, each its own tenant and company group. */
export interface ExtraTenants {
  count: number;
  /** Ordinary users (mailboxes) per tenant; each tenant also has one admin. */
  usersPerTenant: number;
}

function customerTenants(seed: number, now: number, extra: ExtraTenants): Tenant[] {
  const tenants: Tenant[] = [];
  for (let i = 1; i <= extra.count; i++) {
    const nn = String(i).padStart(2, '0');
    const tenant: Tenant = {
      id: guidFrom('tenant', 'customer', i),
      displayName: `Customer ${nn}`,
      group: `customer-${nn}`,
      verifiedDomains: [`customer${nn}.com`, `customer${nn}.onmicrosoft.com`],
      countryLetterCode: 'US',
      users: [],
    };
    const org: Organisation = {
      company: `Customer ${nn} Inc.`,
      address: `${i} Market Street, Seattle, WA 98101, USA`,
      url: `https://www.customer${nn}.com`,
      country: 'US',
      lang: 'en',
    };
    makeUser(tenant, seed, now, ['Alex', 'Admin', 'IT Manager', 'IT', true], null, org);
    for (const data of extraUserSeeds(extra.usersPerTenant)) makeUser(tenant, seed, now, data, null, org);
    tenants.push(tenant);
  }
  return tenants;
}

export function buildTenants(
  seed: number,
  now: number,
  extraUsers: number,
  extraTenants: ExtraTenants = { count: 0, usersPerTenant: 0 },
): Tenant[] {
  const tenant = (
    id: string,
    displayName: string,
    group: string,
    domains: string[],
    country: string,
  ): Tenant => ({
    id,
    displayName,
    group,
    verifiedDomains: domains,
    countryLetterCode: country,
    users: [],
  });
  const contoso = tenant(
    CONTOSO_TENANT_ID,
    'Contoso',
    'contoso',
    ['contoso.com', 'contoso.onmicrosoft.com'],
    'US',
  );
  const japan = tenant(
    CONTOSO_JAPAN_TENANT_ID,
    'Contoso Japan',
    'contoso',
    ['contoso.co.jp', 'contosojapan.onmicrosoft.com'],
    'JP',
  );
  const fabrikam = tenant(
    FABRIKAM_TENANT_ID,
    'Fabrikam',
    'fabrikam',
    ['fabrikam.com', 'fabrikam.onmicrosoft.com'],
    'US',
  );
  for (const data of CONTOSO_USERS) makeUser(contoso, seed, now, data, null);
  for (const planted of PLANTED) {
    const title = planted.replace('-', ' ').replace(/\b\w/g, (c) => c.toUpperCase());
    makeUser(contoso, seed, now, [title.split(' ')[0]!, title.split(' ')[1]!, 'Test Account', 'IT'], planted);
  }
  for (const data of extraUserSeeds(extraUsers)) makeUser(contoso, seed, now, data, null);
  for (const data of CONTOSO_JAPAN_USERS) makeUser(japan, seed, now, data, null);
  for (const data of FABRIKAM_USERS) makeUser(fabrikam, seed, now, data, null);
  addGuest(
    contoso,
    fabrikam.users.find((u) => u.givenName === 'Jonas')!,
    seed,
  );
  return [contoso, japan, fabrikam, ...customerTenants(seed, now, extraTenants)];
}
