/**
 * `npm run entra:register -- --tenant <tenant id or domain> [--public-url https://sam.example.com]
 *   [--credential certificate|secret] [--credentials-dir deploy/credentials] [--write-env .env]`
 *
 * An IT administrator of the tenant that owns the app signs in (device code: open the page shown,
 * enter the code), and the multi-tenant app registration is created or brought up to date exactly
 * as the product needs it. Running it again changes nothing that is right already. The `.env`
 * lines are printed, or written into `--write-env` (other lines kept).
 */
import { parseArgs } from 'node:util';
import { adminGraphClient } from './lib/admin-graph';
import { loadDotEnv } from './lib/dotenv';
import { DEFAULT_DISPLAY_NAME, DEFAULT_UNIQUE_NAME } from './lib/entra-registration';
import { readEnvFile, registerApplication, writeEnvFile } from './lib/register-app';

const DEFAULT_AUTHORITY = 'https://login.microsoftonline.com';
const DEFAULT_GRAPH = 'https://graph.microsoft.com';

async function main(): Promise<void> {
  loadDotEnv();
  const { values } = parseArgs({
    options: {
      tenant: { type: 'string' },
      'public-url': { type: 'string' },
      credential: { type: 'string', default: 'certificate' },
      'credentials-dir': { type: 'string', default: 'deploy/credentials' },
      'write-env': { type: 'string' },
      'display-name': { type: 'string', default: DEFAULT_DISPLAY_NAME },
      'unique-name': { type: 'string', default: DEFAULT_UNIQUE_NAME },
    },
  });
  const tenant = values.tenant ?? process.env.ENTRA_REGISTER_TENANT;
  const publicUrl = values['public-url'] ?? process.env.PUBLIC_URL;
  if (!tenant)
    throw new Error('--tenant (or ENTRA_REGISTER_TENANT): the tenant that owns the app registration');
  if (!publicUrl || !/^https:\/\//.test(publicUrl))
    throw new Error('--public-url (or PUBLIC_URL): the https:// URL people reach the service at');
  if (values.credential !== 'certificate' && values.credential !== 'secret')
    throw new Error('--credential must be certificate or secret');
  const authorityHost = process.env.ENTRA_AUTHORITY_HOST ?? DEFAULT_AUTHORITY;
  const graphBaseUrl = process.env.GRAPH_BASE_URL ?? DEFAULT_GRAPH;

  const { client, userName } = await adminGraphClient({
    authorityHost,
    graphBaseUrl,
    tenant,
    clientId: process.env.ENTRA_REGISTER_CLIENT_ID,
    permissions: ['Application.ReadWrite.All'],
    onCode: (message) => console.log(message),
  });
  console.log(`Signed in as ${userName}.`);
  const envFile = values['write-env'];
  const earlier = envFile ? readEnvFile(envFile) : {};
  const registered = await registerApplication(client, {
    publicUrl: publicUrl.replace(/\/+$/, ''),
    displayName: values['display-name'],
    uniqueName: values['unique-name'],
    credential: values.credential,
    credentialsDir: values['credentials-dir'],
    existingSecret: earlier.ENTRA_CLIENT_SECRET,
    log: (line) => console.log(line),
  });
  const env = {
    ...registered.env,
    ...(authorityHost !== DEFAULT_AUTHORITY ? { ENTRA_AUTHORITY_HOST: authorityHost } : {}),
    ...(graphBaseUrl !== DEFAULT_GRAPH ? { GRAPH_BASE_URL: graphBaseUrl } : {}),
  };
  if (envFile) {
    writeEnvFile(envFile, env);
    console.log(`Wrote ${Object.keys(env).join(', ')} to ${envFile}.`);
  } else {
    console.log('\nAdd to the server and workers’ environment (.env):');
    for (const [k, v] of Object.entries(env)) console.log(`${k}=${v}`);
  }
  console.log(
    '\nNext: each directory’s administrator grants admin consent from the admin pane (README, "Running against real Microsoft 365"); `npm run doctor` checks the deployment.',
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
