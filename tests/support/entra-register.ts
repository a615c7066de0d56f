import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readEnvFile } from '../../scripts/lib/register-app';
import type { ScenarioUser, TestEmulator } from './emulator';
import { runScript, type RunningProcess } from './processes';

/**
 * Signs a person in at the device-code verification page, as they do in a browser on their phone
 * or laptop: the code the command printed, then their account and password.
 */
export async function approveDeviceCode(
  emulator: TestEmulator,
  run: RunningProcess,
  user: ScenarioUser,
): Promise<void> {
  await run.waitForOutput(/enter the code [A-Z]+/, 60_000);
  const code = /enter the code ([A-Z]+)/.exec(run.output())![1]!;
  const res = await fetch(`${emulator.url}/devicelogin`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      otc: code,
      username: user.userPrincipalName,
      password: user.password,
      decision: 'accept',
    }),
  });
  if (!(await res.text()).includes('device-signed-in'))
    throw new Error(`device sign-in refused (${res.status})`);
}

export const emulatorCloudEnv = (emulator: TestEmulator) => ({
  ENTRA_AUTHORITY_HOST: emulator.url,
  GRAPH_BASE_URL: emulator.url,
});

/** Runs `npm run entra:register` against the emulator as this admin; returns the env lines it wrote. */
export async function runEntraRegister(
  emulator: TestEmulator,
  admin: ScenarioUser,
  options: { dir?: string; publicUrl?: string; credential?: 'certificate' | 'secret' } = {},
): Promise<{ env: Record<string, string>; output: string; dir: string }> {
  const dir = options.dir ?? mkdtempSync(path.join(tmpdir(), 'entra-register-'));
  const envFile = path.join(dir, '.env');
  const run = runScript('scripts/entra-register.ts', emulatorCloudEnv(emulator), [
    '--tenant',
    admin.userPrincipalName.split('@')[1]!,
    '--public-url',
    options.publicUrl ?? 'https://localhost:3000',
    '--credential',
    options.credential ?? 'certificate',
    '--credentials-dir',
    path.join(dir, 'credentials'),
    '--write-env',
    envFile,
  ]);
  await approveDeviceCode(emulator, run, admin);
  const code = await run.exited;
  if (code !== 0) throw new Error(`entra:register exited ${code}:\n${run.output()}`);
  return { env: readEnvFile(envFile), output: run.output(), dir };
}
