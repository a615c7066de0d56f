import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../../paths';

/**
 * Google Workspace settings, part of the one configuration read in config.ts. Everything is
 * optional: without a service account key the product serves Microsoft 365 only. Every Google
 * endpoint is a setting with Google's own address as default, so a proxy or a stand-in is reached
 * by configuration alone.
 */

/** Trailing slashes off, without a regular expression (a `/+$` pattern is quadratic on many slashes). */
function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === '/') end--;
  return url.slice(0, end);
}

const httpsUrl = z
  .url({ protocol: /^https$/, error: 'must be an https:// URL' })
  .transform(withoutTrailingSlashes);

export const googleVariables = {
  GOOGLE_SERVICE_ACCOUNT_KEY_FILE: z.string().min(1).optional(),
  GOOGLE_OAUTH_CLIENT_ID: z.string().min(1).optional(),
  GOOGLE_OAUTH_CLIENT_SECRET: z.string().min(1).optional(),
  GOOGLE_TOKEN_URL: httpsUrl.default('https://oauth2.googleapis.com/token'),
  GOOGLE_ACCOUNTS_URL: httpsUrl.default('https://accounts.google.com'),
  GOOGLE_CERTS_URL: httpsUrl.default('https://www.googleapis.com/oauth2/v1/certs'),
  GOOGLE_API_ROOT_URL: httpsUrl.optional(),
  ALLOW_CUSTOM_GOOGLE_ENDPOINTS: z.enum(['on', 'off'], { error: 'must be on or off' }).default('off'),
};

export const optionalGoogleVariables = [
  'GOOGLE_SERVICE_ACCOUNT_KEY_FILE',
  'GOOGLE_OAUTH_CLIENT_ID',
  'GOOGLE_OAUTH_CLIENT_SECRET',
  'GOOGLE_API_ROOT_URL',
];

/** The fields of a service account's JSON key (as the Google Cloud console downloads it) that we use. */
const serviceAccountKey = z.object({
  client_email: z.string().min(3),
  private_key: z.string().includes('PRIVATE KEY'),
  /** The numeric client ID a Workspace admin authorizes for domain-wide delegation. */
  client_id: z.string().regex(/^\d{5,30}$/, 'client_id must be the numeric client ID'),
  private_key_id: z.string().optional(),
});

export type ServiceAccount = {
  email: string;
  privateKey: string;
  privateKeyId: string | null;
  clientId: string;
};

type GoogleInput = z.output<z.ZodObject<typeof googleVariables>>;

/** Google's own hosts for each endpoint setting (the API root: any of Google's API hosts). */
const googleHosts: Array<[keyof GoogleInput, (host: string) => boolean, string]> = [
  ['GOOGLE_TOKEN_URL', (h) => h === 'oauth2.googleapis.com', 'https://oauth2.googleapis.com'],
  ['GOOGLE_ACCOUNTS_URL', (h) => h === 'accounts.google.com', 'https://accounts.google.com'],
  ['GOOGLE_CERTS_URL', (h) => h === 'www.googleapis.com', 'https://www.googleapis.com'],
  ['GOOGLE_API_ROOT_URL', (h) => h.endsWith('.googleapis.com'), 'https://*.googleapis.com'],
];

/**
 * The first Google endpoint setting that is not on Google's own hosts, or null. The token endpoint
 * receives the service account's signed assertions and the sign-in endpoints decide who is a
 * Workspace admin, so production reaches them only at Google unless an operator deliberately
 * allows another endpoint.
 */
export function notGoogle(
  env: GoogleInput,
): { variable: keyof GoogleInput; expected: string; got: string } | null {
  for (const [variable, isGoogle, expected] of googleHosts) {
    const got = env[variable];
    if (typeof got !== 'string') continue;
    if (!isGoogle(new URL(got).hostname.toLowerCase())) return { variable, expected, got };
  }
  return null;
}

/** Reads the key file; the error names what is wrong without echoing the key. */
export function readServiceAccount(file: string): ServiceAccount | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path.resolve(projectRoot, file), 'utf8'));
  } catch (err) {
    return `cannot be read as a JSON key file (${(err as NodeJS.ErrnoException).code ?? 'invalid JSON'})`;
  }
  const key = serviceAccountKey.safeParse(parsed);
  if (!key.success) return `is not a service account key: ${key.error.issues[0]!.message}`;
  return {
    email: key.data.client_email,
    privateKey: key.data.private_key,
    privateKeyId: key.data.private_key_id ?? null,
    clientId: key.data.client_id,
  };
}

export interface GoogleSettings {
  /** null: Google Workspace is not offered (no service account configured). */
  serviceAccount: ServiceAccount | null;
  /** The OAuth web client Workspace admins sign in with (OpenID Connect). */
  oauthClient: { clientId: string; clientSecret: string } | null;
  tokenUrl: string;
  accountsUrl: string;
  certsUrl: string;
  /** Root of the Gmail and Admin SDK APIs; null = each client library's default host. */
  apiRootUrl: string | null;
}

export function googleSettings(env: GoogleInput, serviceAccount: ServiceAccount | null): GoogleSettings {
  return {
    serviceAccount,
    oauthClient:
      env.GOOGLE_OAUTH_CLIENT_ID && env.GOOGLE_OAUTH_CLIENT_SECRET
        ? { clientId: env.GOOGLE_OAUTH_CLIENT_ID, clientSecret: env.GOOGLE_OAUTH_CLIENT_SECRET }
        : null,
    tokenUrl: env.GOOGLE_TOKEN_URL,
    accountsUrl: env.GOOGLE_ACCOUNTS_URL,
    certsUrl: env.GOOGLE_CERTS_URL,
    apiRootUrl: env.GOOGLE_API_ROOT_URL ? `${env.GOOGLE_API_ROOT_URL}/` : null,
  };
}
