import type { Request, Response } from 'express';

/**
 * The route pattern a request matched (`/api/contacts/:email/contact-points`), never its path: a
 * path carries email addresses and ids. Recorded when the router picks the route, because by the
 * time the response is finished an error may have unwound the routers and their base URLs.
 */
export function captureRoutePattern(req: Request, res: Response): void {
  let route: unknown = undefined;
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => route,
    set(value: { path?: unknown } | undefined) {
      route = value;
      if (value && typeof value.path === 'string') res.locals.routePattern = `${req.baseUrl}${value.path}`;
    },
  });
}

/** Parts of the service by first path segment, for requests no route answered (static files, 404s, limits). */
const areas = new Set(['api', 'addin', 'auth', 'webhooks']);

export function routePatternOf(req: Request, res: Response): string {
  const pattern = res.locals.routePattern as string | undefined;
  if (pattern) return pattern;
  const first = req.originalUrl.split(/[/?#]/, 2)[1] ?? '';
  return areas.has(first) ? `/${first}/*` : '(unmatched)';
}
