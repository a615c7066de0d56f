import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Db } from 'mongodb';
import type { Config } from '../config';
import type { Logger } from '../log';
import { rateLimited } from '../observability/metrics';
import { MongoRateLimitStore } from './rate-limit-store';

type Limit = 'api_ip' | 'api_user' | 'search_user' | 'consent_ip' | 'webhook_ip';

const messages: Record<Limit, string> = {
  api_ip: 'Too many requests from your network. Wait a moment and try again.',
  api_user: 'Too many requests from your account. Wait a moment and try again.',
  search_user: 'Too many searches from your account. Wait a moment and try again.',
  consent_ip: 'Too many sign-in and consent requests from your network. Wait a moment and try again.',
  webhook_ip: 'Too many notifications from this address.',
};

const passThrough: RequestHandler = (_req, _res, next) => next();

/**
 * Request rate limits, counted in the database so they hold across every API instance: per IP
 * address before authentication (so floods cost no token validation), per user after it, and
 * separately for the consent round trip and Graph's webhooks. A refused request gets 429 with
 * Retry-After and the API's error body. If the database cannot count, requests pass: the route
 * itself then fails on the same database, with its own error.
 */
export function rateLimits(db: Db, config: Config, log: Logger) {
  const { windowMs, apiPerIp, apiPerUser, searchPerUser, consentPerIp, webhookPerIp } = config.rateLimits;

  const limiter = (limit: Limit, max: number, key: (req: Parameters<RequestHandler>[0]) => string) =>
    max <= 0
      ? passThrough
      : rateLimit({
          windowMs,
          limit: max,
          store: new MongoRateLimitStore(db, limit),
          keyGenerator: (req) => key(req),
          standardHeaders: 'draft-7',
          legacyHeaders: false,
          passOnStoreError: true,
          // Our key generators handle IPv6 themselves and the proxy setting is validated at start.
          validate: { trustProxy: false, xForwardedForHeader: false, keyGeneratorIpFallback: false },
          logger: {
            error: (err, message) => log.error({ err, limit }, message ?? 'rate limit store failed'),
            warn: (err, message) => log.warn({ err, limit }, message ?? 'rate limit warning'),
          },
          handler: (req, res, _next, options) => {
            rateLimited.inc({ limit });
            const info = (req as unknown as { rateLimit?: { resetTime?: Date } }).rateLimit;
            const seconds = info?.resetTime
              ? Math.max(1, Math.ceil((info.resetTime.getTime() - Date.now()) / 1000))
              : Math.ceil(options.windowMs / 1000);
            res.setHeader('Retry-After', String(seconds));
            res.status(429).json({
              error: { code: 'rate_limited', message: messages[limit], requestId: res.locals.requestId },
            });
          },
        });

  const byAddress = (req: Parameters<RequestHandler>[0]) => ipKeyGenerator(req.ip ?? 'unknown');
  const byUser = (req: Parameters<RequestHandler>[0]) =>
    req.principal ? `${req.principal.tenantId}/${req.principal.userId}` : byAddress(req);
  return {
    apiByAddress: limiter('api_ip', apiPerIp, byAddress),
    /** After authentication: the user is the one the validated token names. */
    apiByUser: limiter('api_user', apiPerUser, byUser),
    /** Relationship search, on top of the API's limit: bounds walking the address book prefix by prefix. */
    searchByUser: limiter('search_user', searchPerUser, byUser),
    consent: limiter('consent_ip', consentPerIp, byAddress),
    webhooks: limiter('webhook_ip', webhookPerIp, byAddress),
  };
}
