import { once } from 'node:events';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { BSON, type Db, type Document } from 'mongodb';
import { migrate } from '../migrations';
import type { Logger } from '../log';

/**
 * A logical backup of the product's database in a format of our own: one gzipped file of
 * canonical Extended JSON lines per collection (types such as dates and ObjectIds survive) and a
 * manifest written last, so an interrupted dump is never taken for a complete one. It needs only
 * the MongoDB driver, so it runs in the production image and against the embedded database alike;
 * on MongoDB/Atlas, `mongodump`/`mongorestore` or Atlas snapshots do the same job.
 */

export const dumpFormat = 'smart-activity-dump';

export interface DumpManifest {
  format: typeof dumpFormat;
  version: 1;
  database: string;
  startedAt: string;
  finishedAt: string;
  collections: Array<{ name: string; documents: number; file: string }>;
}

/**
 * Positions first: a restored mailbox position is then never ahead of the contact points it
 * covers, so a restored service re-reads (idempotently) rather than skips mail written during the dump.
 */
const firstCollections = ['integrations', 'syncJobs', 'graphSubscriptions'];

export async function dumpDatabase(db: Db, dir: string): Promise<DumpManifest> {
  if (existsSync(path.join(dir, 'manifest.json'))) throw new Error(`${dir} already holds a dump`);
  mkdirSync(dir, { recursive: true });
  const startedAt = new Date().toISOString();
  const names = (await db.listCollections({}, { nameOnly: true }).toArray())
    .map((c) => c.name)
    .filter((name) => !name.startsWith('system.'))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const collections: DumpManifest['collections'] = [];
  for (const name of names) {
    const file = `${name}.ejson.gz`;
    const gzip = createGzip();
    const out = gzip.pipe(createWriteStream(path.join(dir, file)));
    let documents = 0;
    for await (const doc of db.collection(name).find({}, { batchSize: 1000 })) {
      if (!gzip.write(`${BSON.EJSON.stringify(doc, { relaxed: false })}\n`)) await once(gzip, 'drain');
      documents++;
    }
    gzip.end();
    await once(out, 'finish');
    collections.push({ name, documents, file });
  }
  const manifest: DumpManifest = {
    format: dumpFormat,
    version: 1,
    database: db.databaseName,
    startedAt,
    finishedAt: new Date().toISOString(),
    collections,
  };
  writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function rank(name: string): number {
  const i = firstCollections.indexOf(name);
  return i < 0 ? firstCollections.length : i;
}

export function readManifest(dir: string): DumpManifest {
  const file = path.join(dir, 'manifest.json');
  if (!existsSync(file)) throw new Error(`${dir} holds no complete dump (manifest.json is missing)`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as DumpManifest;
  if (manifest.format !== dumpFormat || manifest.version !== 1)
    throw new Error(`${file} is not a dump this version can restore`);
  return manifest;
}

/**
 * Restores a dump into a database that holds none of its collections' documents (or, with
 * `replace`, empties them first), then creates the product's indexes. Documents keep their `_id`s,
 * so a restore interrupted and run again with `replace` ends in the same state.
 */
export async function restoreDatabase(
  db: Db,
  dir: string,
  log: Logger,
  options: { replace?: boolean } = {},
): Promise<DumpManifest> {
  const manifest = readManifest(dir);
  for (const { name } of manifest.collections) {
    const existing = await db.collection(name).estimatedDocumentCount();
    if (existing > 0 && !options.replace)
      throw new Error(
        `${name} already holds ${existing} documents; restore into an empty database or pass --replace`,
      );
  }
  for (const { name, documents, file } of manifest.collections) {
    const collection = db.collection(name);
    if (options.replace) await collection.deleteMany({});
    const lines = createInterface({ input: createReadStream(path.join(dir, file)).pipe(createGunzip()) });
    let batch: Document[] = [];
    let restored = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      await collection.insertMany(batch, { ordered: false });
      restored += batch.length;
      batch = [];
    };
    for await (const line of lines) {
      if (line.trim() === '') continue;
      batch.push(BSON.EJSON.parse(line, { relaxed: false }) as Document);
      if (batch.length >= 500) await flush();
    }
    await flush();
    if (restored !== documents) throw new Error(`${name}: restored ${restored} of ${documents} documents`);
    log.info({ collection: name, documents }, 'collection restored');
  }
  await migrate(db, log);
  return manifest;
}
