import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './paths';

export const builtAddinPage = path.join(projectRoot, 'dist', 'addin', 'taskpane.html');

export function addinIsBuilt(): boolean {
  return existsSync(builtAddinPage);
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
