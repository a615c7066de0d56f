import { X509Certificate } from 'node:crypto';
import type { Request } from 'express';
import { decodeProtectedHeader, errors, jwtVerify } from 'jose';
import type { EmulatorState } from '../state';
import { certificateThumbprints } from './application';
import { EntraError } from './errors';
import type { ClientAuth } from './tokens';

/**
 * How a confidential client proves itself at the token endpoint: a client secret (form field or
 * HTTP Basic), or a client assertion — a JWT signed with the private key of a certificate registered
 * in the app's `keyCredentials` (certificate-credentials.md: `alg` PS256 or RS256, `x5t#S256` or
 * `x5t` naming the certificate, `aud` the token endpoint, `iss` = `sub` = the client id). Error
 * codes as Microsoft's client libraries document them (AADSTS700027 signature or unknown key,
 * 700021 wrong issuer, 700023 wrong audience, 700024 expired, 50027 malformed).
 * Returns 1 (secret), 2 (certificate) or 0 (no credential: a public client).
 */

export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

type Form = Record<string, string | undefined>;

const invalidClient = (code: number, description: string) =>
  new EntraError(401, 'invalid_client', code, description);

function secretOf(req: Request, form: Form): string | undefined {
  const basic = /^Basic (.+)$/i.exec(req.get('authorization') ?? '');
  if (basic) return decodeURIComponent(Buffer.from(basic[1]!, 'base64').toString().split(':')[1] ?? '');
  return form.client_secret;
}

export async function authenticateClient(
  state: EmulatorState,
  req: Request,
  form: Form,
): Promise<ClientAuth> {
  const app = state.application;
  const secret = secretOf(req, form);
  if (secret !== undefined) {
    const now = Date.now();
    const valid = app.passwordCredentials.some(
      (c) => c.secretText === secret && Date.parse(c.endDateTime) > now && Date.parse(c.startDateTime) <= now,
    );
    if (!valid) {
      throw invalidClient(
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.appId}'.`,
      );
    }
    return 1;
  }
  if (form.client_assertion === undefined) return 0;
  if (form.client_assertion_type !== JWT_BEARER_ASSERTION) {
    throw new EntraError(
      400,
      'invalid_request',
      900144,
      `The request body must contain the following parameter: 'client_assertion_type'.`,
    );
  }
  await verifyAssertion(state, req, form.client_assertion);
  return 2;
}

async function verifyAssertion(state: EmulatorState, req: Request, assertion: string): Promise<void> {
  const app = state.application;
  let header;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    throw invalidClient(50027, 'JWT token is invalid or malformed.');
  }
  const sha256 = header['x5t#S256'];
  const sha1 = header.x5t;
  const credential = app.keyCredentials.find((k) => {
    const t = certificateThumbprints(k);
    return (
      (typeof sha256 === 'string' && t.sha256 === sha256) || (typeof sha1 === 'string' && t.sha1 === sha1)
    );
  });
  if (!credential) {
    throw invalidClient(
      700027,
      `Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '${String(sha256 ?? sha1 ?? '')}'].`,
    );
  }
  const publicKey = new X509Certificate(Buffer.from(credential.key, 'base64')).publicKey;
  // The token endpoint this request came to, as the client's metadata named it.
  const endpoint = `${state.baseUrl}${req.originalUrl.split('?')[0]}`;
  try {
    const { payload } = await jwtVerify(assertion, publicKey, {
      algorithms: ['PS256', 'RS256'],
      audience: endpoint,
      clockTolerance: 300,
      requiredClaims: ['exp', 'iss', 'sub', 'aud'],
    });
    if (payload.iss !== app.appId || payload.sub !== app.appId) {
      throw invalidClient(
        700021,
        "Client assertion application identifier doesn't match 'client_id' parameter.",
      );
    }
  } catch (err) {
    if (err instanceof EntraError) throw err;
    if (err instanceof errors.JWTExpired || (err as errors.JWTClaimValidationFailed).claim === 'nbf')
      throw invalidClient(700024, 'Client assertion is not within its valid time range.');
    if (err instanceof errors.JWTClaimValidationFailed && err.claim === 'aud')
      throw invalidClient(700023, 'Client assertion audience claim does not match Realm issuer.');
    if (err instanceof errors.JWTClaimValidationFailed)
      throw invalidClient(50027, 'JWT token is invalid or malformed.');
    throw invalidClient(700027, 'Client assertion contains an invalid signature.');
  }
}
