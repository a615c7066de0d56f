import { randomUUID } from 'node:crypto';
import type { Subscription as GraphSubscription } from '@microsoft/microsoft-graph-types';
import type { EmulatorState, Subscription } from '../state';
import { servicePrincipalId } from '../entra/tokens';
import { MAIL_READ } from './mail';
import { validateEndpoint } from './notifications';
import { checkPlantedFailure, userNotFound } from './planted';
import { GraphError, odataContext, requirePermission, type GraphResponse, type RouteContext } from './http';

/** POST/GET/PATCH/DELETE /subscriptions for Outlook messages, with the validation handshake. */

/** Outlook message subscriptions may last up to 10,080 minutes (under 7 days). */
const MAX_MINUTES = 10080;

const RESOURCE = /^\/?(?:users\/([^/]+)|me)\/(?:messages|mailfolders\/([^/]+)\/messages)$/i;

function subscriptionJson(
  state: EmulatorState,
  sub: Subscription,
): GraphSubscription & Record<string, unknown> {
  return {
    id: sub.id,
    resource: sub.resource,
    applicationId: sub.applicationId,
    changeType: sub.changeType,
    clientState: sub.clientState ?? null,
    notificationUrl: sub.notificationUrl,
    notificationQueryOptions: null,
    lifecycleNotificationUrl: sub.lifecycleNotificationUrl ?? null,
    expirationDateTime: sub.expirationDateTime,
    creatorId: sub.creatorId,
    includeResourceData: false,
    latestSupportedTlsVersion: sub.latestSupportedTlsVersion,
    encryptionCertificate: null,
    encryptionCertificateId: null,
    notificationUrlAppId: null,
  };
}

function checkExpiration(value: unknown): string {
  const at = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(at)) throw new GraphError(400, 'BadRequest', "Invalid value for 'expirationDateTime'.");
  if (at <= Date.now()) {
    throw new GraphError(
      400,
      'ExtensionError',
      'Operation: Create; Exception: [Status Code: BadRequest; Reason: Subscription expiration can only be in the future.]',
    );
  }
  if (at > Date.now() + MAX_MINUTES * 60_000) {
    throw new GraphError(
      400,
      'ExtensionError',
      `Operation: Create; Exception: [Status Code: BadRequest; Reason: Subscription expiration can only be ${MAX_MINUTES} minutes in the future.]`,
    );
  }
  return new Date(at).toISOString().replace(/\.(\d{3})Z$/, '.$1Z');
}

function checkUrl(name: string, value: unknown): string {
  if (typeof value !== 'string' || !/^https:\/\//i.test(value)) {
    throw new GraphError(
      400,
      'ValidationError',
      `Subscription validation request failed. '${name}' must be an HTTPS URL.`,
    );
  }
  return value;
}

export async function createSubscription(ctx: RouteContext): Promise<GraphResponse> {
  const { state, principal } = ctx;
  requirePermission(principal, MAIL_READ.roles, MAIL_READ.scopes);
  const body = (ctx.req.body ?? {}) as Record<string, unknown>;
  for (const field of ['changeType', 'notificationUrl', 'resource', 'expirationDateTime']) {
    if (body[field] === undefined || body[field] === null || body[field] === '') {
      throw new GraphError(400, 'InvalidRequest', `Property '${field}' is required.`);
    }
  }
  const resource = String(body.resource).replace(/\(\s*'?([^')]+)'?\s*\)/g, '/$1');
  const match = RESOURCE.exec(resource);
  if (!match)
    throw new GraphError(400, 'InvalidRequest', `Resource '${String(body.resource)}' is not supported.`);
  const userKey = match[1] ? decodeURIComponent(match[1]) : principal.userId;
  if (!userKey)
    throw new GraphError(400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
  const user = state.world.user(userKey);
  if (!user || user.tenantId !== principal.tenantId) {
    throw new GraphError(404, 'ErrorInvalidUser', `The requested user '${userKey}' is invalid.`);
  }
  if (state.deletedUsers.has(user.id)) throw userNotFound(user.id);
  checkPlantedFailure(state, user);
  const folderName = match[2]?.toLowerCase();
  if (folderName && folderName !== 'inbox') {
    throw new GraphError(400, 'InvalidRequest', `Resource '${String(body.resource)}' is not supported.`);
  }
  const changeType = String(body.changeType);
  if (!changeType.split(',').every((c) => ['created', 'updated', 'deleted'].includes(c.trim()))) {
    throw new GraphError(400, 'InvalidRequest', `Invalid changeType '${changeType}'.`);
  }
  if (typeof body.clientState === 'string' && body.clientState.length > 128) {
    throw new GraphError(400, 'InvalidRequest', 'clientState must be at most 128 characters.');
  }
  const expirationDateTime = checkExpiration(body.expirationDateTime);
  const notificationUrl = checkUrl('notificationUrl', body.notificationUrl);
  const lifecycleNotificationUrl =
    body.lifecycleNotificationUrl === undefined
      ? undefined
      : checkUrl('lifecycleNotificationUrl', body.lifecycleNotificationUrl);
  await validateEndpoint(state, notificationUrl);
  if (lifecycleNotificationUrl) await validateEndpoint(state, lifecycleNotificationUrl);
  const sub: Subscription = {
    id: randomUUID(),
    tenantId: principal.tenantId,
    applicationId: principal.appId,
    creatorId: principal.userId ?? servicePrincipalId(principal.tenantId, principal.appId),
    resource: String(body.resource),
    userId: user.id,
    folder: folderName ? 'inbox' : null,
    changeType,
    clientState: typeof body.clientState === 'string' ? body.clientState : undefined,
    notificationUrl,
    lifecycleNotificationUrl,
    expirationDateTime,
    latestSupportedTlsVersion:
      typeof body.latestSupportedTlsVersion === 'string' ? body.latestSupportedTlsVersion : 'v1_2',
    deliveries: [],
  };
  state.subscriptions.set(sub.id, sub);
  return {
    status: 201,
    body: { '@odata.context': odataContext(state, 'subscriptions/$entity'), ...subscriptionJson(state, sub) },
  };
}

function own(ctx: RouteContext): Subscription {
  const sub = ctx.state.subscriptions.get(ctx.params[0]!);
  if (!sub || sub.applicationId !== ctx.principal.appId || sub.tenantId !== ctx.principal.tenantId) {
    throw new GraphError(404, 'ResourceNotFound', 'The object was not found.');
  }
  return sub;
}

export function listSubscriptions(ctx: RouteContext): GraphResponse {
  const value = [...ctx.state.subscriptions.values()]
    .filter((s) => s.applicationId === ctx.principal.appId && s.tenantId === ctx.principal.tenantId)
    .filter((s) => Date.parse(s.expirationDateTime) > Date.now())
    .map((s) => subscriptionJson(ctx.state, s));
  return { status: 200, body: { '@odata.context': odataContext(ctx.state, 'subscriptions'), value } };
}

export function getSubscription(ctx: RouteContext): GraphResponse {
  return {
    status: 200,
    body: {
      '@odata.context': odataContext(ctx.state, 'subscriptions/$entity'),
      ...subscriptionJson(ctx.state, own(ctx)),
    },
  };
}

export async function updateSubscription(ctx: RouteContext): Promise<GraphResponse> {
  const sub = own(ctx);
  requirePermission(ctx.principal, MAIL_READ.roles, MAIL_READ.scopes);
  const body = (ctx.req.body ?? {}) as Record<string, unknown>;
  if (body.expirationDateTime !== undefined)
    sub.expirationDateTime = checkExpiration(body.expirationDateTime);
  if (body.notificationUrl !== undefined) {
    const url = checkUrl('notificationUrl', body.notificationUrl);
    await validateEndpoint(ctx.state, url);
    sub.notificationUrl = url;
  }
  return getSubscription(ctx);
}

export function deleteSubscription(ctx: RouteContext): GraphResponse {
  ctx.state.subscriptions.delete(own(ctx).id);
  return { status: 204 };
}

export function reauthorizeSubscription(ctx: RouteContext): GraphResponse {
  own(ctx);
  requirePermission(ctx.principal, MAIL_READ.roles, MAIL_READ.scopes);
  return { status: 204 };
}
