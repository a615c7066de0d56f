import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { DEMO_API_SCOPE_NAME } from '../scenario/constants';
import type { EmulatorState } from '../state';
import { grantAdminConsent, revokeAdminConsent } from '../entra/grants';
import { parseScopes } from '../entra/scopes';
import { appOnlyToken, userAccessClaims } from '../entra/tokens';
import { applicationPatch, applyApplicationPatch } from './application';
import { notifyChange, sendLifecycleEvent } from '../graph/notifications';
import { buildDelivery, type DeliveryInput } from './deliver';
import { scenarioDocument } from './scenario';
import { mailboxTruth } from './truth';

/**
 * The test control API under /_emulator/ (like LocalStack's): read the scenario and the truth
 * behind it, and change the world — consent, new mail, expired sync state, faults — without
 * going through Microsoft's protocols. No authentication: it only ever listens on localhost.
 */

class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function parse<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new ControlError(400, 'invalid_request', `${issue.path.join('.') || 'body'}: ${issue.message}`);
}

const Consent = z.object({ granted: z.boolean() });
const UserConsent = z.object({ allowed: z.boolean() });
const AppRoles = z.object({ roles: z.array(z.string().max(100)).max(20) });
const Rate = z.number().min(0).max(1).optional();
const Faults = z.object({
  rate429: Rate,
  rate503: Rate,
  rateDrop: Rate,
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  mailboxes: z.array(z.string()).optional(),
});
const ExpireDelta = z.object({ code: z.enum(['syncStateNotFound', 'resyncRequired']).optional() });
const Settings = z.strictObject({ deltaInternetMessageHeaders: z.boolean().optional() });
const Lifecycle = z.object({ event: z.enum(['reauthorizationRequired', 'missed', 'subscriptionRemoved']) });
const Delegation = z.object({
  clientId: z.string().optional(),
  scopes: z.array(z.string().url()).max(50),
});
const MessagePatch = z.object({ isRead: z.boolean().optional(), subject: z.string().optional() });
const MintToken = z.object({
  tenantId: z.string(),
  userId: z.string().optional(),
  audience: z.enum(['graph', 'api']).default('graph'),
  expiresInSeconds: z.number().int().optional(),
  /** Claims to set or override (e.g. a wrong `iss`), for tests of token validation. */
  claims: z.record(z.string(), z.unknown()).optional(),
});

export function controlRoutes(state: EmulatorState): Router {
  const router = Router();
  router.use(express.json({ limit: '2mb' }));
  const user = (req: Request) => {
    const found = state.world.user(String(req.params.userId));
    if (!found) throw new ControlError(404, 'not_found', `No user ${req.params.userId}`);
    return found;
  };
  const handle = (fn: (req: Request, res: Response) => unknown) => async (req: Request, res: Response) => {
    try {
      const result = await fn(req, res);
      if (!res.headersSent) res.json(result ?? { ok: true });
    } catch (err) {
      if (err instanceof ControlError)
        return res.status(err.status).json({ error: { code: err.code, message: err.message } });
      res.status(400).json({ error: { code: 'invalid_request', message: (err as Error).message } });
    }
  };

  router.get(
    '/scenario',
    handle(() => scenarioDocument(state)),
  );

  router.get(
    '/mailboxes/:userId/truth',
    handle((req) => mailboxTruth(state, user(req))),
  );

  router.put(
    '/tenants/:tenantId/consent',
    handle((req) => {
      const tenant = state.world.tenant(String(req.params.tenantId));
      if (!tenant) throw new ControlError(404, 'not_found', `No tenant ${req.params.tenantId}`);
      const { granted } = parse(Consent, req.body);
      // As if its admin had consented to `/.default` (or removed the app's permissions).
      if (granted) grantAdminConsent(state, tenant.id);
      else revokeAdminConsent(state, tenant.id);
      return { tenantId: tenant.id, consent: state.consentOf(tenant.id) };
    }),
  );

  /** The Google Admin console's domain-wide delegation page: authorize a client ID for scopes. */
  router.put(
    '/google/workspaces/:customerId/delegation',
    handle((req) => {
      const workspace = state.world.workspace(String(req.params.customerId));
      if (!workspace) throw new ControlError(404, 'not_found', `No workspace ${req.params.customerId}`);
      const { clientId, scopes } = parse(Delegation, req.body);
      const id = clientId ?? state.google.serviceAccount.clientId;
      const byClient = state.google.delegations.get(workspace.id) ?? new Map<string, Set<string>>();
      if (scopes.length === 0) byClient.delete(id);
      else byClient.set(id, new Set(scopes));
      state.google.delegations.set(workspace.id, byClient);
      return { customerId: workspace.id, clientId: id, scopes };
    }),
  );

  /** The tenant's user-consent policy: may users consent to this app themselves? (default: no) */
  router.put(
    '/tenants/:tenantId/user-consent',
    handle((req) => {
      const tenant = state.world.tenant(String(req.params.tenantId));
      if (!tenant) throw new ControlError(404, 'not_found', `No tenant ${req.params.tenantId}`);
      const { allowed } = parse(UserConsent, req.body);
      if (allowed) state.grants.userConsentAllowed.add(tenant.id);
      else state.grants.userConsentAllowed.delete(tenant.id);
      return { tenantId: tenant.id, userConsentAllowed: allowed };
    }),
  );

  /** Assigns app roles of our API to a user (Enterprise applications → Users and groups). */
  router.put(
    '/users/:userId/app-roles',
    handle((req) => {
      const target = user(req);
      const { roles } = parse(AppRoles, req.body);
      const known = new Set(state.application.appRoles.map((r) => r.value));
      const unknown = roles.find((r) => !known.has(r));
      if (unknown) throw new ControlError(400, 'invalid_request', `The app defines no role ${unknown}`);
      state.appRoleAssignments.set(target.id, new Set(roles));
      return { userId: target.id, roles };
    }),
  );

  /** The app registration (an Entra application object); PATCH changes it as editing the registration does. */
  router.get(
    '/application',
    handle(() => state.application),
  );
  router.patch(
    '/application',
    handle((req) => {
      state.application = applyApplicationPatch(state.application, parse(applicationPatch, req.body));
      return state.application;
    }),
  );

  router.post(
    '/mailboxes/:userId/messages',
    handle((req, res) => {
      const target = user(req);
      const { message, folder } = buildDelivery(state, target, (req.body ?? {}) as DeliveryInput);
      const mailbox = state.mailbox(target);
      const id = mailbox.deliver(message, folder);
      notifyChange(state, target, id, folder, 'created');
      res.status(201).json({ id, folder, ...message });
    }),
  );

  router.patch(
    '/mailboxes/:userId/messages/:messageId',
    handle((req) => {
      const target = user(req);
      const mailbox = state.mailbox(target);
      const id = String(req.params.messageId);
      const ref = mailbox.refOf(id);
      if (!ref || mailbox.deleted.has(id)) throw new ControlError(404, 'not_found', `No message ${id}`);
      mailbox.update(id, parse(MessagePatch, req.body));
      notifyChange(state, target, id, mailbox.folderOf(ref), 'updated');
      return { id };
    }),
  );

  router.delete(
    '/mailboxes/:userId/messages/:messageId',
    handle((req) => {
      const target = user(req);
      const mailbox = state.mailbox(target);
      const id = String(req.params.messageId);
      const ref = mailbox.refOf(id);
      if (!ref || mailbox.deleted.has(id)) throw new ControlError(404, 'not_found', `No message ${id}`);
      mailbox.remove(id);
      notifyChange(state, target, id, mailbox.folderOf(ref), 'deleted');
      return { id };
    }),
  );

  router.post(
    '/mailboxes/:userId/expire-delta',
    handle((req) => {
      const mailbox = state.mailbox(user(req));
      const { code } = parse(ExpireDelta, req.body);
      mailbox.epoch++;
      state.deltaExpiry.set(mailbox.user.id, code ?? 'syncStateNotFound');
      return { userId: mailbox.user.id, epoch: mailbox.epoch, code: state.deltaExpiry.get(mailbox.user.id) };
    }),
  );

  router.get(
    '/settings',
    handle(() => state.settings),
  );
  router.put(
    '/settings',
    handle((req) => {
      const changes = parse(Settings, req.body);
      state.settings = {
        ...state.settings,
        ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
      };
      return state.settings;
    }),
  );

  router.get(
    '/faults',
    handle(() => state.faults ?? {}),
  );
  router.put(
    '/faults',
    handle((req) => (state.faults = parse(Faults, req.body))),
  );
  router.delete(
    '/faults',
    handle(() => {
      state.faults = null;
      return {};
    }),
  );

  router.get(
    '/sent-mail',
    handle(() => ({ value: state.sentMail })),
  );
  router.get(
    '/subscriptions',
    handle(() => ({ value: [...state.subscriptions.values()] })),
  );
  router.post(
    '/subscriptions/:id/lifecycle',
    handle(async (req) => {
      const sub = state.subscriptions.get(String(req.params.id));
      if (!sub) throw new ControlError(404, 'not_found', `No subscription ${req.params.id}`);
      const { event } = parse(Lifecycle, req.body);
      return { subscriptionId: sub.id, event, delivery: await sendLifecycleEvent(state, sub, event) };
    }),
  );

  router.get(
    '/stats',
    handle(() => {
      const mailboxes: Record<
        string,
        {
          requests: number;
          throttled: number;
          maxConcurrent: number;
          deltaRounds: { newestFirst: number; unordered: number };
          apps: Record<string, unknown>;
        }
      > = {};
      for (const t of state.traffic.values()) {
        const m = (mailboxes[t.userId] ??= {
          requests: 0,
          throttled: 0,
          maxConcurrent: 0,
          deltaRounds: { newestFirst: 0, unordered: 0 },
          apps: {},
        });
        m.requests += t.requests;
        m.deltaRounds.newestFirst += t.deltaRounds.newestFirst;
        m.deltaRounds.unordered += t.deltaRounds.unordered;
        m.throttled += t.throttled;
        m.maxConcurrent = Math.max(m.maxConcurrent, t.maxConcurrent);
        m.apps[t.appId] = {
          requests: t.requests,
          throttled: t.throttled,
          maxConcurrent: t.maxConcurrent,
          inFlight: t.inFlight,
        };
      }
      return { limits: state.limits, mailboxes };
    }),
  );

  router.post(
    '/reset',
    handle(() => {
      state.reset();
      return { ok: true };
    }),
  );

  /** Mints a token directly (e.g. an expired one), for tests of token validation. */
  router.post(
    '/tokens',
    handle(async (req) => {
      const input = parse(MintToken, req.body);
      const tenant = state.world.tenant(input.tenantId);
      if (!tenant) throw new ControlError(404, 'not_found', `No tenant ${input.tenantId}`);
      const target = input.userId ? state.world.user(input.userId) : undefined;
      if (input.userId && !target) throw new ControlError(404, 'not_found', `No user ${input.userId}`);
      const request = parseScopes(
        state,
        input.audience === 'api'
          ? `${state.application.identifierUris[0] ?? state.application.appId}/${DEMO_API_SCOPE_NAME}`
          : 'https://graph.microsoft.com/User.Read',
        tenant.displayName,
      );
      const claims = target
        ? userAccessClaims(
            state,
            target,
            request,
            input.audience === 'api' ? [DEMO_API_SCOPE_NAME] : ['User.Read', 'Mail.Read'],
            1,
          )
        : JSON.parse(
            Buffer.from(
              (await appOnlyToken(state, tenant, request, 1)).access_token.split('.')[1]!,
              'base64url',
            ).toString(),
          );
      if (input.expiresInSeconds !== undefined)
        claims.exp = Math.floor(Date.now() / 1000) + input.expiresInSeconds;
      Object.assign(claims, input.claims ?? {});
      return { access_token: await state.keys.sign(claims) };
    }),
  );
  return router;
}
