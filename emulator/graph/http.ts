import { randomUUID } from 'node:crypto';
import type { DirectoryUser } from '../scenario/directory';
import type { EmulatorState } from '../state';

/**
 * Graph requests and responses independent of Express, so `$batch` can run its sub-requests
 * through exactly the same handlers, permission checks and throttling as top-level calls.
 */

export interface Principal {
  tenantId: string;
  appId: string;
  /** App-only tokens carry roles; delegated ones carry scopes and the user's object id. */
  roles: string[];
  scopes: string[];
  userId?: string;
}

export interface GraphRequest {
  method: string;
  /** Path below /v1.0, normalised: `/users/{id}/mailFolders/inbox/messages/delta`. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: unknown;
  requestId: string;
  clientRequestId: string;
}

export interface GraphResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Fault injection: the connection is to be destroyed instead of answered. */
  drop?: boolean;
}

export interface RouteContext {
  state: EmulatorState;
  req: GraphRequest;
  principal: Principal;
  params: string[];
  /** The user of `/users/{id}/…` routes, resolved and checked. */
  user: DirectoryUser;
}

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function newRequestIds(clientRequestId?: string): { requestId: string; clientRequestId: string } {
  const requestId = randomUUID();
  return { requestId, clientRequestId: clientRequestId ?? requestId };
}

export function errorResponse(
  req: Pick<GraphRequest, 'requestId' | 'clientRequestId'>,
  err: GraphError,
): GraphResponse {
  return {
    status: err.status,
    headers: err.headers,
    body: {
      error: {
        code: err.code,
        message: err.message,
        innerError: {
          date: new Date().toISOString().replace(/\.\d+Z$/, ''),
          'request-id': req.requestId,
          'client-request-id': req.clientRequestId,
        },
      },
    },
  };
}

export const insufficientPrivileges = () =>
  new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');

/** Passes when the token has one of the app roles (app-only) or delegated scopes (user). */
export function requirePermission(principal: Principal, roles: string[], scopes: string[]): void {
  const ok = principal.userId
    ? principal.scopes.some((s) => scopes.includes(s))
    : principal.roles.some((r) => roles.includes(r));
  if (!ok) throw insufficientPrivileges();
}

export const odataContext = (state: EmulatorState, fragment: string) =>
  `${state.baseUrl}/v1.0/$metadata#${fragment}`;
