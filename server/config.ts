import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { notAMicrosoftCloud } from './providers/microsoft/clouds';
import { redact } from './log';
import { operationsSettings, operationsVariables, optionalOperationsVariables } from './operations-config';
import { projectRoot } from './paths';
import {
  googleSettings,
  googleVariables,
  notGoogle,
  optionalGoogleVariables,
  readServiceAccount,
} from './providers/google/config';

/**
 * Every setting of the server and the worker, read from the environment once at start.
 * Defaults give the embedded demo that `npm start` runs; `.env.example` documents each variable.
 */

const port = z.coerce
  .number({ error: 'must be a port number between 1 and 65535' })
  .int('must be a port number between 1 and 65535')
  .min(1, 'must be a port number between 1 and 65535')
  .max(65535, 'must be a port number between 1 and 65535');

const positiveInt = z.coerce
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .positive('must be positive');

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "https://host/" → "https://host" (a loop: `/\/+$/` is quadratic on a long run of slashes). */
function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === '/') end -= 1;
  return url.slice(0, end);
}

const httpsUrl = z
  .url({ protocol: /^https$/, error: 'must be an https:// URL' })
  .transform(withoutTrailingSlashes);

const positiveNumber = z.coerce.number({ error: 'must be a number' }).positive('must be positive');
const nonNegativeNumber = z.coerce.number({ error: 'must be a number' }).min(0, 'must not be negative');

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .transform(withoutTrailingSlashes);

/** A file path that must exist; relative paths are taken from the project root. */
const existingFile = z
  .string()
  .transform((p) => path.resolve(projectRoot, p))
  .refine((p) => existsSync(p), { error: 'names a file that does not exist' });

/**
 * Messages per delta page. `npm run bench:fleet` E: at 200 ms per request one large mailbox's first
 * sync ran 1.5× as fast at 250 as at 100, 1.3× as fast again at 500, and only 1.1× more at 1,000,
 * where the database is the bound; Graph may return fewer when it cannot gather a page in time.
 */
export const defaultPageSize = 500;

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port.default(3000),
    PUBLIC_URL: httpUrl.optional(),
    TLS_CERT_FILE: z.string().default('.local/certs/localhost.pem'),
    TLS_KEY_FILE: z.string().default('.local/certs/localhost-key.pem'),
    SHUTDOWN_GRACE_MS: positiveInt.default(10_000),
    MAX_JSON_BODY: z
      .string()
      .regex(/^\d+(b|kb|mb)$/i, 'must be a size such as 100kb')
      .default('100kb'),

    MONGODB_URI: z
      .string({
        error: 'is not set: run `npm start` (it starts the embedded database) or set it to a MongoDB server',
      })
      .regex(/^mongodb(\+srv)?:\/\/.+/, 'must be a mongodb:// or mongodb+srv:// connection string'),
    MONGODB_DB_NAME: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,63}$/, 'must be 1-63 letters, digits, _ or -')
      .default('smart_activity'),
    MONGODB_CONNECT_TIMEOUT_MS: positiveInt.default(5_000),
    MONGODB_MAX_POOL_SIZE: positiveInt.default(10),

    // Microsoft 365. Defaults are Microsoft's public cloud; `npm start` points them at the
    // emulator when no Entra app is configured.
    ENTRA_AUTHORITY_HOST: httpsUrl.default('https://login.microsoftonline.com'),
    GRAPH_BASE_URL: httpsUrl.default('https://graph.microsoft.com'),
    ENTRA_CLIENT_ID: z
      .string({
        error:
          'is not set: register the app in Entra ID (see README, "Running against Microsoft 365") or run `npm start`',
      })
      .regex(guidPattern, 'must be the application (client) ID, a GUID'),
    ENTRA_CLIENT_SECRET: z.string().min(1, 'must not be empty').optional(),
    // A certificate credential (recommended): the certificate's PEM file, and its private key's
    // (which may be the same file).
    ENTRA_CLIENT_CERTIFICATE_FILE: z.string().min(1).optional(),
    ENTRA_CLIENT_CERTIFICATE_KEY_FILE: z.string().min(1).optional(),
    API_AUDIENCE: z.string().min(1).optional(),
    CONSENT_STATE_TTL_MINUTES: positiveInt.default(30),
    OUTBOUND_IP_ADDRESSES: z
      .string()
      .default('')
      .transform((s) =>
        s
          .split(',')
          .map((ip) => ip.trim())
          .filter(Boolean),
      ),

    // Mailbox synchronisation (the worker).
    WORKER_CONCURRENCY: positiveInt.default(4),
    SYNC_POLL_INTERVAL_SECONDS: positiveInt.default(300),
    SYNC_LEASE_SECONDS: positiveInt.default(60),
    SYNC_PAGE_SIZE: positiveInt.max(1000, 'must be at most 1000').default(defaultPageSize),
    SYNC_BATCH_MESSAGES: positiveInt.default(1000),
    SYNC_RETRY_ATTEMPTS: positiveInt.default(6),
    SYNC_RETRY_BASE_SECONDS: positiveNumber.default(60),
    SYNC_RETRY_MIN_SPAN_MINUTES: nonNegativeNumber.default(60),
    SYNC_ERROR_RECHECK_HOURS: positiveNumber.default(6),
    SYNC_MAX_THROTTLE_WAIT_SECONDS: positiveNumber.default(120),
    SYNC_SLICE_SECONDS: positiveNumber.default(60),
    // Graph's documented limits (throttling-limits: 10,000 requests per 10 minutes per app and
    // mailbox; 130,000 per 10 seconds per app across all tenants), with room for the admin pane's
    // calls and for counts a killed worker had not saved yet.
    SYNC_MAILBOX_REQUESTS_PER_10_MINUTES: positiveInt.default(9_000),
    GRAPH_APP_REQUESTS_PER_10_SECONDS: positiveInt.default(117_000),
    SIGNATURE_REFRESH_DAYS: nonNegativeNumber.default(30),
    GRAPH_SUBSCRIPTIONS: z.enum(['on', 'off'], { error: 'must be on or off' }).default('off'),
    NOTIFICATION_URL: httpsUrl.optional(),

    ...operationsVariables,
    ...googleVariables,
  })
  .transform((env, ctx) => {
    // In production Microsoft 365 is reached only on Microsoft's own clouds, unless an operator
    // explicitly allows another endpoint (a forward proxy, a test tenant's stand-in).
    if (env.NODE_ENV === 'production' && env.ALLOW_CUSTOM_MICROSOFT_ENDPOINTS !== 'on') {
      const problem = notAMicrosoftCloud(env.ENTRA_AUTHORITY_HOST, env.GRAPH_BASE_URL);
      if (problem) {
        ctx.addIssue({
          code: 'custom',
          path: [problem.split(' ')[0]!],
          message: `${problem.slice(problem.indexOf(' ') + 1)} in production; set ALLOW_CUSTOM_MICROSOFT_ENDPOINTS=on to use another endpoint deliberately`,
        });
        return z.NEVER;
      }
    }
    if (env.NODE_ENV === 'production' && env.ALLOW_CUSTOM_GOOGLE_ENDPOINTS !== 'on') {
      const problem = notGoogle(env);
      if (problem) {
        ctx.addIssue({
          code: 'custom',
          path: [problem.variable],
          message: `must be Google's own endpoint (${problem.expected}) in production; set ALLOW_CUSTOM_GOOGLE_ENDPOINTS=on to use another endpoint deliberately (got "${problem.got}")`,
        });
        return z.NEVER;
      }
    }
    // An empty TLS_CERT_FILE means "plain HTTP" (behind a TLS-terminating proxy).
    let tls: { certFile: string; keyFile: string } | undefined;
    if (env.TLS_CERT_FILE.trim() !== '') {
      const cert = existingFile.safeParse(env.TLS_CERT_FILE);
      const key = existingFile.safeParse(env.TLS_KEY_FILE);
      if (!cert.success) {
        ctx.addIssue({
          code: 'custom',
          path: ['TLS_CERT_FILE'],
          message: `names a file that does not exist (${env.TLS_CERT_FILE}); run \`npm run setup\` to create the development certificate, or set TLS_CERT_FILE= to serve plain HTTP`,
        });
        return z.NEVER;
      }
      if (!key.success) {
        ctx.addIssue({
          code: 'custom',
          path: ['TLS_KEY_FILE'],
          message: `names a file that does not exist (${env.TLS_KEY_FILE})`,
        });
        return z.NEVER;
      }
      tls = { certFile: cert.data, keyFile: key.data };
    }
    // A Google service account key turns Google Workspace on; a broken one stops the start.
    let serviceAccount = null;
    if (env.GOOGLE_SERVICE_ACCOUNT_KEY_FILE) {
      const read = readServiceAccount(env.GOOGLE_SERVICE_ACCOUNT_KEY_FILE);
      if (typeof read === 'string') {
        ctx.addIssue({ code: 'custom', path: ['GOOGLE_SERVICE_ACCOUNT_KEY_FILE'], message: read });
        return z.NEVER;
      }
      serviceAccount = read;
    }
    const credential = appCredential(env, ctx);
    if (!credential) return z.NEVER;
    const scheme = tls ? 'https' : 'http';
    const publicUrl = env.PUBLIC_URL ?? `${scheme}://localhost:${env.PORT}`;
    const clientId = env.ENTRA_CLIENT_ID.toLowerCase();
    return {
      ...operationsSettings(env, publicUrl),
      env: env.NODE_ENV,
      logLevel: env.LOG_LEVEL,
      http: {
        host: env.HOST,
        port: env.PORT,
        publicUrl,
        tls,
        shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
        maxJsonBody: env.MAX_JSON_BODY,
      },
      mongo: {
        uri: env.MONGODB_URI,
        dbName: env.MONGODB_DB_NAME,
        connectTimeoutMs: env.MONGODB_CONNECT_TIMEOUT_MS,
        maxPoolSize: env.MONGODB_MAX_POOL_SIZE,
      },
      microsoft: {
        authorityHost: env.ENTRA_AUTHORITY_HOST,
        graphBaseUrl: env.GRAPH_BASE_URL,
        clientId,
        credential,
        /**
         * Audiences our API accepts: v2.0 tokens name it by client id, v1.0 tokens by the
         * Application ID URI the client asked for, with or without a trailing slash
         * (optional-claims-reference.md, `aud`).
         */
        apiAudiences: (env.API_AUDIENCE
          ? env.API_AUDIENCE.split(',').map((a) => a.trim())
          : [clientId, `api://${clientId}`]
        ).flatMap((a) => (a.endsWith('/') ? [a, a.slice(0, -1)] : [a, `${a}/`])),
        consentStateTtlMs: env.CONSENT_STATE_TTL_MINUTES * 60_000,
        outboundIpAddresses: env.OUTBOUND_IP_ADDRESSES,
      },
      google: googleSettings(env, serviceAccount),
      sync: {
        concurrency: env.WORKER_CONCURRENCY,
        pollIntervalMs: env.SYNC_POLL_INTERVAL_SECONDS * 1000,
        leaseMs: env.SYNC_LEASE_SECONDS * 1000,
        pageSize: env.SYNC_PAGE_SIZE,
        batchMessages: env.SYNC_BATCH_MESSAGES,
        retryAttempts: env.SYNC_RETRY_ATTEMPTS,
        retryBaseMs: env.SYNC_RETRY_BASE_SECONDS * 1000,
        retryMinSpanMs: env.SYNC_RETRY_MIN_SPAN_MINUTES * 60_000,
        errorRecheckMs: env.SYNC_ERROR_RECHECK_HOURS * 3600_000,
        maxThrottleWaitMs: env.SYNC_MAX_THROTTLE_WAIT_SECONDS * 1000,
        /** How long one claim of a backfill may read before the place goes to the next in line. */
        sliceMs: env.SYNC_SLICE_SECONDS * 1000,
        mailboxRequestsPer10Minutes: env.SYNC_MAILBOX_REQUESTS_PER_10_MINUTES,
        appRequestsPer10Seconds: env.GRAPH_APP_REQUESTS_PER_10_SECONDS,
        signatureRefreshMs: env.SIGNATURE_REFRESH_DAYS * 24 * 3600_000,
        /** Graph change notifications need an HTTPS URL Microsoft can reach; polling always runs. */
        subscriptions:
          env.GRAPH_SUBSCRIPTIONS === 'on'
            ? { notificationBaseUrl: env.NOTIFICATION_URL ?? publicUrl }
            : null,
      },
    };
  });

/** How the backend proves itself to Entra: a certificate (recommended) or a client secret. */
export type AppCredential =
  { kind: 'certificate'; thumbprintSha256: string; privateKey: string } | { kind: 'secret'; secret: string };

function appCredential(
  env: {
    ENTRA_CLIENT_SECRET?: string;
    ENTRA_CLIENT_CERTIFICATE_FILE?: string;
    ENTRA_CLIENT_CERTIFICATE_KEY_FILE?: string;
  },
  ctx: z.RefinementCtx,
): AppCredential | null {
  const certFile = env.ENTRA_CLIENT_CERTIFICATE_FILE;
  if (!certFile) {
    if (env.ENTRA_CLIENT_SECRET) return { kind: 'secret', secret: env.ENTRA_CLIENT_SECRET };
    ctx.addIssue({
      code: 'custom',
      path: ['ENTRA_CLIENT_CERTIFICATE_FILE'],
      message:
        'is not set, and neither is ENTRA_CLIENT_SECRET: give the Entra app a certificate (recommended) or a client secret',
    });
    return null;
  }
  const keyFile = env.ENTRA_CLIENT_CERTIFICATE_KEY_FILE ?? certFile;
  const problem = (name: string, message: string) => {
    ctx.addIssue({ code: 'custom', path: [name], message });
    return null;
  };
  const certPath = path.resolve(projectRoot, certFile);
  const keyPath = path.resolve(projectRoot, keyFile);
  if (!existsSync(certPath))
    return problem('ENTRA_CLIENT_CERTIFICATE_FILE', 'names a file that does not exist');
  if (!existsSync(keyPath))
    return problem('ENTRA_CLIENT_CERTIFICATE_KEY_FILE', 'names a file that does not exist');
  let thumbprintSha256: string;
  let privateKey: string;
  try {
    const der = new X509Certificate(readFileSync(certPath)).raw;
    thumbprintSha256 = createHash('sha256').update(der).digest('hex');
  } catch {
    return problem('ENTRA_CLIENT_CERTIFICATE_FILE', 'holds no PEM certificate');
  }
  try {
    // msal-node signs with a PEM private key; a PKCS#8 or PKCS#1 file works, encrypted ones do not.
    privateKey = createPrivateKey(readFileSync(keyPath)).export({ type: 'pkcs8', format: 'pem' }).toString();
  } catch {
    return problem('ENTRA_CLIENT_CERTIFICATE_KEY_FILE', 'holds no unencrypted PEM private key');
  }
  return { kind: 'certificate', thumbprintSha256, privateKey };
}

export type Config = z.output<typeof schema>;

/** The environment variables the server reads; `.env.example` must document each one. */
export const configVariables: readonly string[] = Object.keys(schema.in.shape);

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the configuration; throws a ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const input = Object.fromEntries(
    Object.entries(env).filter(([name, value]) => configVariables.includes(name) && value !== undefined),
  );
  // An empty optional value counts as unset, so `PUBLIC_URL=` in a .env file falls back to the default.
  for (const name of [
    'PUBLIC_URL',
    'API_AUDIENCE',
    'NOTIFICATION_URL',
    'ENTRA_CLIENT_SECRET',
    'ENTRA_CLIENT_CERTIFICATE_FILE',
    'ENTRA_CLIENT_CERTIFICATE_KEY_FILE',
    ...optionalOperationsVariables,
    ...optionalGoogleVariables,
  ])
    if (input[name] === '') delete input[name];
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? 'configuration');
    const got = name in input ? ` (got ${JSON.stringify(redact(name, String(input[name])))})` : '';
    throw new ConfigError(`${name} ${issue.message}${got}`);
  }
  return result.data;
}
