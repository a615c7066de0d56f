/**
 * `npm run setup`: everything a fresh clone needs before `npm start` and `npm test`
 * (npm ci has already run). Safe to run again; it redoes only what is missing or stale.
 */
import { buildEmbeddedDb, embeddedDbIsBuilt, goAvailable, noDatabaseMessage } from './lib/embedded-db';
import { createDevCerts, devCertsExist } from './lib/certs';
import { ensureSystemPackages } from './lib/system-packages';
import { loadDotEnv } from './lib/dotenv';
import { buildAddin } from './lib/addin';
import { buildGoTool, goToolIsBuilt, helmTool, mailpitTool } from './lib/go-tools';
import { buildServer } from './lib/server-build';

async function step(title: string, work: () => void | Promise<void>): Promise<void> {
  const started = Date.now();
  console.log(`▶ ${title}`);
  await work();
  console.log(`✔ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

async function main(): Promise<void> {
  loadDotEnv();
  await step('System packages', () => ensureSystemPackages());
  await step('Embedded database', () => {
    if (embeddedDbIsBuilt()) return console.log('  already built');
    if (!goAvailable() && process.env.MONGODB_URI) {
      return console.log(
        '  skipped: Go is not installed and MONGODB_URI is set, so the embedded database is not needed',
      );
    }
    if (!goAvailable()) throw new Error(noDatabaseMessage);
    buildEmbeddedDb((line) => console.log(`  ${line}`));
  });
  await step('Development certificates', () => {
    if (devCertsExist()) return console.log('  already present');
    createDevCerts((line) => console.log(`  ${line}`));
  });
  await step('Development mail server (Mailpit)', () => {
    if (goToolIsBuilt(mailpitTool)) return console.log('  already built');
    buildGoTool(mailpitTool, (line) => console.log(`  ${line}`));
  });
  // Only the chart checks need Helm: when it cannot be built they are skipped with this reason.
  await step('Helm (chart checks)', () => {
    if (goToolIsBuilt(helmTool)) return console.log('  already built');
    try {
      buildGoTool(helmTool, (line) => console.log(`  ${line}`));
    } catch (err) {
      console.log(`  not built, the chart checks will be skipped: ${(err as Error).message}`);
    }
  });
  await step('Outlook add-in (webpack production build)', () => buildAddin());
  await step('Server and worker (production build)', async () => void (await buildServer()));
  console.log('\nSet-up complete. Start the product with `npm start`; run the tests with `npm test`.');
}

main().catch((err: unknown) => {
  console.error(`\nSet-up failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
