/**
 * `npm run build`: the production build — the API and worker compiled to JavaScript with source
 * maps (dist/server, dist/shared) and the Outlook add-in (dist/addin). `--server-only` skips the add-in.
 */
import path from 'node:path';
import { buildAddin } from './lib/addin';
import { projectRoot } from './lib/paths';
import { buildServer } from './lib/server-build';

async function main(): Promise<void> {
  const started = Date.now();
  const files = await buildServer();
  console.log(
    `Server and worker: ${files.length} modules → ${path.relative(projectRoot, path.join(projectRoot, 'dist'))}/server, dist/shared (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  if (!process.argv.includes('--server-only')) buildAddin();
  console.log('Start with `node dist/server/main.js` (API) and `node dist/server/worker.js` (worker).');
}

main().catch((err: unknown) => {
  console.error(`Build failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
