import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The provider boundary and the layering of server/, read from the sources' own imports (the
 * compiler's pre-processor, so comments and strings never count): the database layer depends on
 * nothing above it, extraction on neither sync nor any provider, and the provider-neutral parts
 * reach a provider only through the driver factory.
 */

const server = path.resolve(__dirname, '../../server');

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The files of server/ each source imports, as paths relative to server/ (packages left out). */
function serverImports(file: string): string[] {
  return ts
    .preProcessFile(readFileSync(file, 'utf8'), true, true)
    .importedFiles.map((f) => f.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => path.relative(server, path.resolve(path.dirname(file), name)))
    .filter((name) => !name.startsWith('..'));
}

function importsOf(folder: string): Array<{ file: string; target: string }> {
  return sourcesUnder(path.join(server, folder)).flatMap((file) =>
    serverImports(file).map((target) => ({ file: path.relative(server, file), target })),
  );
}

const within = (target: string, folders: string[]) =>
  folders.some((f) => target === f || target.startsWith(`${f}/`));

test('the database layer depends on nothing above it (only on logging)', () => {
  const imports = importsOf('db');
  expect(imports.length).toBeGreaterThan(0);
  expect(imports.filter(({ target }) => !within(target, ['db', 'log']))).toEqual([]);
});

test('extraction owns its message type and imports neither sync nor a provider', () => {
  expect(importsOf('extraction').filter(({ target }) => within(target, ['sync', 'providers']))).toEqual([]);
  expect(importsOf('sync').some(({ target }) => target === 'extraction/message')).toBe(true);
});

test('sync, extraction, integrations, search and contacts speak to providers only through the driver factory', () => {
  const providerSpecific = ['providers/microsoft', 'providers/google'];
  const reaching = ['sync', 'extraction', 'integrations', 'search', 'contacts'].flatMap((folder) =>
    importsOf(folder).filter(({ target }) => within(target, providerSpecific)),
  );
  // The worker and its job runs hand the Graph clients they were built with to the factory (a type
  // only), and the tenants' admin routes list an Entra directory's users: Microsoft by nature.
  expect(reaching).toEqual([
    { file: 'sync/job-run.ts', target: 'providers/microsoft/graph' },
    { file: 'sync/sync-worker.ts', target: 'providers/microsoft/graph' },
    { file: 'integrations/routes.ts', target: 'providers/microsoft/directory' },
  ]);
});

test('each provider keeps to its own folder', () => {
  expect(
    importsOf('providers/google').filter(({ target }) => within(target, ['providers/microsoft'])),
  ).toEqual([]);
  expect(
    importsOf('providers/microsoft').filter(({ target }) => within(target, ['providers/google'])),
  ).toEqual([]);
});
