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
  contactId,
  contacts,
  dated,
  packCounts,
  personKey,
  quarterOfMonth,
  ranked,
  recentOfBucket,
  timelineEntry,
  type CompanyPeopleDoc,
  type ContactDoc,
} from '../../server/extraction/documents';
import { summarise } from '../../server/extraction/relationships';
import { companyPageLimit } from '../../server/contacts/company-view';
import { startTestApp } from '../support/app';
import { adminOf, microsoftEnv, tenantNamed, userToken } from '../support/emulator';
import { connectOrganization } from '../support/organization';
import { inParts, seedContactPoints, random } from './seed';
import { benchDatabase, emulatorProcess, median, percentile, timedGet } from './support';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const totalPoints = flag('points', 1_000_000);
const requests = flag('requests', 300);
const bigCompany = flag('big-company', 5000);
const contactCount = Math.max(50, Math.round(totalPoints / 40));
const log = (line: string) => process.stdout.write(`${line}\n`);

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

// Kept-alive connections, as a browser keeps them: the figures are the API's, not TLS handshakes.
const agent = new https.Agent({ keepAlive: true, maxSockets: 16 });
const get = (url: string, token: string) => timedGet(agent, url, token);

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
  const { stored } = await seedContactPoints(app.database.db, {
    orgId,
    tenantId: contoso.id,
    colleagues,
    totalPoints,
    contactCount,
  });
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
