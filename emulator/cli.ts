/**
 * `npm run emulator`: the Microsoft 365 emulator on https://localhost:4000 (or EMULATOR_PORT),
 * with the development certificate from .local/certs (created when missing).
 *   --port N  --seed N  --users N (extra Contoso users)  --messages-per-user N
 *   --tenants N --users-per-tenant M (N more tenants "Customer 01"…, each with an admin and M users)
 * EMULATOR_PUBLIC_URL names it when clients reach it under another name (the compose `dev` profile).
 */
import { readFileSync } from 'node:fs';
import { createDevCerts, devCerts, devCertsExist } from '../scripts/lib/certs';
import { DEFAULT_EMULATOR_PORT, DEFAULT_MESSAGES_PER_USER } from './scenario/constants';
import { startEmulator } from './index';

function flag(name: string): number | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} needs a whole number, got ${process.argv[i + 1] ?? 'nothing'}`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  if (!devCertsExist()) createDevCerts();
  const started = Date.now();
  const emulator = await startEmulator({
    port: flag('port') ?? Number(process.env.EMULATOR_PORT ?? DEFAULT_EMULATOR_PORT),
    host: process.env.EMULATOR_HOST ?? '127.0.0.1',
    seed: flag('seed') ?? 1,
    extraUsers: flag('users') ?? 0,
    messagesPerUser: flag('messages-per-user') ?? DEFAULT_MESSAGES_PER_USER,
    extraTenants: { count: flag('tenants') ?? 0, usersPerTenant: flag('users-per-tenant') ?? 0 },
    tls: { cert: readFileSync(devCerts.cert), key: readFileSync(devCerts.key) },
    trustedCa: [readFileSync(devCerts.caCert)],
    publicUrl: process.env.EMULATOR_PUBLIC_URL || undefined,
  });
  console.log(`Microsoft 365 emulator listening on ${emulator.url} (started in ${Date.now() - started} ms)`);
  console.log(`  app client id:   ${emulator.scenario.app.clientId}`);
  console.log(`  app secret:      ${emulator.scenario.app.clientSecret}`);
  console.log(`  api scope:       ${emulator.scenario.app.apiScope}`);
  const tenants = emulator.scenario.tenants;
  for (const t of tenants.slice(0, 6)) console.log(`  tenant ${t.displayName.padEnd(14)} ${t.id}`);
  if (tenants.length > 6) console.log(`  … and ${tenants.length - 6} more tenants`);
  console.log(`  scenario:        ${emulator.url}/_emulator/scenario`);
  const stop = () => void emulator.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`The emulator could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
