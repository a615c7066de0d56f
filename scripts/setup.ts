/**
 * `npm run setup`: everything a fresh clone needs before `npm start` and `npm test`
 * (npm ci has already run). Safe to run again; it redoes only what is missing or stale.
 */
import { buildEmbeddedDb, embeddedDbIsBuilt, goAvailable, noDatabaseMessage } from './lib/embedded-db';
import { createDevCerts, devCertsExist } from './lib/certs';
import { ensureSystemPackages } from './lib/system-packages';
import { loadDotEnv } from './lib/dotenv';
import { buildAddin } from './lib/addin';

function step(title: string, work: () => void): void {
  const started = Date.now();
  console.log(`▶ ${title}`);
  work();
  console.log(`✔ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

try {
  loadDotEnv();
  step('System packages', () => ensureSystemPackages());
  step('Embedded database', () => {
    if (embeddedDbIsBuilt()) return console.log('  already built');
    if (!goAvailable() && process.env.MONGODB_URI) {
      return console.log(
        '  skipped: Go is not installed and MONGODB_URI is set, so the embedded database is not needed',
      );
    }
    if (!goAvailable()) throw new Error(noDatabaseMessage);
    buildEmbeddedDb((line) => console.log(`  ${line}`));
  });
  step('Development certificates', () => {
    if (devCertsExist()) return console.log('  already present');
    createDevCerts((line) => console.log(`  ${line}`));
  });
  step('Outlook add-in (webpack production build)', () => buildAddin());
  console.log('\nSet-up complete. Start the product with `npm start`; run the tests with `npm test`.');
} catch (err) {
  console.error(`\nSet-up failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
