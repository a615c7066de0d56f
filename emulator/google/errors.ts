import type { Response } from 'express';

/**
 * Google's JSON error body (Gmail and Admin SDK): `{error: {code, message, errors: [{message,
 * domain, reason}], status}}`, as the Gmail API's "Resolve errors" guide shows it.
 */

const statusNames: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

export class GoogleApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly domain = 'global',
    readonly statusName = statusNames[status] ?? 'UNKNOWN',
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  get body() {
    return {
      error: {
        code: this.status,
        message: this.message,
        errors: [{ message: this.message, domain: this.domain, reason: this.reason }],
        status: this.statusName,
      },
    };
  }
}

export const notFound = () => new GoogleApiError(404, 'notFound', 'Requested entity was not found.');
export const invalidCredentials = () =>
  new GoogleApiError(401, 'authError', 'Invalid Credentials', 'global', 'UNAUTHENTICATED', {
    'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"',
  });
export const insufficientScopes = () =>
  new GoogleApiError(403, 'insufficientPermissions', 'Request had insufficient authentication scopes.');
export const invalidArgument = (message: string) => new GoogleApiError(400, 'invalidArgument', message);

export function sendGoogleError(res: Response, err: unknown): void {
  const error =
    err instanceof GoogleApiError ? err : new GoogleApiError(500, 'backendError', 'Backend Error');
  if (!(err instanceof GoogleApiError)) console.error('emulator (google): unhandled error', err);
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  res.status(error.status).json(error.body);
}
