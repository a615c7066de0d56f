/**
 * `npm run db:dump -- [--out DIR]` and `npm run db:restore -- --from DIR [--replace]` (in the
 * production image: `node dist/server/backup/cli.js dump|restore …`). Reads MONGODB_URI and
 * MONGODB_DB_NAME like the server.
 */
import path from 'node:path';
import { connectDatabase } from '../db/client';
import { createLogger } from '../log';
import { dumpDatabase, restoreDatabase } from './dump';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}

async function main(): Promise<void> {
  const command = process.argv[2];
  if (command !== 'dump' && command !== 'restore') {
    console.error('Usage: cli dump [--out DIR] | restore --from DIR [--replace]');
    process.exit(2);
  }
  const uri = process.env.MONGODB_URI;
  if (!uri) {
    console.error(
      'MONGODB_URI is not set (the embedded database of `npm start` is mongodb://127.0.0.1:27027/)',
    );
    process.exit(2);
  }
  const database = await connectDatabase({
    uri,
    dbName: process.env.MONGODB_DB_NAME || 'smart_activity',
    connectTimeoutMs: 10_000,
    maxPoolSize: 4,
  });
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn', 'backup');
  try {
    if (command === 'dump') {
      const dir = path.resolve(
        option('out') ?? path.join('backups', new Date().toISOString().replace(/[:.]/g, '-')),
      );
      const manifest = await dumpDatabase(database.db, dir);
      const total = manifest.collections.reduce((n, c) => n + c.documents, 0);
      console.log(`Dumped ${total} documents of ${manifest.collections.length} collections to ${dir}`);
    } else {
      const from = option('from');
      if (!from) throw new Error('restore needs --from DIR');
      const manifest = await restoreDatabase(database.db, path.resolve(from), log, {
        replace: process.argv.includes('--replace'),
      });
      const total = manifest.collections.reduce((n, c) => n + c.documents, 0);
      console.log(
        `Restored ${total} documents of ${manifest.collections.length} collections into ${database.db.databaseName}`,
      );
    }
  } finally {
    await database.client.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
