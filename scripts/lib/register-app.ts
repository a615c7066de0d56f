import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Application, KeyCredential } from '@microsoft/microsoft-graph-types';
import { keyCredentialOf, selfSignedCertificate } from './app-certificate';
import { statusOf } from './admin-graph';
import { appIdProperties, baseProperties, type RegistrationTarget } from './entra-registration';

/**
 * Creates or updates the app registration through Microsoft Graph, idempotently: an upsert keyed by
 * `uniqueName` (application-upsert.md) writes every setting, a second update adds what needs the
 * app id (Application ID URI, our own API permission), then the credential and the service
 * principal in the owning tenant. A certificate is preferred: the key pair is made here, only the
 * certificate goes to Entra (`keyCredentials`, keycredential.md), the private key stays on disk.
 */

export interface RegisterOptions extends RegistrationTarget {
  uniqueName: string;
  credential: 'certificate' | 'secret';
  /** Where the certificate and its key are kept (created if missing). */
  credentialsDir: string;
  /** A secret from an earlier run for this app (kept when the registration still has it). */
  existingSecret?: string;
  log: (line: string) => void;
}

export interface Registered {
  app: Application;
  created: boolean;
  env: Record<string, string>;
}

async function getByUniqueName(client: Client, uniqueName: string): Promise<Application | null> {
  try {
    return (await client.api(`/applications(uniqueName='${uniqueName}')`).get()) as Application;
  } catch (err) {
    if (statusOf(err) === 404) return null;
    throw err;
  }
}

export async function registerApplication(client: Client, o: RegisterOptions): Promise<Registered> {
  const existing = await getByUniqueName(client, o.uniqueName);
  await client
    .api(`/applications(uniqueName='${o.uniqueName}')`)
    .header('Prefer', 'create-if-missing')
    .patch(baseProperties(o, existing));
  let app = (await getByUniqueName(client, o.uniqueName))!;
  await client.api(`/applications/${app.id}`).patch(appIdProperties(app));
  app = (await getByUniqueName(client, o.uniqueName))!;
  o.log(
    `${existing ? 'Updated' : 'Created'} the app registration ${app.displayName} (client id ${app.appId}).`,
  );

  const env: Record<string, string> = { ENTRA_CLIENT_ID: app.appId!, PUBLIC_URL: o.publicUrl };
  if (o.credential === 'certificate') Object.assign(env, await certificate(client, app, o));
  else Object.assign(env, await secret(client, app, o));
  await servicePrincipal(client, app.appId!, o);
  return { app, created: !existing, env };
}

async function certificate(client: Client, app: Application, o: RegisterOptions) {
  const certFile = resolve(join(o.credentialsDir, 'entra-app.pem'));
  const keyFile = resolve(join(o.credentialsDir, 'entra-app-key.pem'));
  const env = { ENTRA_CLIENT_CERTIFICATE_FILE: certFile, ENTRA_CLIENT_CERTIFICATE_KEY_FILE: keyFile };
  if (existsSync(certFile) && existsSync(keyFile)) {
    const der = new X509Certificate(readFileSync(certFile)).raw;
    const sha1 = createHash('sha1').update(der).digest('base64');
    if (app.keyCredentials?.some((k) => k.customKeyIdentifier === sha1)) {
      o.log(`The certificate in ${certFile} is registered already.`);
      return env;
    }
  }
  const cert = selfSignedCertificate(o.displayName, 730);
  mkdirSync(o.credentialsDir, { recursive: true });
  writeFileSync(certFile, cert.certificatePem);
  writeFileSync(keyFile, cert.privateKeyPem, { mode: 0o600 });
  // PATCH replaces the list, and Graph never returns a registered certificate's key, so earlier
  // certificates cannot be sent back: they stop working (keycredential.md).
  const before = app.keyCredentials?.length ?? 0;
  const keyCredential: KeyCredential = {
    ...keyCredentialOf(cert, crypto.randomUUID()),
    displayName: `CN=${o.displayName}`,
  };
  await client.api(`/applications/${app.id}`).patch({ keyCredentials: [keyCredential] });
  o.log(
    `Uploaded a new certificate (valid two years); its private key is in ${keyFile}.` +
      (before > 0 ? ` It replaced ${before} earlier certificate(s).` : ''),
  );
  return env;
}

async function secret(client: Client, app: Application, o: RegisterOptions) {
  const still = o.existingSecret
    ? app.passwordCredentials?.some(
        (p) => p.hint === o.existingSecret!.slice(0, 3) && Date.parse(p.endDateTime ?? '') > Date.now(),
      )
    : false;
  if (still && o.existingSecret) {
    o.log('The client secret from the env file is still registered.');
    return { ENTRA_CLIENT_SECRET: o.existingSecret };
  }
  const added = (await client.api(`/applications/${app.id}/addPassword`).post({
    passwordCredential: { displayName: `entra:register ${new Date().toISOString().slice(0, 10)}` },
  })) as { secretText: string; endDateTime: string };
  o.log(`Added a client secret, valid until ${added.endDateTime.slice(0, 10)} (shown only now).`);
  return { ENTRA_CLIENT_SECRET: added.secretText };
}

async function servicePrincipal(client: Client, appId: string, o: RegisterOptions) {
  try {
    await client.api(`/servicePrincipals(appId='${appId}')`).get();
  } catch (err) {
    if (statusOf(err) !== 404) throw err;
    await client.api('/servicePrincipals').post({ appId });
    o.log('Created the service principal in the owning tenant.');
  }
}

/** Sets `KEY=value` lines in an env file, replacing earlier values of the same keys and keeping the rest. */
export function writeEnvFile(path: string, values: Record<string, string>): void {
  const lines = existsSync(path) ? readFileSync(path, 'utf8').split('\n') : [];
  const rest = lines.filter((l) => !Object.keys(values).includes(l.split('=')[0]!.trim()));
  while (rest.length > 0 && rest[rest.length - 1] === '') rest.pop();
  const added = Object.entries(values).map(([k, v]) => `${k}=${v}`);
  writeFileSync(path, `${[...rest, ...added].join('\n')}\n`, { mode: 0o600 });
}

export function readEnvFile(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  return Object.fromEntries(
    readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => /^[A-Z_][A-Z0-9_]*=/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}
