import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * manifest.xml is what IT uploads in the Microsoft 365 admin center: it must be valid against
 * Microsoft's schemas (offline copy in ../shared/office-manifest-xsd), parse with Microsoft's
 * office-addin-manifest, and stay valid after the build substitutes the deployment URL.
 */

const root = path.resolve(__dirname, '../..');
/**
 * Microsoft's schemas are not part of this repository; they sit in the team's shared folder beside
 * it. MANIFEST_XSD_DIR points elsewhere (e.g. when the checkout lives somewhere else).
 */
const schemaDir =
  [
    process.env.MANIFEST_XSD_DIR,
    path.resolve(root, '../shared/office-manifest-xsd'),
    '/work/shared/office-manifest-xsd',
  ].find((dir): dir is string => !!dir && existsSync(path.join(dir, 'OfficeAppManifestV1_1.xsd'))) ?? '';
if (!schemaDir)
  throw new Error(
    'Office manifest schemas not found: set MANIFEST_XSD_DIR to the folder with OfficeAppManifestV1_1.xsd',
  );
const schema = path.join(schemaDir, 'OfficeAppManifestV1_1.xsd');
const source = path.join(root, 'manifest.xml');
// webpack.config.js is CommonJS (webpack's own format); the test applies its substitution.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { manifestFor } = require(path.join(root, 'webpack.config.js')) as {
  manifestFor(content: string, publicUrl: string, clientId: string): string;
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sam-manifest-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function xmllint(file: string): string {
  return execFileSync('xmllint', ['--noout', '--schema', schema, file], {
    encoding: 'utf8',
    stdio: 'pipe',
  }).toString();
}

/** office-addin-manifest in its own Node process (it loads ES-module-only dependencies). */
function officeAddinManifest(file: string): Record<string, unknown> {
  const script = `require('office-addin-manifest').OfficeAddinManifest.readManifestFile(process.argv[1])
    .then((m) => process.stdout.write(JSON.stringify(m)), (e) => { console.error(e.message); process.exit(1); })`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script, file], { cwd: root, encoding: 'utf8' }));
}

function deployed(): string {
  const file = path.join(dir, 'manifest.xml');
  writeFileSync(
    file,
    manifestFor(
      readFileSync(source, 'utf8'),
      'https://sam.contoso.example',
      '11111111-2222-4333-8444-555555555555',
    ),
  );
  return file;
}

test('manifest.xml validates against the Office add-in schemas', () => {
  expect(() => xmllint(source)).not.toThrow();
});

test('the deployed manifest (URL and app id substituted) still validates and names only the deployment URL', () => {
  const file = deployed();
  expect(() => xmllint(file)).not.toThrow();
  const text = readFileSync(file, 'utf8');
  expect(text).not.toContain('localhost');
  expect(text).toContain('https://sam.contoso.example/addin/taskpane.html');
  expect(text).toContain('<Resource>api://11111111-2222-4333-8444-555555555555</Resource>');
});

test('office-addin-manifest reads it as an Outlook mail add-in', () => {
  const info = officeAddinManifest(source);
  expect(info).toMatchObject({
    id: '3c5e8a2f-6b1d-4f7e-9a40-2d8c1e7b5f93',
    displayName: 'Smart Activity Management',
    defaultLocale: 'en-US',
    hosts: ['Mailbox'],
  });
  expect(officeAddinManifest(deployed())).toMatchObject({ displayName: 'Smart Activity Management' });
});

test('read mode, pinnable task pane, admin pane, icons and Japanese strings', () => {
  const text = readFileSync(source, 'utf8');
  expect(text).toContain('<Permissions>ReadItem</Permissions>');
  expect(text).toMatch(/MessageReadCommandSurface/);
  expect(text).toMatch(/<SupportsPinning>true<\/SupportsPinning>/);
  expect(text).toContain('/addin/admin.html');
  for (const size of [16, 32, 64, 80, 128]) expect(text).toContain(`icon-${size}.png`);
  expect(text).toMatch(/Override Locale="ja-JP"/);
});

test('Outlook mobile: a read-mode button opens the task pane, with the nine icons mobile requires', () => {
  const text = readFileSync(source, 'utf8');
  const mobile = /<MobileFormFactor>([\s\S]*?)<\/MobileFormFactor>/.exec(text)?.[1] ?? '';
  expect(mobile).toContain('<ExtensionPoint xsi:type="MobileMessageReadCommandSurface">');
  expect(mobile).toContain('<Control xsi:type="MobileButton"');
  expect(/<Action xsi:type="ShowTaskpane">\s*<SourceLocation resid="([^"]+)"/.exec(mobile)?.[1]).toBe(
    'TaskPane.Url',
  );
  // Sizes 25, 32 and 48 px, each at scales 1, 2 and 3 (the Icon element's mobile requirements).
  const images = [...mobile.matchAll(/<bt:Image size="(\d+)" scale="(\d)" resid="([^"]+)"/g)].map(
    ([, size, scale, resid]) => ({ size: Number(size), scale: Number(scale), resid: resid! }),
  );
  expect(images.map((i) => `${i.size}@${i.scale}`).sort()).toEqual(
    ['25@1', '25@2', '25@3', '32@1', '32@2', '32@3', '48@1', '48@2', '48@3'].sort(),
  );
  // Each names a picture of size × scale pixels, and the build draws that size.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { iconSizes } = require(path.join(root, 'addin/assets/icons.js')) as { iconSizes: number[] };
  for (const image of images) {
    const url = new RegExp(`<bt:Image id="${image.resid.replace('.', '\\.')}" DefaultValue="([^"]+)"`).exec(
      text,
    )?.[1];
    const pixels = Number(/icon-(\d+)\.png$/.exec(url ?? '')?.[1]);
    expect([image.resid, pixels]).toEqual([image.resid, image.size * image.scale]);
    expect(iconSizes).toContain(pixels);
  }
});
