import { classifyFailure, failureRules, matchingRule } from '../../../server/providers/microsoft/error-table';
import type { MicrosoftFailure } from '../../../server/providers/microsoft/failures';

const graph = (httpStatus: number, code: string | null, message = 'x'): MicrosoftFailure => ({
  source: 'graph',
  httpStatus,
  code,
  message,
  retryAfterMs: null,
});
const token = (code: string, message = `${code}: something`): MicrosoftFailure => ({
  source: 'token',
  httpStatus: 400,
  code,
  message,
  retryAfterMs: null,
});

/** One real-world failure per row of the table, with the outcome the admin must see. */
const examples: Array<[string, MicrosoftFailure, ReturnType<typeof classifyFailure>]> = [
  [
    'token endpoint blocks our location (AADSTS53003)',
    token('AADSTS53003', 'AADSTS53003: Access has been blocked by Conditional Access policies.'),
    { kind: 'unauthorized', action: 'allow_service_ip_addresses' },
  ],
  [
    'Graph 403 citing Conditional Access or IP restrictions',
    graph(
      403,
      'AccessDenied',
      'Access is denied because of a Conditional Access policy: the IP address is not allowed.',
    ),
    { kind: 'unauthorized', action: 'allow_service_ip_addresses' },
  ],
  [
    'Graph 404 for the user (Request_ResourceNotFound)',
    graph(
      404,
      'Request_ResourceNotFound',
      "Resource 'x' does not exist or one of its queried reference-property objects are not present.",
    ),
    { kind: 'authentication_error', action: 'check_user_exists' },
  ],
  [
    'mailbox not enabled or not supported for REST',
    graph(
      404,
      'MailboxNotEnabledForRESTAPI',
      'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
    ),
    { kind: 'authentication_error', action: 'assign_exchange_license' },
  ],
  [
    'mailbox inactive, soft-deleted or on-premises',
    graph(404, 'ResourceNotFound2', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.'),
    { kind: 'authentication_error', action: 'assign_exchange_license' },
  ],
  [
    'Graph 403 ErrorAccessDenied "Access to OData is disabled" (application access policy / RBAC for Applications)',
    graph(
      403,
      'ErrorAccessDenied',
      'Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.',
    ),
    { kind: 'unauthorized', action: 'check_application_access_policy' },
  ],
  [
    'Graph 403 ErrorAccessDenied with any other message ("Access is denied. Check credentials…": Mail.Read missing or revoked)',
    graph(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.'),
    { kind: 'unauthorized', action: 'grant_mail_read_permission' },
  ],
  [
    'Graph 403 Authorization_RequestDenied (app role missing from the token)',
    graph(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'),
    { kind: 'unauthorized', action: 'grant_admin_consent' },
  ],
  [
    'any other Graph 403',
    graph(403, 'Forbidden', 'Forbidden'),
    { kind: 'unauthorized', action: 'grant_admin_consent' },
  ],
  [
    'token endpoint: app not consented or consent revoked',
    token(
      'AADSTS700016',
      "AADSTS700016: Application with identifier 'x' was not found in the directory 'y'.",
    ),
    { kind: 'unauthorized', action: 'grant_admin_consent' },
  ],
  [
    'throttled or unavailable (429, 503, 504)',
    graph(429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.'),
    { kind: 'throttled' },
  ],
  [
    'delta token expired (410 syncStateNotFound or 400 resyncRequired)',
    graph(
      410,
      'syncStateNotFound',
      'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
    ),
    { kind: 'resync' },
  ],
  ['delta state lost (410 Gone)', graph(410, null, 'Gone'), { kind: 'resync' }],
];

describe('Graph error → integration status table', () => {
  it.each(examples)('row "%s"', (row, failure, outcome) => {
    expect(matchingRule(failure)?.when).toBe(row);
    expect(classifyFailure(failure)).toEqual(outcome);
  });

  it('has an example for every row', () => {
    expect(failureRules.map((r) => r.when).sort()).toEqual(examples.map(([row]) => row).sort());
  });

  it('retries anything else (500s, network failures, a wrong client secret), to become a Linkage error only if it persists', () => {
    expect(classifyFailure(graph(500, 'UnknownError', 'boom'))).toEqual({ kind: 'retry' });
    expect(
      classifyFailure({
        source: 'network',
        httpStatus: null,
        code: null,
        message: 'socket hang up',
        retryAfterMs: null,
      }),
    ).toEqual({ kind: 'retry' });
    expect(classifyFailure(token('AADSTS7000215', 'AADSTS7000215: Invalid client secret provided.'))).toEqual(
      { kind: 'retry' },
    );
  });

  it('compares Graph error codes case-insensitively', () => {
    expect(classifyFailure(graph(410, 'SyncStateNotFound'))).toEqual({ kind: 'resync' });
    expect(classifyFailure(graph(400, 'ResyncRequired'))).toEqual({ kind: 'resync' });
    expect(classifyFailure(graph(400, 'resyncRequired'))).toEqual({ kind: 'resync' });
    expect(classifyFailure(graph(403, 'errorAccessDenied', 'Access to OData is disabled.'))).toEqual({
      kind: 'unauthorized',
      action: 'check_application_access_policy',
    });
    expect(classifyFailure(graph(404, 'mailboxNotEnabledForRESTAPI'))).toEqual({
      kind: 'authentication_error',
      action: 'assign_exchange_license',
    });
    expect(classifyFailure(graph(403, 'authorization_requestdenied'))).toEqual({
      kind: 'unauthorized',
      action: 'grant_admin_consent',
    });
  });

  it('tells the two 403 ErrorAccessDenied forms apart by their message alone', () => {
    expect(classifyFailure(graph(403, 'ErrorAccessDenied', 'Access to OData is disabled.'))).toEqual({
      kind: 'unauthorized',
      action: 'check_application_access_policy',
    });
    expect(
      classifyFailure(graph(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.')),
    ).toEqual({
      kind: 'unauthorized',
      action: 'grant_mail_read_permission',
    });
  });

  it.each([
    'Access is denied because of a Conditional Access policy.',
    'The request was blocked by a network location policy.',
    'Access denied by a location-based policy for this tenant.',
    'Blocked: location restrictions apply to this application.',
  ])('reads "%s" as a network policy', (message) => {
    expect(classifyFailure(graph(403, 'AccessDenied', message))).toEqual({
      kind: 'unauthorized',
      action: 'allow_service_ip_addresses',
    });
  });

  it('does not read a location named in another 403 as a network policy', () => {
    const failure = graph(403, 'AccessDenied', 'Access to the location of this mailbox folder is denied.');
    expect(classifyFailure(failure)).not.toMatchObject({ action: 'allow_service_ip_addresses' });
  });

  it('treats 503 and 504 like 429: wait, no status change', () => {
    expect(classifyFailure(graph(503, 'ServiceUnavailable'))).toEqual({ kind: 'throttled' });
    expect(classifyFailure(graph(504, null))).toEqual({ kind: 'throttled' });
  });
});
