/**
 * `npm run dev`: the developer loop. webpack watches the add-in (development build, seconds per
 * change) and writes dist/addin, which the whole product — started as `npm start` starts it —
 * serves from the API's own HTTPS origin; open panes reload themselves after each rebuild
 * (addin/dev-reload.ts). Server code is not watched: restart `npm run dev` after changing it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import webpack, { type Configuration } from 'webpack';
import { projectRoot } from './lib/paths';

// webpack.config.js is CommonJS (webpack's own format).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const configFor = require('../webpack.config.js') as (
  env: Record<string, unknown>,
  argv: { mode: string },
) => Configuration;

const compiler = webpack(configFor({ reload: true }, { mode: 'development' }));
let stack: ChildProcess | null = null;
let stopping = false;

function startStack(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: projectRoot,
    env: process.env,
    stdio: 'inherit',
  });
  child.once('exit', (code) => {
    if (!stopping) console.error(`The product stopped (exit code ${code}); stopping the add-in watcher.`);
    watching?.close(() => process.exit(code ?? 1));
  });
  return child;
}

const watching = compiler.watch({ aggregateTimeout: 200 }, (err, stats) => {
  if (err || !stats) {
    console.error(`webpack failed: ${err?.message ?? 'no result'}`);
    return;
  }
  const seconds = ((stats.endTime - stats.startTime) / 1000).toFixed(1);
  if (stats.hasErrors()) {
    console.error(stats.toString('errors-only'));
    console.error(`Add-in build failed (${seconds} s); fix the error and save again.`);
    return;
  }
  console.log(`Add-in built in ${seconds} s; open panes reload.`);
  // The first good build starts the product (start.ts builds nothing: dist/addin exists now).
  stack ??= startStack();
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // Ctrl-C reaches the product's processes too (same terminal); it stops itself.
    stopping = true;
    if (!stack) watching?.close(() => process.exit(0));
    else if (signal === 'SIGTERM') stack.kill('SIGTERM');
  });
}
