import express, { Router, type Request, type Response } from 'express';
import type { EmulatorState } from '../state';
import {
  addPassword,
  createServicePrincipal,
  getApplication,
  getServicePrincipal,
  listApplications,
  updateApplication,
} from './applications';
import { authenticate } from './auth';
import { batch } from './batch';
import { messagesDelta } from './delta';
import { getOrganization, getUser, listUsers } from './directory';
import { getMailFolder, getMessage, listMailFolders, listMessages, MAIL_READ, sendMail } from './mail';
import { normaliseQueryOptions } from './odata';
import { checkPlantedFailure, mailAccessDenied, userNotFound } from './planted';
import { listRoleAssignments } from './role-management';
import {
  createSubscription,
  deleteSubscription,
  getSubscription,
  listSubscriptions,
  reauthorizeSubscription,
  updateSubscription,
} from './subscriptions';
import { admit, injectFaults } from './throttle';
import {
  errorResponse,
  GraphError,
  newRequestIds,
  requirePermission,
  type GraphRequest,
  type GraphResponse,
  type Principal,
  type RouteContext,
} from './http';

/** Routes Graph requests (top-level or from $batch) through auth, throttling and handlers. */

interface Route {
  method: string;
  pattern: RegExp;
  handler: (ctx: RouteContext) => GraphResponse | Promise<GraphResponse>;
  /** `directory`: the first capture is a user; `mailbox`: also an Exchange call (throttled). */
  user?: 'directory' | 'mailbox';
  permission?: { roles: string[]; scopes: string[] };
}

const USERS = '/users/([^/]+)';
const FOLDER = `${USERS}/mailfolders/([^/]+)`;
/** `/applications/{id}`, `/applications(appId='…')`, `/applications(uniqueName='…')`. */
const APPLICATION = /^\/applications(\((?:appId|uniqueName)='[^']*'\)|\/[^/()]+)$/i;
const mail = { user: 'mailbox' as const, permission: MAIL_READ };
const send = { user: 'mailbox' as const, permission: { roles: ['Mail.Send'], scopes: ['Mail.Send'] } };

const ROUTES: Route[] = [
  { method: 'GET', pattern: /^\/users$/i, handler: listUsers },
  { method: 'GET', pattern: new RegExp(`^${USERS}$`, 'i'), handler: getUser, user: 'directory' },
  { method: 'GET', pattern: /^\/organization$/i, handler: getOrganization },
  {
    method: 'GET',
    pattern: /^\/roleManagement\/directory\/roleAssignments$/i,
    handler: listRoleAssignments,
  },
  { method: 'GET', pattern: new RegExp(`^${USERS}/mailfolders$`, 'i'), handler: listMailFolders, ...mail },
  { method: 'GET', pattern: new RegExp(`^${FOLDER}$`, 'i'), handler: getMailFolder, ...mail },
  {
    method: 'GET',
    pattern: new RegExp(`^${FOLDER}/messages/delta(?:\\(\\))?$`, 'i'),
    handler: messagesDelta,
    ...mail,
  },
  { method: 'GET', pattern: new RegExp(`^${FOLDER}/messages$`, 'i'), handler: listMessages, ...mail },
  { method: 'GET', pattern: new RegExp(`^${FOLDER}/messages/([^/]+)$`, 'i'), handler: getMessage, ...mail },
  { method: 'GET', pattern: new RegExp(`^${USERS}/messages$`, 'i'), handler: listMessages, ...mail },
  { method: 'GET', pattern: new RegExp(`^${USERS}/messages/([^/]+)$`, 'i'), handler: getMessage, ...mail },
  { method: 'POST', pattern: new RegExp(`^${USERS}/sendmail$`, 'i'), handler: sendMail, ...send },
  { method: 'GET', pattern: /^\/subscriptions$/i, handler: listSubscriptions },
  { method: 'POST', pattern: /^\/subscriptions$/i, handler: createSubscription },
  { method: 'GET', pattern: /^\/subscriptions\/([^/]+)$/i, handler: getSubscription },
  { method: 'PATCH', pattern: /^\/subscriptions\/([^/]+)$/i, handler: updateSubscription },
  { method: 'DELETE', pattern: /^\/subscriptions\/([^/]+)$/i, handler: deleteSubscription },
  { method: 'POST', pattern: /^\/subscriptions\/([^/]+)\/reauthorize$/i, handler: reauthorizeSubscription },
  { method: 'GET', pattern: /^\/applications$/i, handler: listApplications },
  { method: 'GET', pattern: APPLICATION, handler: getApplication },
  { method: 'PATCH', pattern: APPLICATION, handler: updateApplication },
  {
    method: 'POST',
    pattern: /^\/applications(\((?:appId|uniqueName)='[^']*'\)|\/[^/()]+)\/addPassword$/i,
    handler: addPassword,
  },
  { method: 'GET', pattern: /^\/servicePrincipals(\(appId='[^']*'\))$/i, handler: getServicePrincipal },
  { method: 'POST', pattern: /^\/servicePrincipals$/i, handler: createServicePrincipal },
  { method: 'POST', pattern: /^\/\$batch$/i, handler: (ctx) => batch(ctx, dispatch) },
];

/** `users('x')` → `users/x`, `/me/…` → `/users/{oid}/…`, no trailing slash. */
function normalisePath(path: string, principal: Principal): string {
  let p = path
    .replace(/%27/gi, "'")
    .replace(/\/+$/, '')
    .replace(/\('([^']*)'\)/g, (_, v: string) => `/${encodeURIComponent(decodeURIComponent(v))}`);
  if (/^\/me(\/|$)/i.test(p)) {
    if (!principal.userId)
      throw new GraphError(
        400,
        'BadRequest',
        '/me request is only valid with delegated authentication flow.',
      );
    p = `/users/${principal.userId}${p.slice(3)}`;
  }
  return p;
}

function resolveUser(state: EmulatorState, principal: Principal, raw: string, route: Route) {
  const id = decodeURIComponent(raw);
  const user = state.world.user(id);
  if (!user || user.tenantId !== principal.tenantId) {
    if (route.user === 'mailbox')
      throw new GraphError(404, 'ErrorInvalidUser', `The requested user '${id}' is invalid.`);
    throw userNotFound(id);
  }
  if (state.deletedUsers.has(user.id)) throw userNotFound(id);
  if (route.user === 'mailbox' && principal.userId && principal.userId !== user.id) throw mailAccessDenied();
  return user;
}

/**
 * Directory routes answer a missing permission as Entra does (Authorization_RequestDenied);
 * mailbox routes as Exchange Online does: 403 ErrorAccessDenied "Access is denied. Check
 * credentials and try again." — what an app whose Mail.Read was never granted or was revoked sees.
 */
function checkPermission(principal: Principal, route: Route): void {
  try {
    requirePermission(principal, route.permission!.roles, route.permission!.scopes);
  } catch (err) {
    if (route.user === 'mailbox') throw mailAccessDenied();
    throw err;
  }
}

export async function dispatch(state: EmulatorState, req: GraphRequest): Promise<GraphResponse> {
  try {
    const principal = await authenticate(state, req.headers.authorization);
    const path = normalisePath(req.path, principal);
    const candidates = ROUTES.filter((r) => r.pattern.test(path));
    const route = candidates.find((r) => r.method === req.method);
    if (!route) {
      if (candidates.length > 0)
        throw new GraphError(405, 'Request_BadRequest', `The method '${req.method}' is not allowed.`);
      const segment = path.split('/').filter(Boolean).pop() ?? '';
      throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
    }
    const params = route.pattern
      .exec(path)!
      .slice(1)
      .map((p) => decodeURIComponent(p));
    if (route.permission) checkPermission(principal, route);
    const query = normaliseQueryOptions(req.query);
    const ctx = { state, req: { ...req, path, query }, principal, params } as RouteContext;
    if (!route.user) {
      if ((await injectFaults(state, principal.appId, undefined)) === 'drop')
        return { status: 0, drop: true };
      return await route.handler(ctx);
    }
    ctx.user = resolveUser(state, principal, params[0]!, route);
    if (route.user === 'directory') return await route.handler(ctx);
    const release = admit(state, principal.appId, ctx.user.id);
    try {
      if ((await injectFaults(state, principal.appId, ctx.user.id)) === 'drop')
        return { status: 0, drop: true };
      checkPlantedFailure(state, ctx.user);
      return await route.handler(ctx);
    } finally {
      release();
    }
  } catch (err) {
    if (err instanceof GraphError) return errorResponse(req, err);
    console.error('emulator: unexpected Graph error', err);
    return errorResponse(req, new GraphError(500, 'InternalServerError', 'An unexpected error occurred.'));
  }
}

export function graphHeaders(
  req: Pick<GraphRequest, 'requestId' | 'clientRequestId'>,
): Record<string, string> {
  return {
    'request-id': req.requestId,
    'client-request-id': req.clientRequestId,
    'x-ms-ags-diagnostic': JSON.stringify({
      ServerInfo: { DataCenter: 'Emulator', Slice: 'E', Ring: '0', ScaleUnit: '000', RoleInstance: 'EMU' },
    }),
    'OData-Version': '4.0',
  };
}

export function graphRoutes(state: EmulatorState): Router {
  const router = Router();
  router.use((req, res, next) => {
    res.set('Access-Control-Allow-Origin', req.get('origin') ?? '*');
    res.set('Access-Control-Allow-Headers', req.get('access-control-request-headers') ?? '*');
    res.set('Access-Control-Allow-Methods', 'GET, POST, PATCH, DELETE, OPTIONS');
    res.set('Access-Control-Expose-Headers', '*');
    if (req.method === 'OPTIONS') return res.status(204).end();
    next();
  });
  router.use(express.json({ limit: '4mb' }));
  router.use(async (req: Request, res: Response) => {
    const ids = newRequestIds(req.get('client-request-id'));
    const graphReq: GraphRequest = {
      method: req.method,
      path: req.path,
      query: new URL(req.originalUrl, 'https://x').searchParams,
      headers: Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
      ),
      body: req.body,
      ...ids,
    };
    const response = await dispatch(state, graphReq);
    if (response.drop) return req.socket.destroy();
    res.status(response.status).set({ ...graphHeaders(ids), ...response.headers });
    if (response.body === undefined) return res.end();
    res.type(
      'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
    );
    res.send(JSON.stringify(response.body));
  });
  return router;
}

/** Bad JSON bodies get Graph's error instead of Express's HTML page. */
export function graphBodyErrors(
  err: unknown,
  req: Request,
  res: Response,
  next: (err?: unknown) => void,
): void {
  if (!req.originalUrl.startsWith('/v1.0') || (err as { type?: string })?.type !== 'entity.parse.failed')
    return next(err);
  const ids = newRequestIds(req.get('client-request-id'));
  const response = errorResponse(
    ids,
    new GraphError(
      400,
      'BadRequest',
      'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
    ),
  );
  res.status(400).set(graphHeaders(ids)).json(response.body);
}
