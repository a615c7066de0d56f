import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { embeddedDbIsBuilt, startEmbeddedDb, type EmbeddedDb } from '../../scripts/lib/embedded-db';
import { goToolIsBuilt, mailpitTool } from '../../scripts/lib/go-tools';
import { startMailpit, type RunningMailpit } from '../../scripts/lib/mailpit';
import { freePort } from '../../scripts/lib/ports';

declare global {
  var __embeddedDb: EmbeddedDb | undefined;
  var __mailpit: RunningMailpit | undefined;
}

/**
 * Starts the real embedded database once for the integration run, on a free port with a
 * throw-away data directory. Tests reach it through TEST_MONGODB_URI; each test file uses its own
 * database name, so files never see each other's data. With TEST_MONGODB_URI already set (say,
 * a MongoDB server), that server is used instead.
 */
export default async function globalSetup(): Promise<void> {
  // The mail relay the product sends through in tests: a real SMTP server whose API shows what arrived.
  if (!process.env.TEST_SMTP_URL) {
    if (!goToolIsBuilt(mailpitTool)) throw new Error('Mailpit is not built: run `npm run setup` first.');
    const mailpit = await startMailpit({ smtpPort: await freePort(), httpPort: await freePort() });
    globalThis.__mailpit = mailpit;
    process.env.TEST_SMTP_URL = mailpit.smtpUrl;
    process.env.TEST_MAILPIT_URL = mailpit.httpUrl;
  }
  if (process.env.TEST_MONGODB_URI) return;
  if (!embeddedDbIsBuilt()) throw new Error('The embedded database is not built: run `npm run setup` first.');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sam-test-db-'));
  const db = await startEmbeddedDb({ port: await freePort(), dataDir });
  globalThis.__embeddedDb = db;
  process.env.TEST_MONGODB_URI = db.uri;
  process.env.TEST_DB_DATA_DIR = dataDir;
}
