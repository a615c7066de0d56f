import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The directory holding package.json: the repository when run from source (`server/…`), the
 * install directory when run from the production build (`dist/server/…`), where dist/addin lives too.
 */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '..');
  }
}

export const projectRoot = findProjectRoot(__dirname);
