import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Debian packages the test suite drives: Chromium for browser tests (Playwright downloads its own
 * browsers, which cannot be reached here, so we use the distribution's) and xmllint to validate
 * the add-in manifest against Microsoft's schemas.
 */
const required = [
  { pkg: 'chromium', probe: '/usr/bin/chromium', why: 'browser tests (headless Chromium)' },
  { pkg: 'libxml2-utils', probe: '/usr/bin/xmllint', why: 'manifest schema validation (xmllint)' },
  {
    pkg: 'fonts-ipafont-gothic',
    probe: '/usr/share/fonts/opentype/ipafont-gothic',
    why: 'Japanese text in browser screenshots',
  },
];

export function ensureSystemPackages(progress: (line: string) => void = console.log): void {
  const missing = required.filter((r) => !existsSync(r.probe));
  if (missing.length === 0) return;
  const names = missing.map((m) => m.pkg);
  const canInstall =
    process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!canInstall) {
    progress(
      `Missing system packages for the tests: ${missing.map((m) => `${m.pkg} (${m.why})`).join(', ')}. ` +
        `Install them with: sudo apt-get install -y ${names.join(' ')}`,
    );
    return;
  }
  progress(`Installing system packages: ${names.join(', ')} (apt-get)…`);
  const run = (args: string[]) =>
    spawnSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  if (run(['install', '-y', '--no-install-recommends', ...names]).status !== 0) {
    if (
      run(['update']).status !== 0 ||
      run(['install', '-y', '--no-install-recommends', ...names]).status !== 0
    ) {
      throw new Error(`apt-get could not install ${names.join(' ')}`);
    }
  }
}
