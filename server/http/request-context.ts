import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../log';
import { httpRequestDuration } from '../observability/metrics';
import { captureRoutePattern, routePatternOf } from '../observability/route-pattern';

declare module 'express-serve-static-core' {
  interface Request {
    log: Logger;
  }
}

const acceptableRequestId = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Gives every request an id (the caller's `x-request-id` when it is sane, else a new one),
 * echoes it in the response, logs one line per request and times it for /metrics. Both name the
 * route pattern, never the path or the query: those carry email addresses.
 */
export function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && acceptableRequestId.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    req.log = logger.child({ requestId });
    captureRoutePattern(req, res);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routePatternOf(req, res);
      httpRequestDuration.observe({ method: req.method, route, status: res.statusCode }, seconds);
      req.log.info(
        { method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 10_000) / 10 },
        'request',
      );
    });
    next();
  };
}
