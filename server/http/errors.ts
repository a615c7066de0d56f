import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';

/**
 * The one error type of the API. `code` is stable and machine-readable; `message` is for people.
 * Every failure reaches the client as `{error:{code,message}}`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (code: string, message: string) => new ApiError(400, code, message);
export const notFound = (code: string, message: string) => new ApiError(404, code, message);
export const forbidden = (code: string, message: string) => new ApiError(403, code, message);
export const conflict = (code: string, message: string) => new ApiError(409, code, message);

/** Parses request input with a zod schema, turning the first problem into a 400 with a readable message. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, what = 'request'): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw badRequest('invalid_request', `Invalid ${what}: ${where}${issue.message}`);
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new ApiError(404, 'not_found', `No such endpoint: ${req.method} ${req.path}`));
};

/** body-parser signals its failures with `type`; map the ones a client can cause. */
const bodyParserErrors: Record<string, [number, string, string]> = {
  'entity.too.large': [413, 'payload_too_large', 'The request body is too large.'],
  'entity.parse.failed': [400, 'invalid_json', 'The request body is not valid JSON.'],
  'encoding.unsupported': [415, 'unsupported_encoding', 'The request body encoding is not supported.'],
  'charset.unsupported': [415, 'unsupported_charset', 'The request body charset is not supported.'],
  'request.aborted': [400, 'request_aborted', 'The request was aborted.'],
};

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  let status = 500;
  let code = 'internal_error';
  let message = 'Something went wrong on our side. The request id identifies it in our logs.';
  if (err instanceof ApiError) {
    ({ status, code, message } = err);
  } else if (typeof err?.type === 'string' && bodyParserErrors[err.type]) {
    [status, code, message] = bodyParserErrors[err.type]!;
  } else {
    req.log.error({ err }, 'unhandled error');
  }
  if (res.headersSent) return res.end();
  res.status(status).json({ error: { code, message, requestId: res.locals.requestId } });
};
