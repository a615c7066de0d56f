import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './paths';

// webpack.config.js is CommonJS (webpack's own format): it writes the build record this reads.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildRecordFile, inputDigest } = require('../../webpack.config.js') as {
  buildRecordFile: string;
  inputDigest: (file: string) => string | null;
};

export const builtAddinPage = path.join(projectRoot, 'dist', 'addin', 'taskpane.html');

export function addinIsBuilt(): boolean {
  return existsSync(builtAddinPage);
}

interface BuildRecord {
  mode: 'production' | 'development';
  reload: boolean;
  /** Input files (relative to the project) and their digests. */
  inputs: Record<string, string | null>;
}

/**
 * Whether dist/addin is a production build (with or without the benchmark's extra page) of the
 * sources as they are now, by the record webpack.config.js writes beside it: a development build
 * (`npm run dev`), a failed or interrupted one, or one older than any of its input files is not.
 */
export function addinBuildIsCurrent(): boolean {
  if (!addinIsBuilt() || !existsSync(buildRecordFile)) return false;
  let record: BuildRecord;
  try {
    record = JSON.parse(readFileSync(buildRecordFile, 'utf8')) as BuildRecord;
  } catch {
    return false;
  }
  if (record.mode !== 'production' || record.reload || !record.inputs) return false;
  return Object.entries(record.inputs).every(
    ([file, digest]) => inputDigest(path.join(projectRoot, file)) === digest,
  );
}

/** The production build of the Outlook add-in into dist/addin (webpack.config.js). */
export function buildAddin(): void {
  const result = spawnSync(
    process.execPath,
    [path.join(projectRoot, 'node_modules', 'webpack', 'bin', 'webpack.js'), '--mode', 'production'],
    {
      cwd: projectRoot,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) throw new Error(`Building the add-in failed (webpack exited ${result.status}).`);
}
