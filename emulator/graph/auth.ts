import { GRAPH_APP_ID, GRAPH_RESOURCE } from '../scenario/constants';
import type { EmulatorState } from '../state';
import { GraphError, type Principal } from './http';

/**
 * Bearer token validation as Graph does it, answering 401 InvalidAuthenticationToken with the
 * message Graph uses for each failure.
 */
const unauthenticated = (state: EmulatorState, message: string) =>
  new GraphError(401, 'InvalidAuthenticationToken', message, {
    'WWW-Authenticate': `Bearer realm="", authorization_uri="${state.baseUrl}/common/oauth2/authorize", client_id="${GRAPH_APP_ID}"`,
  });

export async function authenticate(
  state: EmulatorState,
  authorization: string | undefined,
): Promise<Principal> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) throw unauthenticated(state, 'Access token is empty.');
  if (token.split('.').length !== 3) {
    throw unauthenticated(state, 'IDX14100: JWT is not well formed, there are no dots (.).');
  }
  let claims;
  try {
    claims = await state.keys.verifySignature(token);
  } catch {
    throw unauthenticated(state, 'Access token validation failure.');
  }
  const audiences = [GRAPH_RESOURCE, `${GRAPH_RESOURCE}/`, GRAPH_APP_ID];
  if (!audiences.includes(String(claims.aud))) {
    throw unauthenticated(state, 'Access token validation failure. Invalid audience.');
  }
  const now = Date.now() / 1000;
  if ((claims.exp ?? 0) < now || (claims.nbf ?? 0) > now + 300) {
    throw unauthenticated(state, 'Lifetime validation failed, the token is expired.');
  }
  const tenantId = String(claims.tid ?? '');
  if (!state.world.tenant(tenantId)) throw unauthenticated(state, 'Access token validation failure.');
  const delegated = typeof claims.scp === 'string';
  return {
    tenantId,
    appId: String(claims.azp ?? claims.appid ?? ''),
    roles: Array.isArray(claims.roles) ? claims.roles.map(String) : [],
    scopes: delegated ? String(claims.scp).split(' ') : [],
    userId: delegated ? String(claims.oid) : undefined,
  };
}
