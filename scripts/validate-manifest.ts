/**
 * `npm run validate`: the add-in's manifest as IT will upload it. First offline: manifest.xml and
 * the deployed manifest (ADDIN_PUBLIC_URL and the app id substituted, as `npm run build:addin`
 * writes it) against Microsoft's XML schemas with xmllint
 * (../shared/office-manifest-xsd, or MANIFEST_XSD_DIR). Then Microsoft's own validation service
 * through office-addin-manifest, which needs the internet: when it cannot be reached this says so
 * and the offline result stands.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validateManifest } from 'office-addin-manifest';
import { projectRoot } from './lib/paths';

// webpack.config.js is CommonJS (webpack's own format).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { manifestFor, deployment } = require('../webpack.config.js') as {
  manifestFor(content: string, publicUrl: string, clientId: string): string;
  deployment(): { publicUrl: string; clientId: string };
};

/** MANIFEST_XSD_DIR, else the team's shared folder beside the checkout (or beside its parent, for a worktree). */
const schemaDir = [
  process.env.MANIFEST_XSD_DIR,
  path.resolve(projectRoot, '../shared/office-manifest-xsd'),
  path.resolve(projectRoot, '../../shared/office-manifest-xsd'),
].find((dir): dir is string => !!dir && existsSync(path.join(dir, 'OfficeAppManifestV1_1.xsd')));

function xmllint(file: string, name = path.relative(projectRoot, file)): boolean {
  try {
    execFileSync(
      'xmllint',
      ['--noout', '--schema', path.join(schemaDir!, 'OfficeAppManifestV1_1.xsd'), file],
      { stdio: 'pipe' },
    );
    console.log(`✔ ${name}: valid against the Office add-in schemas`);
    return true;
  } catch (err) {
    const output = `${(err as { stderr?: Buffer }).stderr ?? (err as Error).message}`;
    console.error(`✘ ${name}:\n${output}`);
    return false;
  }
}

async function main(): Promise<void> {
  if (!schemaDir) {
    console.error(
      'Office manifest schemas not found: set MANIFEST_XSD_DIR to the folder with OfficeAppManifestV1_1.xsd.',
    );
    process.exit(1);
  }
  const source = path.join(projectRoot, 'manifest.xml');
  const { publicUrl, clientId } = deployment();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sam-manifest-'));
  const deployed = path.join(dir, 'manifest.xml');
  try {
    writeFileSync(deployed, manifestFor(readFileSync(source, 'utf8'), publicUrl, clientId));
    const offline = [xmllint(source), xmllint(deployed, `manifest for ${publicUrl}`)].every(Boolean);
    if (!offline) process.exit(1);
    await validateOnline(deployed);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function validateOnline(file: string): Promise<void> {
  console.log('\nMicrosoft\u2019s validation service (office-addin-manifest validate):');
  try {
    const result = await validateManifest(file);
    if (result.status && result.status !== 200) {
      console.log(
        `  the service answered HTTP ${result.status} ${result.statusText ?? ''}: not validated online.`,
      );
      return;
    }
    for (const issue of result.report?.errors ?? []) console.error(`  ✘ ${issue.title}: ${issue.content}`);
    for (const issue of result.report?.warnings ?? []) console.log(`  ! ${issue.title}: ${issue.content}`);
    if (!result.isValid) {
      console.error('✘ The service rejected the manifest.');
      process.exit(1);
    }
    console.log('✔ The service accepted the manifest.');
  } catch (err) {
    if (!/Unable to contact the manifest validation service/.test((err as Error).message)) throw err;
    console.log(
      '  could not reach validationgateway.omex.office.net (no internet here): checked offline only.\n' +
        '  Run `npm run validate` on a connected machine before uploading to the admin center.',
    );
  }
}

main().catch((err: unknown) => {
  console.error(`npm run validate failed: ${(err as Error).message}`);
  process.exit(1);
});
