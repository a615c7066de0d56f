/**
 * `npm run bench:lookup` — how fast the task pane gets its answer.
 *
 * Stores --points contact points (default 1,000,000) of one organisation with their read models
 * (timelines, contacts, companies) in the documents extraction writes, then measures
 * GET /api/contacts for 5 addresses through the real API (HTTPS, token validation, organisation
 * lookup): p50/p95/p99 over sequential requests, and throughput with 8 concurrent callers.
 * Then the same lookup, and the company view, for one company of --big-company people (5,000).
 * Uses the embedded database unless MONGODB_URI is set. Options: --points N --requests N --big-company N.
 */
import https from 'node:https';
import { devCerts } from '../../scripts/lib/certs';
import {
  companies,
  companyId,
  companyPeople,
  companyPeopleId,
  companyPeoplePartOf,
  contactId,
  contactPointId,
  contactPoints,
  contacts,
  dated,
  packCounts,
  personKey,
  personOfKey,
  quarterOfMonth,
  ranked,
  recentOfBucket,
  timelineEntry,
  timelineId,
  timelines,
  unpackCounts,
  type CompanyDoc,
  type CompanyPeopleDoc,
  type ContactDoc,
  type ContactPointDoc,
  type TimelineDoc,
} from '../../server/extraction/documents';
import { summarise, type LegacyColleague } from '../../server/extraction/relationships';
import { companyPageLimit } from '../../server/contacts/routes';
import { startTestApp } from '../support/app';
import { adminOf, microsoftEnv, tenantNamed, userToken } from '../support/emulator';
import { connectOrganization } from '../support/organization';
import { benchDatabase, emulatorProcess, median, percentile } from './support';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const totalPoints = flag('points', 1_000_000);
const requests = flag('requests', 300);
const bigCompany = flag('big-company', 5000);
const contactCount = Math.max(50, Math.round(totalPoints / 40));
const log = (line: string) => process.stdout.write(`${line}\n`);

/** A deterministic pseudo-random sequence, so every run stores the same data. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const months = Array.from({ length: 24 }, (_, i) => {
  const d = new Date(Date.UTC(2026, 10 - i, 1));
  return d.toISOString().slice(0, 7);
});

async function seed(
  db: import('mongodb').Db,
  orgId: string,
  tenantId: string,
  colleagues: Array<{ id: string; name: string }>,
) {
  const next = random(7);
  // Heavy-tailed: a few people with thousands of contact points, most with a handful.
  const weights = Array.from({ length: contactCount }, (_, i) => 1 / (1 + i) ** 0.8);
  const scale = totalPoints / weights.reduce((a, b) => a + b, 0);
  let stored = 0;
  let pending: {
    points: ContactPointDoc[];
    buckets: TimelineDoc[];
    contacts: ContactDoc[];
    companies: Map<string, CompanyDoc>;
    groups: Map<string, CompanyPeopleDoc>;
  } = {
    points: [],
    buckets: [],
    contacts: [],
    companies: new Map(),
    groups: new Map(),
  };
  const flush = async () => {
    if (pending.points.length) await contactPoints(db).insertMany(pending.points, { ordered: false });
    if (pending.buckets.length) await timelines(db).insertMany(pending.buckets, { ordered: false });
    if (pending.contacts.length) await contacts(db).insertMany(pending.contacts, { ordered: false });
    pending = { points: [], buckets: [], contacts: [], companies: pending.companies, groups: pending.groups };
  };
  const started = Date.now();
  for (let c = 0; c < contactCount; c++) {
    const domain = `company${c % Math.ceil(contactCount / 10)}.example.com`;
    const email = `person${c}@${domain}`;
    const n = Math.max(1, Math.round(weights[c]! * scale));
    const contact: ContactDoc = {
      _id: contactId(orgId, email),
      orgId,
      email,
      domain,
      name: dated(new Date(), `Person ${c}`),
      company: ranked(0, new Date(0), `Company ${c % Math.ceil(contactCount / 10)}`),
      firstContactAt: new Date(),
      lastContactAt: new Date(0),
      months: {},
      colleagues: {},
    };
    const colleagueMonths: Record<string, LegacyColleague> = {};
    const buckets = new Map<string, TimelineDoc>();
    for (let i = 0; i < n; i++) {
      const month = months[Math.floor(next() ** 2 * months.length)]!;
      const at = new Date(`${month}-${String(1 + Math.floor(next() * 27)).padStart(2, '0')}T09:00:00Z`);
      const colleague = colleagues[Math.floor(next() * colleagues.length)]!;
      const direction = next() < 0.45 ? 'sent' : 'received';
      const messageKey = `m${c}x${i}`;
      pending.points.push({
        _id: contactPointId(orgId, colleague.id, messageKey),
        orgId,
        tenantId,
        userId: colleague.id,
        messageKey,
        graphMessageId: messageKey,
        internetMessageId: `<${messageKey}@bench>`,
        conversationId: null,
        occurredAt: at,
        direction,
        external: [{ email, name: `Person ${c}`, domain }],
        subject: `Subject ${i}`,
        storedAt: new Date(),
      });
      const quarter = quarterOfMonth(month);
      let bucket = buckets.get(quarter);
      if (!bucket)
        buckets.set(
          quarter,
          (bucket = { _id: timelineId(orgId, email, quarter), orgId, email, quarter, entries: [] }),
        );
      bucket.entries.push(
        timelineEntry({ at, userId: colleague.id, messageKey, direction, subject: `Subject ${i}` }),
      );
      const add = (counts: Record<string, number>) => {
        const c = unpackCounts(counts[month]);
        counts[month] =
          direction === 'sent' ? packCounts(c.sent + 1, c.received) : packCounts(c.sent, c.received + 1);
      };
      add(contact.months);
      const rel = (colleagueMonths[colleague.id] ??= {
        name: colleague.name,
        tenantId,
        first: at,
        last: at,
        months: {},
      });
      add(rel.months);
      if (at < rel.first) rel.first = at;
      if (at > rel.last) rel.last = at;
      if (at < contact.firstContactAt) contact.firstContactAt = at;
      if (at > contact.lastContactAt) contact.lastContactAt = at;
    }
    for (const [userId, rel] of Object.entries(colleagueMonths))
      contact.colleagues[userId] = summarise({ ...rel, _id: '', orgId, email, userId });
    const newest = [...buckets.values()].sort((a, b) => b.quarter.localeCompare(a.quarter))[0]!;
    contact.recent = recentOfBucket(newest.quarter, newest.entries);
    pending.buckets.push(...buckets.values());
    pending.contacts.push(contact);
    const company = pending.companies.get(domain) ?? {
      _id: companyId(orgId, domain),
      orgId,
      domain,
      name: contact.company!,
      peopleCount: 0,
      firstContactAt: contact.firstContactAt,
      lastContactAt: contact.lastContactAt,
    };
    company.peopleCount = (company.peopleCount ?? 0) + 1;
    pending.companies.set(domain, company);
    const group = pending.groups.get(domain) ?? { _id: company._id, orgId, domain, seen: {} };
    group.seen[personKey(email)] = contact.lastContactAt;
    pending.groups.set(domain, group);
    stored += n;
    if (pending.points.length >= 20_000) {
      await flush();
      process.stdout.write(
        `\r  stored ${stored.toLocaleString('en')} contact points (${Math.round((stored / (Date.now() - started)) * 1000)}/s)…`,
      );
    }
  }
  await flush();
  await companies(db).insertMany([...pending.companies.values()], { ordered: false });
  await companyPeople(db).insertMany([...pending.groups.values()].flatMap(inParts), { ordered: false });
  process.stdout.write('\n');
  return stored;
}

/** One company of --big-company people (one contact point each), to show a lookup does not grow with its size. */
async function seedBigCompany(
  db: import('mongodb').Db,
  orgId: string,
  tenantId: string,
  colleague: { id: string; name: string },
  domain: string,
): Promise<void> {
  const at = new Date(Date.UTC(2026, 9, 15, 9));
  const month = at.toISOString().slice(0, 7);
  const people: ContactDoc[] = [];
  const group: CompanyPeopleDoc = { _id: companyId(orgId, domain), orgId, domain, seen: {} };
  for (let i = 0; i < bigCompany; i++) {
    const email = `person${i}@${domain}`;
    const entry = timelineEntry({
      at,
      userId: colleague.id,
      messageKey: `big${i}`,
      direction: 'received',
      subject: 'Hello',
    });
    people.push({
      _id: contactId(orgId, email),
      orgId,
      email,
      domain,
      name: dated(at, `Big ${i}`),
      company: ranked(0, new Date(0), 'Big'),
      firstContactAt: at,
      lastContactAt: at,
      months: { [month]: packCounts(0, 1) },
      colleagues: {
        [colleague.id]: summarise({
          _id: '',
          orgId,
          email,
          userId: colleague.id,
          name: colleague.name,
          tenantId,
          first: at,
          last: at,
          months: { [month]: packCounts(0, 1) },
        }),
      },
      recent: recentOfBucket(quarterOfMonth(month), [entry]),
    });
    group.seen[personKey(email)] = at;
  }
  await contacts(db).insertMany(people, { ordered: false });
  await companyPeople(db).insertMany(inParts(group));
  await companies(db).insertOne({
    _id: companyId(orgId, domain),
    orgId,
    domain,
    name: ranked(0, new Date(0), 'Big'),
    peopleCount: bigCompany,
    firstContactAt: at,
    lastContactAt: at,
  });
}

/** A company's people as the store keeps them: in parts by a hash of the address. */
function inParts(group: CompanyPeopleDoc): CompanyPeopleDoc[] {
  const parts = new Map<number, CompanyPeopleDoc>();
  for (const [key, at] of Object.entries(group.seen)) {
    const part = companyPeoplePartOf(personOfKey(key));
    const doc = parts.get(part) ?? {
      _id: companyPeopleId(group.orgId, group.domain, part),
      orgId: group.orgId,
      domain: group.domain,
      part,
      seen: {},
    };
    doc.seen[key] = at;
    parts.set(part, doc);
  }
  return [...parts.values()];
}

// Kept-alive connections, as a browser keeps them: the figures are the API's, not TLS handshakes.
const agent = new https.Agent({ keepAlive: true, maxSockets: 16 });

function get(url: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    https
      .get(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}`));
          else resolve(Number(process.hrtime.bigint() - started) / 1e6);
        });
      })
      .on('error', reject);
  });
}

async function main(): Promise<void> {
  const database = await benchDatabase();
  process.env.TEST_MONGODB_URI = database.uri;
  const emulator = await emulatorProcess({ users: 0, messagesPerUser: 10 });
  // The lookup itself, without rate limits (they are measured on their own below).
  const app = await startTestApp('benchlookup', {
    ...microsoftEnv(emulator),
    TLS_CERT_FILE: devCerts.cert,
    TLS_KEY_FILE: devCerts.key,
    RATE_LIMIT_API_PER_USER: '0',
    RATE_LIMIT_API_PER_IP: '0',
  });
  await connectOrganization(app, emulator, ['Contoso']);
  const contoso = tenantNamed(emulator, 'Contoso');
  const orgId = `org-${contoso.id}`;
  const colleagues = contoso.users.map((u) => ({ id: u.id, name: u.displayName }));

  log(
    `Database: ${database.label}. Storing ${totalPoints.toLocaleString('en')} contact points with ${contactCount.toLocaleString('en')} people…`,
  );
  const stored = await seed(app.database.db, orgId, contoso.id, colleagues);
  await seedBigCompany(app.database.db, orgId, contoso.id, colleagues[0]!, 'big.example.com');
  log(
    `Stored ${stored.toLocaleString('en')} contact points, and a company of ${bigCompany.toLocaleString('en')} people.`,
  );

  const token = await userToken(emulator, adminOf(emulator, 'Contoso'));
  const next = random(11);
  const address = () => {
    const c = Math.floor(next() ** 2 * contactCount);
    return `person${c}@company${c % Math.ceil(contactCount / 10)}.example.com`;
  };
  const url = (base = app.url) =>
    `${base}/api/contacts?emails=${Array.from({ length: 5 }, address).join(',')}`;

  for (let i = 0; i < 20; i++) await get(url(), token); // warm-up
  const times: number[] = [];
  for (let i = 0; i < requests; i++) times.push(await get(url(), token));
  log(
    `GET /api/contacts, 5 addresses, ${requests} sequential requests: p50 ${median(times).toFixed(1)} ms, ` +
      `p95 ${percentile(times, 95).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms (aim: p95 < 30 ms)`,
  );

  // The cost of the rate limits: a second API instance on the same data that counts every request
  // per address and per user (limits too high to refuse any), requests alternating between the two.
  const limited = await startTestApp('benchlookuplimited', {
    ...microsoftEnv(emulator),
    TLS_CERT_FILE: devCerts.cert,
    TLS_KEY_FILE: devCerts.key,
    MONGODB_DB_NAME: app.database.name,
    RATE_LIMIT_API_PER_USER: '100000000',
    RATE_LIMIT_API_PER_IP: '100000000',
  });
  for (let i = 0; i < 20; i++) await get(url(limited.url), token);
  const plain: number[] = [];
  const counted: number[] = [];
  for (let i = 0; i < requests; i++) {
    plain.push(await get(url(), token));
    counted.push(await get(url(limited.url), token));
  }
  log(
    `Rate limits on (two counted windows per request), ${requests} requests each, alternating: ` +
      `p50 ${median(counted).toFixed(1)} ms against ${median(plain).toFixed(1)} ms without (${(median(counted) / median(plain)).toFixed(2)}×), ` +
      `p95 ${percentile(counted, 95).toFixed(1)} ms against ${percentile(plain, 95).toFixed(1)} ms`,
  );
  await limited.close();

  const concurrent: number[] = [];
  const started = Date.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = 0; i < Math.ceil(requests / 8); i++) concurrent.push(await get(url(), token));
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  log(
    `8 concurrent callers: ${Math.round(concurrent.length / seconds)} requests/s, p50 ${median(concurrent).toFixed(1)} ms, ` +
      `p95 ${percentile(concurrent, 95).toFixed(1)} ms`,
  );

  const bigTimes: number[] = [];
  for (let i = 0; i < 100; i++) {
    const emails = Array.from({ length: 5 }, (_, k) => `person${(i * 5 + k) % bigCompany}@big.example.com`);
    bigTimes.push(await get(`${app.url}/api/contacts?emails=${emails.join(',')}`, token));
  }
  log(
    `GET /api/contacts, 5 people of one ${bigCompany.toLocaleString('en')}-person company, 100 requests: ` +
      `p50 ${median(bigTimes).toFixed(1)} ms, p95 ${percentile(bigTimes, 95).toFixed(1)} ms`,
  );
  const companyTimes: number[] = [];
  for (let i = 0; i < 10; i++)
    companyTimes.push(await get(`${app.url}/api/companies/big.example.com`, token));
  log(
    `GET /api/companies for that company (its ${companyPageLimit} people in touch most recently), 10 requests: ` +
      `median ${median(companyTimes).toFixed(0)} ms`,
  );

  agent.destroy();
  await app.close();
  await emulator.stop();
  await database.stop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
