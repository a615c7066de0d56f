import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { notAMicrosoftCloud } from './microsoft/clouds';
import { operationsSettings, operationsVariables, optionalOperationsVariables } from './operations-config';
import { projectRoot } from './paths';

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

const httpsUrl = z
  .url({ protocol: /^https$/, error: 'must be an https:// URL' })
  .transform((u) => u.replace(/\/+$/, ''));

const positiveNumber = z.coerce.number({ error: 'must be a number' }).positive('must be positive');
const nonNegativeNumber = z.coerce.number({ error: 'must be a number' }).min(0, 'must not be negative');

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .transform((u) => u.replace(/\/+$/, ''));

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
    ENTRA_CLIENT_SECRET: z
      .string({ error: 'is not set: create a client secret for the Entra app' })
      .min(1, 'must not be empty'),
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
    const scheme = tls ? 'https' : 'http';
    const publicUrl = env.PUBLIC_URL ?? `${scheme}://localhost:${env.PORT}`;
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
        clientId: env.ENTRA_CLIENT_ID.toLowerCase(),
        clientSecret: env.ENTRA_CLIENT_SECRET,
        /** Our API accepts v2 tokens (aud = client id) and v1-style ones (aud = api://client id). */
        apiAudiences: env.API_AUDIENCE
          ? [env.API_AUDIENCE]
          : [env.ENTRA_CLIENT_ID.toLowerCase(), `api://${env.ENTRA_CLIENT_ID.toLowerCase()}`],
        consentStateTtlMs: env.CONSENT_STATE_TTL_MINUTES * 60_000,
        outboundIpAddresses: env.OUTBOUND_IP_ADDRESSES,
      },
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
  for (const name of ['PUBLIC_URL', 'API_AUDIENCE', 'NOTIFICATION_URL', ...optionalOperationsVariables])
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

/** Hides the password of a connection string and the value of any secret. */
export function redact(name: string, value: string): string {
  if (/SECRET|PASSWORD/.test(name)) return '***';
  return value.replace(/\/\/([^:/@]+):([^@]*)@/, '//$1:***@');
}
