import {
  classifyGoogleFailure,
  googleFailureRules,
  matchingGoogleRule,
} from '../../../server/providers/google/error-table';
import type { GoogleFailure } from '../../../server/providers/google/failures';

const api = (
  httpStatus: number,
  code: string | null,
  message: string,
  operation: GoogleFailure['operation'] = 'other',
): GoogleFailure => ({ source: 'api', httpStatus, code, message, retryAfterMs: null, operation });
const token = (code: string, message: string, httpStatus = 400): GoogleFailure => ({
  source: 'token',
  httpStatus,
  code,
  message,
  retryAfterMs: null,
  operation: 'other',
});

/** One failure per row, as Google answers it, with the outcome the admin must see. */
const examples: Array<[string, GoogleFailure, ReturnType<typeof classifyGoogleFailure>]> = [
  [
    'quota exceeded (429, 403 rateLimitExceeded / userRateLimitExceeded / dailyLimitExceeded)',
    api(403, 'userRateLimitExceeded', 'User Rate Limit Exceeded'),
    { kind: 'throttled' },
  ],
  ['any 429', api(429, null, 'Too Many Requests'), { kind: 'throttled' }],
  [
    'Google back end unavailable (500, 502, 503, 504)',
    api(503, 'backendError', 'Backend Error'),
    { kind: 'throttled' },
  ],
  [
    'history.list 404: startHistoryId too old',
    api(404, 'notFound', 'Requested entity was not found.', 'history'),
    { kind: 'resync' },
  ],
  [
    'token endpoint: no such user to act for (invalid_grant "Invalid email or User ID")',
    token('invalid_grant', 'Invalid email or User ID'),
    { kind: 'authentication_error', action: 'check_user_exists' },
  ],
  [
    'Gmail 400 failedPrecondition "Mail service not enabled"',
    api(400, 'failedPrecondition', 'Mail service not enabled'),
    { kind: 'authentication_error', action: 'enable_gmail_service' },
  ],
  [
    'Gmail 400 failedPrecondition with any other message (suspended account)',
    api(400, 'failedPrecondition', 'Precondition check failed.'),
    { kind: 'authentication_error', action: 'check_user_exists' },
  ],
  [
    'Gmail or Directory 404 for the user',
    api(404, 'notFound', 'Requested entity was not found.'),
    { kind: 'authentication_error', action: 'check_user_exists' },
  ],
  [
    'token endpoint: client ID not authorized for the scopes (unauthorized_client, access_denied)',
    token(
      'unauthorized_client',
      'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
      401,
    ),
    { kind: 'unauthorized', action: 'authorize_domain_wide_delegation' },
  ],
  [
    'API 401/403: insufficient scopes, domain policy or not authorized',
    api(403, 'insufficientPermissions', 'Request had insufficient authentication scopes.'),
    { kind: 'unauthorized', action: 'authorize_domain_wide_delegation' },
  ],
];

describe('Google Workspace error table', () => {
  it('has an example for every row, in order', () => {
    expect(examples.map(([when]) => when)).toEqual(googleFailureRules.map((r) => r.when));
  });

  it.each(examples)('%s', (when, failure, outcome) => {
    expect(matchingGoogleRule(failure)?.when).toBe(when);
    expect(classifyGoogleFailure(failure)).toEqual(outcome);
  });

  it('retries anything else, and compares reasons case-insensitively', () => {
    expect(classifyGoogleFailure(api(400, 'badRequest', 'Invalid id value'))).toEqual({ kind: 'retry' });
    expect(classifyGoogleFailure(api(403, 'USERRATELIMITEXCEEDED', 'x'))).toEqual({ kind: 'throttled' });
    expect(
      classifyGoogleFailure({
        source: 'network',
        httpStatus: null,
        code: null,
        message: 'fetch failed',
        retryAfterMs: null,
        operation: 'other',
      }),
    ).toEqual({ kind: 'retry' });
  });
});
