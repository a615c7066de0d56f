import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../log';

declare module 'express-serve-static-core' {
  interface Request {
    log: Logger;
  }
}

const acceptableRequestId = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Gives every request an id (the caller's `x-request-id` when it is sane, else a new one),
 * echoes it in the response, and logs one line per request. Query strings are not logged:
 * they carry email addresses.
 */
export function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && acceptableRequestId.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    req.log = logger.child({ requestId });
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      req.log.info(
        { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 },
        'request',
      );
    });
    next();
  };
}
