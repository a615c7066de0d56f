import path from 'node:path';

export const projectRoot = path.resolve(__dirname, '..', '..');
export const localDir = path.join(projectRoot, '.local');
export const binDir = path.join(localDir, 'bin');
export const certDir = path.join(localDir, 'certs');
