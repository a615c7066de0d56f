import { z } from 'zod';

/**
 * Settings for running the service in production: request rate limits, the mail transport,
 * the management port (health and metrics), audit retention, and the guard that keeps Microsoft
 * 365 traffic on Microsoft's clouds. Part of the one configuration read in config.ts.
 */

const count = z.coerce
  .number({ error: 'must be a whole number (0 switches the limit off)' })
  .int('must be a whole number (0 switches the limit off)')
  .min(0, 'must not be negative');

const port = z.coerce
  .number({ error: 'must be a port number between 1 and 65535' })
  .int('must be a port number between 1 and 65535')
  .min(1, 'must be a port number between 1 and 65535')
  .max(65535, 'must be a port number between 1 and 65535');

export const operationsVariables = {
  // Which proxies in front of the API may name the client's address (X-Forwarded-For), as
  // Express's "trust proxy": a number of hops, or addresses/subnets. Empty: none.
  TRUST_PROXY: z
    .string()
    .default('')
    .refine((v) => v.trim().toLowerCase() !== 'true', {
      error:
        'must name the number of proxies or their addresses, not "true" (anyone could pick their own address)',
    }),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .default(60),
  RATE_LIMIT_API_PER_USER: count.default(600),
  // Searches are counted apart as well: as-you-type asks once per pause, but a script walking
  // prefixes could list the organisation's whole address book.
  RATE_LIMIT_SEARCH_PER_USER: count.default(120),
  RATE_LIMIT_API_PER_IP: count.default(3000),
  RATE_LIMIT_CONSENT_PER_IP: count.default(60),
  RATE_LIMIT_WEBHOOK_PER_IP: count.default(6000),

  SMTP_URL: z
    .string()
    .regex(
      /^smtps?:\/\/[^\s]+$/,
      'must be an smtp:// or smtps:// URL such as smtps://user:password@smtp.example.com:465',
    )
    .optional(),
  SMTP_FROM: z.string().min(3).max(300).optional(),

  MANAGEMENT_PORT: port.optional(),
  AUDIT_RETENTION_DAYS: z.coerce
    .number({ error: 'must be a whole number of days (0 keeps entries forever)' })
    .int('must be a whole number of days (0 keeps entries forever)')
    .min(0, 'must not be negative')
    .default(730),
  ALLOW_CUSTOM_MICROSOFT_ENDPOINTS: z.enum(['on', 'off'], { error: 'must be on or off' }).default('off'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
};

type OperationsInput = z.output<z.ZodObject<typeof operationsVariables>>;

/** Variables where an empty value in .env means "not set". */
export const optionalOperationsVariables = [
  'SMTP_URL',
  'SMTP_FROM',
  'MANAGEMENT_PORT',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
];

function trustProxy(value: string): number | string[] | false {
  const v = value.trim();
  if (v === '' || v.toLowerCase() === 'false') return false;
  if (/^\d+$/.test(v)) return Number(v);
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function operationsSettings(env: OperationsInput, publicUrl: string) {
  const windowMs = env.RATE_LIMIT_WINDOW_SECONDS * 1000;
  return {
    trustProxy: trustProxy(env.TRUST_PROXY),
    rateLimits: {
      windowMs,
      apiPerUser: env.RATE_LIMIT_API_PER_USER,
      searchPerUser: env.RATE_LIMIT_SEARCH_PER_USER,
      apiPerIp: env.RATE_LIMIT_API_PER_IP,
      consentPerIp: env.RATE_LIMIT_CONSENT_PER_IP,
      webhookPerIp: env.RATE_LIMIT_WEBHOOK_PER_IP,
    },
    /** The service's own mail transport; null when SMTP_URL is not set (nothing is sent, and it says so). */
    mail: env.SMTP_URL
      ? {
          url: env.SMTP_URL,
          from: env.SMTP_FROM ?? `Smart Activity Management <no-reply@${new URL(publicUrl).hostname}>`,
        }
      : null,
    managementPort: env.MANAGEMENT_PORT ?? null,
    auditRetentionMs: env.AUDIT_RETENTION_DAYS > 0 ? env.AUDIT_RETENTION_DAYS * 24 * 3600_000 : null,
    tracing: env.OTEL_EXPORTER_OTLP_ENDPOINT ? { endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT } : null,
  };
}
