import { MongoClient, type Db } from 'mongodb';
import { redact } from '../log';

export interface Database {
  client: MongoClient;
  db: Db;
}

export class DatabaseUnreachableError extends Error {
  override name = 'DatabaseUnreachableError';
}

/** Connects through the official driver; any MongoDB-compatible server (Atlas, mongod, the embedded one) will do. */
export async function connectDatabase(options: {
  uri: string;
  dbName: string;
  connectTimeoutMs: number;
  maxPoolSize: number;
}): Promise<Database> {
  const client = new MongoClient(options.uri, {
    serverSelectionTimeoutMS: options.connectTimeoutMs,
    connectTimeoutMS: options.connectTimeoutMs,
    appName: 'smart-activity',
    // Bounds this process's concurrent operations; see MONGODB_MAX_POOL_SIZE in .env.example.
    maxPoolSize: options.maxPoolSize,
  });
  try {
    await client.connect();
    await client.db(options.dbName).command({ ping: 1 });
  } catch (err) {
    await client.close().catch(() => undefined);
    const reason = err instanceof Error ? err.message : String(err);
    throw new DatabaseUnreachableError(
      `Cannot reach the database at ${redact('MONGODB_URI', options.uri)} (MONGODB_URI): ${reason.split('\n')[0]}`,
    );
  }
  return { client, db: client.db(options.dbName) };
}

/** True when the server answers a ping within the timeout. */
export async function pingDatabase(db: Db, timeoutMs: number): Promise<void> {
  await db.command({ ping: 1 }, { timeoutMS: timeoutMs });
}
