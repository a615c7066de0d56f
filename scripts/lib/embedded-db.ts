import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { binDir, projectRoot } from './paths';

/**
 * The embedded MongoDB-compatible database for development, the demo and tests: FerretDB on
 * SQLite, built from the Go module proxy by scripts/embedded-db. Production sets MONGODB_URI and
 * never comes here.
 */

const sourceDir = path.join(projectRoot, 'scripts', 'embedded-db');
export const embeddedDbBinary = path.join(binDir, 'embedded-db');

export const noDatabaseMessage =
  'No database: MONGODB_URI is not set and Go is not installed to build the embedded one. ' +
  'Either install Go 1.24 or newer (https://go.dev/doc/install) and run `npm run setup`, ' +
  'or set MONGODB_URI to a MongoDB server (MongoDB Atlas, a local mongod, or `docker run -p 27017:27017 mongo:7`).';

export function goAvailable(): boolean {
  return spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;
}

/** True when the binary exists and is newer than every source file it is built from. */
export function embeddedDbIsBuilt(): boolean {
  if (!existsSync(embeddedDbBinary)) return false;
  const built = statSync(embeddedDbBinary).mtimeMs;
  return readdirSync(sourceDir).every((f) => statSync(path.join(sourceDir, f)).mtimeMs <= built);
}

/** Builds the embedded database with the machine's Go; the first build downloads modules (about a minute). */
export function buildEmbeddedDb(progress: (line: string) => void = console.log): void {
  if (!goAvailable()) throw new Error(noDatabaseMessage);
  progress('Building the embedded database (FerretDB on SQLite) with Go; the first build downloads modules…');
  const started = Date.now();
  const result = spawnSync('go', ['build', '-trimpath', '-o', embeddedDbBinary, '.'], {
    cwd: sourceDir,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, CGO_ENABLED: '0' },
  });
  if (result.status !== 0)
    throw new Error(`Building the embedded database failed (go build exited ${result.status}).`);
  progress(
    `Embedded database built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${path.relative(projectRoot, embeddedDbBinary)}`,
  );
}

export interface EmbeddedDb {
  uri: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the embedded database and resolves once it accepts connections. */
export function startEmbeddedDb(options: {
  port: number;
  dataDir: string;
  logLevel?: string;
}): Promise<EmbeddedDb> {
  if (!existsSync(embeddedDbBinary))
    throw new Error('The embedded database is not built; run `npm run setup`.');
  const child = spawn(
    embeddedDbBinary,
    [
      '-listen-addr',
      `127.0.0.1:${options.port}`,
      '-data-dir',
      options.dataDir,
      '-log-level',
      options.logLevel ?? 'error',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
  };
  return new Promise((resolve, reject) => {
    let stdout = '';
    const onData = (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('embedded-db ready')) {
        child.stdout!.off('data', onData);
        child.off('exit', onExit);
        resolve({ uri: `mongodb://127.0.0.1:${options.port}/`, process: child, stop });
      }
    };
    const onExit = (code: number | null) => {
      reject(
        new Error(
          `The embedded database exited (${code}) before it was ready: ${stderr.trim().split('\n').pop() ?? ''}`,
        ),
      );
    };
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });
}
