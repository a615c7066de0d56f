import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting of the server and the worker, read from the environment once at start.
 * Defaults give the embedded demo that `npm start` runs; `.env.example` documents each variable.
 */

const projectRoot = path.resolve(__dirname, '..');

const port = z.coerce
  .number({ error: 'must be a port number between 1 and 65535' })
  .int('must be a port number between 1 and 65535')
  .min(1, 'must be a port number between 1 and 65535')
  .max(65535, 'must be a port number between 1 and 65535');

const positiveInt = z.coerce
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .positive('must be positive');

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .transform((u) => u.replace(/\/+$/, ''));

/** A file path that must exist; relative paths are taken from the project root. */
const existingFile = z
  .string()
  .transform((p) => path.resolve(projectRoot, p))
  .refine((p) => existsSync(p), { error: 'names a file that does not exist' });

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
  })
  .transform((env, ctx) => {
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
    return {
      env: env.NODE_ENV,
      logLevel: env.LOG_LEVEL,
      http: {
        host: env.HOST,
        port: env.PORT,
        publicUrl: env.PUBLIC_URL ?? `${scheme}://localhost:${env.PORT}`,
        tls,
        shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
        maxJsonBody: env.MAX_JSON_BODY,
      },
      mongo: {
        uri: env.MONGODB_URI,
        dbName: env.MONGODB_DB_NAME,
        connectTimeoutMs: env.MONGODB_CONNECT_TIMEOUT_MS,
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
  for (const name of ['PUBLIC_URL']) if (input[name] === '') delete input[name];
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
