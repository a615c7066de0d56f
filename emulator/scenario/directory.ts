import {
  CONTOSO_JAPAN_TENANT_ID,
  CONTOSO_TENANT_ID,
  FABRIKAM_TENANT_ID,
  GLOBAL_ADMIN_ROLE_ID,
  MAILBOX_HISTORY_MS,
  FIRSTUP_CUSTOMER_ID,
  FIRSTUP_DOMAIN,
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
  | 'no-mailbox'
  | 'deleted-user'
  | 'access-denied'
  | 'mail-read-denied'
  | 'persistent-failure'
  | 'guest'
  // Google Workspace: Gmail switched off for the user; the account suspended by an admin.
  | 'no-gmail'
  | 'suspended';

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
  /** A Global Administrator of the tenant (may grant tenant-wide consent). */
  isAdmin: boolean;
  /** Template ids of the directory roles assigned to the user, tenant-wide. */
  directoryRoles: string[];
  /**
   * `Guest` for B2B collaboration users (their UPN carries `#EXT#`; they sign in with an account
   * of another organisation, `homeTenantId`), else `Member`.
   */
  userType: 'Member' | 'Guest';
  homeTenantId: string | null;
  /** Whether a licence (with Exchange Online) is assigned: `assignedLicenses` is empty otherwise. */
  licensed: boolean;
  plantedError: PlantedError | null;
  password: string;
  /** Who this colleague is in a signature block. */
  person: Person;
}

export interface Tenant {
  /** Entra: the tenant GUID. Google Workspace: the customer ID. */
  id: string;
  provider: 'microsoft' | 'google';
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

/** First Up Consultants, a consultancy on Google Workspace (Gmail). */
const FIRSTUP_USERS: UserSeed[] = [
  ['Nora', 'Fischer', 'Head of IT', 'IT', true],
  ['Omar', 'Haddad', 'Sales Lead', 'Sales'],
  ['Lena', 'Vogel', 'Account Manager', 'Sales'],
  ['Rafael', 'Costa', 'Senior Buyer', 'Procurement'],
  ['Mei', 'Lin', 'Product Manager', 'Product'],
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
  [FIRSTUP_CUSTOMER_ID]: {
    company: 'First Up Consultants GmbH',
    address: 'Hafenstraße 12, 20457 Hamburg, Germany',
    url: 'https://www.firstupconsultants.com',
    country: 'DE',
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
    directoryRoles: admin === true ? [GLOBAL_ADMIN_ROLE_ID] : [],
    userType: 'Member',
    homeTenantId: null,
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
    directoryRoles: [],
    userType: 'Guest',
    homeTenantId: home.tenantId,
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
      provider: 'microsoft',
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
    provider: 'microsoft',
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
  addGuest(fabrikam, outsideContractor(seed), seed);
  return [contoso, japan, fabrikam, ...customerTenants(seed, now, extraTenants)];
}

/** Google user ids are decimal numbers of 21 digits. */
function googleUserId(customerId: string, local: string): string {
  let digits = '1';
  for (let i = 0; digits.length < 21; i++)
    digits += String(hash32('google-user', customerId, local, i) % 100_000).padStart(5, '0');
  return digits.slice(0, 21);
}

/**
 * Google Workspace customers. First Up Consultants is its own company group: its colleagues share threads
 * among themselves, and the Microsoft 365 tenants' mailboxes stay exactly as they are.
 */
export function buildWorkspaces(seed: number, now: number): Tenant[] {
  const firstup: Tenant = {
    id: FIRSTUP_CUSTOMER_ID,
    provider: 'google',
    displayName: 'First Up Consultants',
    group: 'firstup',
    verifiedDomains: [FIRSTUP_DOMAIN],
    countryLetterCode: 'DE',
    users: [],
  };
  for (const data of FIRSTUP_USERS) makeUser(firstup, seed, now, data, null);
  makeUser(firstup, seed, now, ['No', 'Gmail', 'Test Account', 'IT'], 'no-gmail');
  makeUser(firstup, seed, now, ['Suspended', 'User', 'Test Account', 'IT'], 'suspended');
  for (const user of firstup.users) {
    user.id = googleUserId(firstup.id, user.userPrincipalName.split('@')[0]!);
    user.userType = 'Member';
  }
  return [firstup];
}

/** A contractor's organisation, outside the emulated tenants: the home of Fabrikam's B2B guest. */
export const GUEST_HOME_TENANT_ID = 'a7d3c1e9-5b2f-4e8a-9c6d-1f0e2b3a4c5d';

/**
 * A contractor of an organisation outside the emulated tenants, invited into Fabrikam as a guest:
 * their tokens carry Fabrikam's `tid` and their home tenant's `idp`.
 */
function outsideContractor(seed: number): DirectoryUser {
  const mail = 'alex.wilson@northwind.example';
  return {
    id: guidFrom('user', GUEST_HOME_TENANT_ID, mail),
    tenantId: GUEST_HOME_TENANT_ID,
    userPrincipalName: mail,
    mail,
    displayName: 'Alex Wilson (Northwind Traders)',
    givenName: 'Alex',
    surname: 'Wilson',
    jobTitle: 'Contractor',
    department: null,
    officeLocation: null,
    businessPhones: [],
    mobilePhone: null,
    preferredLanguage: 'en-US',
    isAdmin: false,
    directoryRoles: [],
    userType: 'Member',
    homeTenantId: null,
    licensed: true,
    plantedError: null,
    password: `Emu-${hash32(seed, 'password', mail).toString(36)}!`,
    person: {
      name: 'Alex Wilson',
      email: mail,
      lang: 'en',
      country: 'US',
      company: 'Northwind Traders',
      title: 'Contractor',
      department: null,
      phones: {},
      address: null,
      url: null,
      style: 0,
      disclaimer: false,
      internal: false,
    },
  };
}
