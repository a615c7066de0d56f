/**
 * `npm run sideload`: puts the development add-in (dist/addin/manifest.xml, https://localhost:3000)
 * into Outlook. On Windows, where Outlook is installed, Microsoft's office-addin-debugging
 * sideloads it (`npm run sideload -- --stop` removes it). Elsewhere — macOS included, where
 * Microsoft's docs say to sideload by hand — it prints the steps of the "Add-Ins for Outlook"
 * dialog (https://aka.ms/olksideload); a sideloaded add-in then also appears in Outlook on iOS and
 * Android for the same account. Run `npm start` or `npm run dev` first: Outlook loads the panes
 * from that server.
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
      'Sideloading from the command line needs Outlook on Windows. Add it by hand instead (Outlook on the',
      'web, new Outlook, classic Outlook or Outlook on Mac — they share the list of add-ins):',
      '',
      '  1. Keep `npm start` (or `npm run dev`) running, and trust the development CA in your browser:',
      ...trustSteps().map((line) => `   ${line}`),
      '  2. Open https://aka.ms/olksideload: Outlook on the web opens the "Add-Ins for Outlook" dialog.',
      `  3. My add-ins → Custom Addins → Add a custom add-in → Add from File → ${relative}`,
      '  4. Open an email: "Who knows them" and "Admin" are in the message\u2019s Apps menu.',
      '',
      'The add-in then also appears in Outlook on iOS and Android for the same account (open an email →',
      'Apps → Who knows them). A phone loads the pane from the manifest\u2019s URL, and localhost there is the',
      'phone: build with ADDIN_PUBLIC_URL=<an HTTPS address the phone reaches, with a certificate it trusts>.',
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
  if (process.platform !== 'win32') {
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
