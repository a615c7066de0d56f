/**
 * `npm run sideload`: puts the development add-in (dist/addin/manifest.xml, https://localhost:3000)
 * into Outlook. Where Outlook is installed (Windows, macOS) Microsoft's office-addin-debugging
 * sideloads it (`npm run sideload -- --stop` removes it); elsewhere it prints the steps for
 * Outlook on the web, which then also shows the add-in in Outlook on iOS and Android.
 * Run `npm start` or `npm run dev` first: Outlook loads the panes from that server.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { devCerts } from './lib/certs';
import { buildAddin } from './lib/addin';
import { projectRoot } from './lib/paths';

const manifest = path.join(projectRoot, 'dist', 'addin', 'manifest.xml');
const stop = process.argv.includes('--stop');
/** Microsoft's tool, fetched by npx on the machines that have Outlook (its native parts do not build everywhere). */
const officeAddinDebugging = 'office-addin-debugging@7';

function serverAnswers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = https.get(url, { rejectUnauthorized: false, timeout: 2_000 }, (res) => {
      res.resume();
      resolve((res.statusCode ?? 0) < 500);
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => request.destroy());
  });
}

function trustSteps(): string[] {
  const ca = path.relative(projectRoot, devCerts.caCert);
  return process.platform === 'win32'
    ? [`  certutil -user -addstore Root ${ca}`]
    : process.platform === 'darwin'
      ? [`  security add-trusted-cert -r trustRoot -k ~/Library/Keychains/login.keychain-db ${ca}`]
      : [
          `  Chrome/Edge: Settings → Privacy and security → Security → Manage certificates → Authorities → Import ${ca}`,
          `  Firefox: Settings → Certificates → View Certificates → Authorities → Import ${ca}`,
        ];
}

function printWebSteps(): void {
  const relative = path.relative(projectRoot, manifest);
  console.log(
    [
      '',
      'Outlook is not installed here, so nothing can be sideloaded from this machine. Use Outlook on the web:',
      '',
      '  1. Keep `npm start` (or `npm run dev`) running, and trust the development CA in your browser:',
      ...trustSteps().map((line) => `   ${line}`),
      '  2. Open https://aka.ms/olksideload (Outlook on the web → Add-ins for Outlook → My add-ins).',
      `  3. Custom add-ins → Add a custom add-in → Add from file → ${relative}`,
      '  4. Open an email: "Who knows them" and "Admin" are in the message\u2019s Apps menu.',
      '',
      'The add-in then also appears in Outlook on iOS and Android for the same account (read mode:',
      'open an email → the Apps button → Who knows them); the phone must trust the development CA too.',
      'Remove it again in My add-ins → Custom add-ins. More: addin/README.md.',
      '',
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  if (!existsSync(manifest)) {
    console.log('Building the add-in first…');
    buildAddin();
  }
  const hasOutlook = process.platform === 'win32' || process.platform === 'darwin';
  if (!hasOutlook) {
    printWebSteps();
    return;
  }
  if (!stop && !(await serverAnswers('https://localhost:3000/healthz'))) {
    console.log('Nothing answers at https://localhost:3000: start `npm start` or `npm run dev` first.');
    process.exitCode = 1;
    return;
  }
  console.log(
    [
      `${stop ? 'Removing' : 'Sideloading'} ${path.relative(projectRoot, manifest)} with ${officeAddinDebugging}.`,
      'Outlook must trust the development certificate authority once:',
      ...trustSteps(),
      '',
    ].join('\n'),
  );
  const args = stop
    ? ['--yes', officeAddinDebugging, 'stop', manifest, 'desktop']
    : [
        '--yes',
        officeAddinDebugging,
        'start',
        manifest,
        'desktop',
        '--app',
        'outlook',
        '--no-debug',
        '--no-live-reload',
      ];
  const result = spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', args, {
    cwd: projectRoot,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.log('\nSideloading did not complete. The manual steps for Outlook on the web work everywhere:');
    printWebSteps();
    process.exitCode = result.status ?? 1;
  }
}

main().catch((err: unknown) => {
  console.error(`npm run sideload failed: ${(err as Error).message}`);
  process.exit(1);
});
