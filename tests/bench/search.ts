/**
 * `npm run bench:search` — how fast relationship search answers while a colleague types.
 *
 * Stores --points contact points (default 1,000,000) with --people people (default 100,000) with
 * bench:lookup's seeding (English and Japanese names, 10 people per company), then builds the
 * search index as the product does for contacts stored before it: the workers' start-up build
 * (server/search/build-index.ts), which places every entry through the same code as storing a
 * page. Then, alternating in one run so all see the same machine: GET /api/contacts for 5
 * addresses (the task pane's lookup, as bench:lookup measures it) and for a single address, and
 * GET /api/search for what a colleague types: a prefix (1–6 characters) of a word of someone's
 * name or address, without a kind (the box's people, companies and colleagues) and with
 * kind=person (a page of 10). Aim: search p95 within 2× the lookup p95.
 * Options: --points N --people N --requests N --query-seed N.
 */
import https from 'node:https';
import { devCerts } from '../../scripts/lib/certs';
import { EN_COMPANIES, EN_FIRST, EN_LAST, JA_FIRST, JA_LAST } from '../../emulator/scenario/people-data';
import { integrations } from '../../server/integrations/store';
import { createLogger } from '../../server/log';
import { buildSearchIndex } from '../../server/search/build-index';
import { bucketCapacity, bucketSlack, searchBuckets } from '../../server/search/documents';
import { startTestApp } from '../support/app';
import { adminOf, microsoftEnv, tenantNamed, userToken } from '../support/emulator';
import { connectOrganization } from '../support/organization';
import { random, seedContactPoints, type PersonOf } from './seed';
import { benchDatabase, emulatorProcess, median, percentile, timedGet } from './support';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const totalPoints = flag('points', 1_000_000);
const contactCount = flag('people', 100_000);
const requests = flag('requests', 300);
// The queries reported; the index was tuned with other seeds.
const querySeed = flag('query-seed', 29);
const log = (line: string) => process.stdout.write(`${line}\n`);

/** Half English, half Japanese names; ten people per company, each company named after a real-looking one. */
const realisticPerson: PersonOf = (c, count) => {
  const k = c % Math.ceil(count / 10);
  const base = EN_COMPANIES[k % EN_COMPANIES.length]!;
  const domain = `${base.domain.split('.')[0]}${k}.com`;
  const company = `${base.name} ${k}`;
  if (c % 2 === 0) {
    const first = EN_FIRST[(c * 7) % EN_FIRST.length]!;
    const last = EN_LAST[(c * 13) % EN_LAST.length]!;
    return {
      email: `${first}.${last}${c}@${domain}`.toLowerCase(),
      name: `${first} ${last}`,
      domain,
      company,
    };
  }
  const [family, familyLatin] = JA_LAST[(c * 7) % JA_LAST.length]!;
  const [given, givenLatin] = JA_FIRST[(c * 13) % JA_FIRST.length]!;
  return {
    email: `${familyLatin}.${givenLatin}${c}@${domain}`.toLowerCase(),
    name: `${family} ${given}`,
    domain,
    company,
  };
};

const agent = new https.Agent({ keepAlive: true, maxSockets: 16 });

async function main(): Promise<void> {
  const database = await benchDatabase();
  process.env.TEST_MONGODB_URI = database.uri;
  const emulator = await emulatorProcess({ users: 0, messagesPerUser: 10 });
  // Rate limits off, as bench:lookup measures the lookup: both requests would pay the same count.
  const app = await startTestApp('benchsearch', {
    ...microsoftEnv(emulator),
    TLS_CERT_FILE: devCerts.cert,
    TLS_KEY_FILE: devCerts.key,
    RATE_LIMIT_API_PER_USER: '0',
    RATE_LIMIT_SEARCH_PER_USER: '0',
    RATE_LIMIT_API_PER_IP: '0',
  });
  await connectOrganization(app, emulator, ['Contoso']);
  const contoso = tenantNamed(emulator, 'Contoso');
  const orgId = `org-${contoso.id}`;
  const colleagues = contoso.users.map((u) => ({ id: u.id, name: u.displayName }));
  const db = app.database.db;

  log(
    `Database: ${database.label}. Storing ${totalPoints.toLocaleString('en')} contact points with ${contactCount.toLocaleString('en')} people…`,
  );
  const { stored, colleagueMonths } = await seedContactPoints(db, {
    orgId,
    tenantId: contoso.id,
    colleagues,
    totalPoints,
    contactCount,
    personOf: realisticPerson,
  });
  // The colleagues as started users, with their monthly totals, as storing their pages leaves them.
  await integrations(db).insertMany(
    contoso.users.map((u) => ({
      _id: `${contoso.id}|${u.id}`,
      orgId,
      tenantId: contoso.id,
      userId: u.id,
      userPrincipalName: u.userPrincipalName,
      mail: u.mail,
      displayName: u.displayName,
      pointMonths: colleagueMonths.get(u.id) ?? {},
    })) as never[],
  );
  log(
    `Stored ${stored.toLocaleString('en')} contact points. Building the search index as a starting worker does…`,
  );
  await db.collection('migrations').deleteMany({ _id: { $regex: /^search-index/ } as never });
  const building = Date.now();
  await buildSearchIndex(db, createLogger('silent', 'bench'));
  const buckets = await searchBuckets(db).find({}).toArray();
  const sizes = buckets.map((b) => Object.keys(b.e ?? {}).length);
  const depths = buckets.map((b) => [...b._id.split('|').slice(2).join('|')].length);
  log(
    `Index built in ${((Date.now() - building) / 1000).toFixed(0)} s: ${buckets.length.toLocaleString('en')} buckets, ` +
      `${sizes.reduce((a, b) => a + b, 0).toLocaleString('en')} entries, largest ${Math.max(...sizes)} ` +
      `(bound ${bucketCapacity + bucketSlack}), deepest prefix ${Math.max(...depths)} characters.`,
  );

  const token = await userToken(emulator, adminOf(emulator, 'Contoso'));
  const pick = random(11);
  const address = () => realisticPerson(Math.floor(pick() ** 2 * contactCount), contactCount).email;
  const lookupUrl = (count = 5) =>
    `${app.url}/api/contacts?emails=${Array.from({ length: count }, address).join(',')}`;
  const type = random(querySeed);
  const typed = () => {
    const person = realisticPerson(Math.floor(type() ** 2 * contactCount), contactCount);
    const words = [...person.name.split(' '), person.email.split('@')[0]!];
    const word = [...words[Math.floor(type() * words.length)]!];
    return word.slice(0, 1 + Math.floor(type() * Math.min(6, word.length))).join('');
  };
  const searchUrl = (kind: string) =>
    `${app.url}/api/search?q=${encodeURIComponent(typed())}${kind ? `&kind=${kind}` : ''}`;

  for (let i = 0; i < 20; i++) {
    await timedGet(agent, lookupUrl(), token);
    await timedGet(agent, searchUrl(''), token);
    await timedGet(agent, lookupUrl(1), token);
    await timedGet(agent, searchUrl('person'), token);
  }
  const lookups: number[] = [];
  const singles: number[] = [];
  const boxes: number[] = [];
  const pages: number[] = [];
  for (let i = 0; i < requests; i++) {
    lookups.push(await timedGet(agent, lookupUrl(), token));
    boxes.push(await timedGet(agent, searchUrl(''), token));
    singles.push(await timedGet(agent, lookupUrl(1), token));
    pages.push(await timedGet(agent, searchUrl('person'), token));
  }
  const line = (label: string, xs: number[]) =>
    `${label.padEnd(62)}: p50 ${median(xs).toFixed(1)} ms, p95 ${percentile(xs, 95).toFixed(1)} ms`;
  log(`${requests} requests of each, alternating:`);
  log(line('  lookup  GET /api/contacts, 5 addresses', lookups));
  log(line('  lookup  GET /api/contacts, 1 address', singles));
  log(line('  search  GET /api/search?q= (people, companies, colleagues)', boxes));
  log(line('  search  GET /api/search?q=&kind=person (10 people)', pages));
  const ratio = (xs: number[], baseline: number[]) =>
    (percentile(xs, 95) / percentile(baseline, 95)).toFixed(2);
  log('Search p95 / lookup p95 (aim ≤ 2.00):');
  log(`  against 5 addresses: ${ratio(boxes, lookups)} (box), ${ratio(pages, lookups)} (kind=person)`);
  log(`  against 1 address:   ${ratio(boxes, singles)} (box), ${ratio(pages, singles)} (kind=person)`);

  agent.destroy();
  await app.close();
  await emulator.stop();
  await database.stop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
