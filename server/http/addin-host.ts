import path from 'node:path';
import express, { Router } from 'express';
import type { Config } from '../config';
import { projectRoot } from '../paths';
import { notFound } from './errors';

/**
 * Serves the built Outlook add-in (dist/addin) under /addin/ and its public sign-in settings.
 *
 * Outlook on the web frames the task pane, so these pages get their own CSP instead of helmet's
 * defaults (`X-Frame-Options: SAMEORIGIN`, `frame-ancestors 'self'` would blank the pane there).
 * The API keeps the strict defaults.
 */

export const addinDir = path.join(projectRoot, 'dist', 'addin');

/** Icons live as long as their URL: Office replaces an icon by a generic one if it carries Cache-Control. */
const iconLifetimeMs = 365 * 24 * 3600_000;

/** Where Outlook (web, new Windows client, Microsoft 365 app) frames add-in pages from. */
export const officeFrameAncestors = [
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.office.net',
  'https://*.outlook.com',
  'https://outlook.cloud.microsoft',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.live.com',
];

export function addinCsp(config: Config): string {
  // The dev host frames the panes from our own origin ('self'); the sign-in authority is reached by
  // fetch (discovery, token endpoint), Graph by the dev host (the signed-in user's own mail).
  const authority = new URL(config.microsoft.authorityHost).origin;
  const graph = new URL(config.microsoft.graphBaseUrl).origin;
  return [
    "default-src 'self'",
    "script-src 'self' https://appsforoffice.microsoft.com",
    "style-src 'self' 'unsafe-inline'", // Fluent UI (Griffel) inserts style rules at run time
    "img-src 'self' data:",
    "font-src 'self' data: https://res-1.cdn.office.net https://static2.sharepointonline.com",
    `connect-src 'self' ${authority} ${graph} https://appsforoffice.microsoft.com`,
    `frame-src 'self' ${authority} https://appsforoffice.microsoft.com`,
    `frame-ancestors 'self' ${officeFrameAncestors.join(' ')}`,
    "base-uri 'none'",
    `form-action 'self' ${authority}`,
    "object-src 'none'",
  ].join('; ');
}

/** The public sign-in settings the add-in reads at start (nothing secret). */
export function addinPublicConfig(config: Config) {
  const { authorityHost, clientId, graphBaseUrl } = config.microsoft;
  return {
    clientId,
    authority: `${authorityHost}/organizations`,
    knownAuthorities: [new URL(authorityHost).host],
    apiScope: `api://${clientId}/access_as_user`,
    // Only the dev host uses it, to list the signed-in user's own mail.
    graphBaseUrl,
  };
}

export function addinRoutes(config: Config): Router {
  const router = Router();
  const csp = addinCsp(config);
  const publicConfig = addinPublicConfig(config);

  router.use('/addin', (_req, res, next) => {
    res.removeHeader('X-Frame-Options');
    res.setHeader('Content-Security-Policy', csp);
    // MSAL's redirect bridge needs the opener relationship: no COOP on these pages.
    res.removeHeader('Cross-Origin-Opener-Policy');
    next();
  });

  router.get('/addin/config.json', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.json(publicConfig);
  });

  // Source maps stay with the build for decoding error reports; the public gets none.
  router.use('/addin', (req, _res, next) => {
    next(req.path.endsWith('.map') ? notFound('not_found', `No such file: ${req.path}`) : undefined);
  });

  router.use(
    '/addin',
    express.static(addinDir, {
      index: false,
      fallthrough: true,
      cacheControl: false,
      setHeaders(res, file) {
        // Office caches icons itself and must not be told otherwise (Microsoft's manifest reference,
        // <Image> element): no Cache-Control at all, only a far expiry; a new icon gets a new URL.
        if (/[\\/]assets[\\/]icon-\d+\.png$/.test(file)) {
          res.setHeader('Expires', new Date(Date.now() + iconLifetimeMs).toUTCString());
          return;
        }
        // Hashed bundles never change; pages and the manifest must be re-read after a deployment.
        const immutable = /\.[0-9a-f]{8,}\.(js|css)$/.test(file);
        res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  return router;
}
