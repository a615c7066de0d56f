import type { RequestHandler } from 'express';
import { badRequest } from './errors';

/**
 * Refuses any JSON key or query parameter name that MongoDB could read as an operator or a path
 * (`$gt`, `a.b`), at any depth, before a route sees it. Routes validate values with zod as well;
 * this is the second lock on the door.
 */
export const rejectOperators: RequestHandler = (req, _res, next) => {
  const bad = findOperatorKey(req.body) ?? findOperatorKey(req.query);
  if (bad !== undefined) {
    return next(
      badRequest(
        'operator_not_allowed',
        `Field names may not start with "$" or contain ".": ${JSON.stringify(bad)}`,
      ),
    );
  }
  next();
};

function findOperatorKey(value: unknown, depth = 0): string | undefined {
  if (depth > 32) return '(nested too deeply)';
  if (Array.isArray(value)) {
    for (const item of value) {
      const bad = findOperatorKey(item, depth + 1);
      if (bad !== undefined) return bad;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.startsWith('$') || key.includes('.') || key.includes('[')) return key;
      const bad = findOperatorKey(item, depth + 1);
      if (bad !== undefined) return bad;
    }
  }
  return undefined;
}
