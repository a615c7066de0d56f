import { randomBytes } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';

export interface TestDatabase {
  client: MongoClient;
  db: Db;
  name: string;
  uri: string;
  close(): Promise<void>;
}

/** A fresh database on the run's embedded server, named uniquely so test files never share data. */
export async function openTestDatabase(
  label: string,
  uri = process.env.TEST_MONGODB_URI,
  /** The driver reports every command it sends (`client.on('commandStarted')`), for tests that count reads. */
  monitorCommands = false,
): Promise<TestDatabase> {
  if (!uri)
    throw new Error('TEST_MONGODB_URI is not set: integration tests run through jest with the global setup.');
  const name = `t_${label.replace(/[^A-Za-z0-9]/g, '').slice(0, 20)}_${randomBytes(4).toString('hex')}`;
  const client = await new MongoClient(uri, {
    serverSelectionTimeoutMS: 5_000,
    maxPoolSize: 10,
    monitorCommands,
  }).connect();
  return { client, db: client.db(name), name, uri, close: () => client.close() };
}
