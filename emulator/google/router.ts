import { randomBytes } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import type { EmulatorState } from '../state';
import { directoryRoutes } from './directory';
import { GoogleApiError, notFound, sendGoogleError } from './errors';
import { gmailCall, gmailCallOf, type GmailAnswer } from './gmail';
import { oauthRoutes } from './oauth';

/**
 * Google's side of the emulator: OAuth 2.0 and OpenID Connect under /google, and the APIs at the
 * paths Google serves them under its API root — the Admin SDK Directory API (/admin/directory/v1),
 * the Gmail API (/gmail/v1) and Gmail's batch endpoint (/batch/gmail/v1). The client libraries
 * take an API root that is an origin (their `rootUrl` replaces the whole path), so the APIs sit at
 * the emulator's root. Clients reach it by configuration: token URL, accounts URL, certificates
 * URL and API root URL.
 */

/** Gmail's batch endpoint takes at most 100 calls (Gmail API guide "Batching requests"). */
const maxBatchCalls = 100;

const reasons: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function queryOf(search: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of search) {
    const current = query[name];
    query[name] =
      current === undefined ? value : Array.isArray(current) ? [...current, value] : [current, value];
  }
  return query;
}

function send(res: Response, answer: GmailAnswer): void {
  if (answer.drop) {
    res.socket?.destroy();
    return;
  }
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
  res.status(answer.status).json(answer.body);
}

export function googleRoutes(state: EmulatorState): Router {
  const router = Router();
  router.use('/google', oauthRoutes(state));
  router.use(directoryRoutes(state));

  router.get(/^\/gmail\/v1\/.+/, async (req, res) => {
    const url = new URL(req.originalUrl, 'https://emulator.invalid');
    const call = gmailCallOf(req.path, queryOf(url.searchParams), req.headers.authorization);
    if (!call) return sendGoogleError(res, notFound());
    send(res, await gmailCall(state, call));
  });

  router.post(
    '/batch/gmail/v1',
    express.text({ type: () => true, limit: '1mb' }),
    async (req: Request, res) => {
      const boundary = /boundary="?([^";]{1,200})"?/.exec(req.headers['content-type'] ?? '')?.[1];
      if (!boundary || typeof req.body !== 'string')
        return sendGoogleError(res, new GoogleApiError(400, 'badRequest', 'Invalid multipart request'));
      const parts = parseParts(req.body, boundary);
      if (parts.length > maxBatchCalls)
        return sendGoogleError(
          res,
          new GoogleApiError(400, 'badRequest', `A batch may hold at most ${maxBatchCalls} calls.`),
        );
      const answers = await Promise.all(
        parts.map(async (part) => {
          const url = new URL(part.path, 'https://emulator.invalid');
          const call = gmailCallOf(
            url.pathname,
            queryOf(url.searchParams),
            part.authorization ?? req.headers.authorization,
          );
          if (!call || part.method !== 'GET') return { status: 404, body: notFound().body } as GmailAnswer;
          return gmailCall(state, call);
        }),
      );
      if (answers.some((a) => a.drop)) return void res.socket?.destroy();
      const out = `batch_${randomBytes(9).toString('base64url')}`;
      const body =
        answers
          .map((a, i) => {
            const json = JSON.stringify(a.body);
            const extra = Object.entries(a.headers ?? {})
              .map(([k, v]) => `${k}: ${v}\r\n`)
              .join('');
            return (
              `--${out}\r\nContent-Type: application/http\r\nContent-ID: <response-${parts[i]!.contentId}>\r\n\r\n` +
              `HTTP/1.1 ${a.status} ${reasons[a.status] ?? ''}\r\nContent-Type: application/json; charset=UTF-8\r\n${extra}\r\n${json}\r\n`
            );
          })
          .join('') + `--${out}--\r\n`;
      res.status(200).type(`multipart/mixed; boundary=${out}`).send(body);
    },
  );
  return router;
}

interface BatchPart {
  contentId: string;
  method: string;
  path: string;
  authorization: string | null;
}

function parseParts(text: string, boundary: string): BatchPart[] {
  const parts: BatchPart[] = [];
  for (const raw of text.split(`--${boundary}`)) {
    const part = raw.replace(/^\r?\n/, '');
    if (part.trim() === '' || part.startsWith('--')) continue;
    const lines = part.split(/\r?\n/);
    const blank = lines.indexOf('');
    const outer = lines.slice(0, blank);
    const contentId =
      outer
        .find((l) => l.toLowerCase().startsWith('content-id:'))
        ?.slice(11)
        .trim()
        .replace(/^<|>$/g, '') ?? String(parts.length);
    const [method = '', path = ''] = (lines[blank + 1] ?? '').split(' ');
    const innerHeaders = lines.slice(
      blank + 2,
      lines.indexOf('', blank + 2) >= 0 ? lines.indexOf('', blank + 2) : undefined,
    );
    const auth = innerHeaders.find((l) => l.toLowerCase().startsWith('authorization:'));
    parts.push({ contentId, method, path, authorization: auth ? auth.slice(14).trim() : null });
  }
  return parts;
}
