/**
 * `npm run db`: runs the embedded database alone (for tools such as mongosh or Compass, or to share
 * one database between several `npm start` runs through MONGODB_URI).
 */
import path from 'node:path';
import { loadDotEnv } from './lib/dotenv';
import { buildEmbeddedDb, embeddedDbIsBuilt, startEmbeddedDb } from './lib/embedded-db';
import { projectRoot } from './lib/paths';

async function main(): Promise<void> {
  loadDotEnv();
  if (!embeddedDbIsBuilt()) buildEmbeddedDb();
  const port = Number(process.env.EMBEDDED_DB_PORT ?? 27027);
  const dataDir = path.resolve(projectRoot, process.env.DATA_DIR ?? 'data');
  const db = await startEmbeddedDb({ port, dataDir, logLevel: 'info' });
  console.log(`Embedded database ready: ${db.uri} (data in ${dataDir}). Ctrl-C stops it.`);
  db.process.stderr!.pipe(process.stderr);
  const stop = () => void db.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  db.process.once('exit', (code) => process.exit(code ?? 1));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
