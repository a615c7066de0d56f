import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { projectRoot } from './paths';

/** The run-time code of the API and the worker: the emulator, scripts and tests stay out. */
const sourceFolders = ['server', 'shared'];

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(file);
    return /\.ts$/.test(entry.name) && !/\.d\.ts$/.test(entry.name) ? [file] : [];
  });
}

/**
 * Compiles server/ and shared/ to CommonJS for Node 20+ under `outDir` (dist/server, dist/shared),
 * one file per module with a source map, so `node dist/server/main.js` runs with production
 * dependencies only. Types are checked by `npm run typecheck`; this step only transpiles.
 */
export async function buildServer(outDir = path.join(projectRoot, 'dist')): Promise<string[]> {
  for (const folder of sourceFolders) rmSync(path.join(outDir, folder), { recursive: true, force: true });
  const entryPoints = sourceFolders.flatMap((folder) => typeScriptFiles(path.join(projectRoot, folder)));
  await build({
    entryPoints,
    outdir: outDir,
    outbase: projectRoot,
    bundle: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'warning',
  });
  return entryPoints;
}
