import {
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JWTPayload,
} from 'jose';
import { guidPattern } from '../../shared/ids';
import type { Config } from '../config';
import { ApiError } from '../http/errors';

/** Entra directory roles that count as admins of our product (besides our own app role). */
export const adminDirectoryRoles = new Set([
  '62e90394-69f5-4237-9190-012177145e10', // Global Administrator
  '29232cdf-9323-42fd-ade2-1d097af3e4de', // Exchange Administrator
]);
export const adminAppRole = 'SmartActivity.Admin';
export const apiScope = 'access_as_user';

/** Who is calling, as proven by a validated Entra access token for our API. */
export interface Principal {
  tenantId: string;
  userId: string;
  userPrincipalName: string;
  name: string;
  isAdmin: boolean;
}

const unauthenticated = (code: string, message: string) => new ApiError(401, code, message);

/**
 * Validates bearer tokens issued by Entra ID for our API: RS256 signature against the authority's
 * published keys, issuer `{authority}/{tid}/v2.0`, audience = our API, expiry and not-before, and a
 * delegated (user) token with our scope. Nothing in the token is trusted before the signature is.
 */
export class TokenValidator {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly microsoft: Config['microsoft']) {
    // Entra signs tokens of every tenant with the keys published under /common.
    this.keys = createRemoteJWKSet(new URL(`${microsoft.authorityHost}/common/discovery/v2.0/keys`), {
      cooldownDuration: 30_000,
      cacheMaxAge: 24 * 3600_000,
    });
  }

  async validate(authorization: string | undefined): Promise<Principal> {
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization ?? '');
    if (!authorization) throw unauthenticated('missing_token', 'Sign in: the request has no bearer token.');
    if (!match) throw unauthenticated('invalid_token', 'The Authorization header is not a bearer JWT.');
    const token = match[1]!;

    let tid: unknown;
    try {
      const header = decodeProtectedHeader(token);
      if (header.alg !== 'RS256')
        throw unauthenticated('invalid_token', `Tokens signed with ${String(header.alg)} are not accepted.`);
      tid = decodeJwt(token).tid;
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw unauthenticated('invalid_token', 'The token is not a well-formed JWT.');
    }
    if (typeof tid !== 'string' || !guidPattern.test(tid))
      throw unauthenticated('invalid_token', 'The token has no valid tenant (tid).');

    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        algorithms: ['RS256'],
        issuer: `${this.microsoft.authorityHost}/${tid}/v2.0`,
        audience: this.microsoft.apiAudiences,
        clockTolerance: 60,
        requiredClaims: ['exp', 'iat', 'tid', 'oid'],
      }));
    } catch (err) {
      throw describeJoseError(err);
    }

    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
    if (!scopes.includes(apiScope)) {
      throw unauthenticated(
        'invalid_token',
        `The token must be a user token with the ${apiScope} scope of this API.`,
      );
    }
    const roles = Array.isArray(payload.roles) ? payload.roles : [];
    const wids = Array.isArray(payload.wids) ? payload.wids : [];
    return {
      tenantId: tid.toLowerCase(),
      userId: String(payload.oid).toLowerCase(),
      userPrincipalName: String(payload.preferred_username ?? payload.upn ?? ''),
      name: String(payload.name ?? payload.preferred_username ?? ''),
      isAdmin: roles.includes(adminAppRole) || wids.some((w) => adminDirectoryRoles.has(String(w))),
    };
  }
}

function describeJoseError(err: unknown): ApiError {
  if (err instanceof errors.JWTExpired)
    return unauthenticated('token_expired', 'The access token has expired; get a new one.');
  if (err instanceof errors.JWTClaimValidationFailed) {
    const claim = err.claim;
    const what =
      claim === 'aud'
        ? 'is not for this API'
        : claim === 'iss'
          ? 'was not issued by the configured authority'
          : `has an invalid "${claim}" claim`;
    return unauthenticated('invalid_token', `The access token ${what}.`);
  }
  if (err instanceof errors.JWKSNoMatchingKey)
    return unauthenticated('invalid_token', 'The token is signed with an unknown key.');
  if (err instanceof errors.JWSSignatureVerificationFailed)
    return unauthenticated('invalid_token', 'The token signature is invalid.');
  if (err instanceof errors.JOSEAlgNotAllowed)
    return unauthenticated('invalid_token', 'The token algorithm is not accepted.');
  if (err instanceof errors.JWKSTimeout || (err as { code?: string })?.code === 'ERR_JOSE_GENERIC') {
    return new ApiError(
      503,
      'identity_provider_unavailable',
      'The signing keys of the identity provider could not be fetched; try again.',
    );
  }
  return unauthenticated('invalid_token', 'The access token is not valid.');
}
