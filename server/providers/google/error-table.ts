import type { FailureOutcome } from '../../sync/driver';
import type { GoogleFailure } from './failures';

/**
 * What a failure talking to Google Workspace means for a mailbox integration: the same outcomes
 * and the same shape as Microsoft's table (providers/microsoft/error-table.ts). Rows are tried in order;
 * the first match wins; anything unmatched is retried and becomes a Linkage error only once it
 * persists over the retry budget.
 */
export interface GoogleRule {
  /** What the row is for, in words (also the test name). */
  when: string;
  source?: GoogleFailure['source'];
  operation?: GoogleFailure['operation'];
  status?: number[];
  /** Google's reasons or OAuth errors, compared case-insensitively. */
  codes?: string[];
  message?: RegExp;
  outcome: FailureOutcome;
}

const userGone: FailureOutcome = { kind: 'authentication_error', action: 'check_user_exists' };
const delegationMissing: FailureOutcome = {
  kind: 'unauthorized',
  action: 'authorize_domain_wide_delegation',
};

export const googleFailureRules: readonly GoogleRule[] = [
  // Gmail's per-user and per-project quotas, and its back ends: wait and try again (handle-errors).
  {
    when: 'quota exceeded (429, 403 rateLimitExceeded / userRateLimitExceeded / dailyLimitExceeded)',
    source: 'api',
    status: [403, 429],
    codes: ['rateLimitExceeded', 'userRateLimitExceeded', 'dailyLimitExceeded', 'RESOURCE_EXHAUSTED'],
    outcome: { kind: 'throttled' },
  },
  { when: 'any 429', status: [429], outcome: { kind: 'throttled' } },
  {
    when: 'Google back end unavailable (500, 502, 503, 504)',
    source: 'api',
    status: [500, 502, 503, 504],
    outcome: { kind: 'throttled' },
  },
  // The stored historyId is older than the history Gmail keeps: read the label again (sync guide).
  {
    when: 'history.list 404: startHistoryId too old',
    source: 'api',
    operation: 'history',
    status: [404],
    outcome: { kind: 'resync' },
  },
  // The user is gone, suspended or has no Gmail.
  {
    when: 'token endpoint: no such user to act for (invalid_grant "Invalid email or User ID")',
    source: 'token',
    codes: ['invalid_grant'],
    message: /invalid email or user id/i,
    outcome: userGone,
  },
  {
    when: 'Gmail 400 failedPrecondition "Mail service not enabled"',
    source: 'api',
    codes: ['failedPrecondition', 'FAILED_PRECONDITION'],
    message: /mail service not enabled/i,
    outcome: { kind: 'authentication_error', action: 'enable_gmail_service' },
  },
  {
    when: 'Gmail 400 failedPrecondition with any other message (suspended account)',
    source: 'api',
    codes: ['failedPrecondition', 'FAILED_PRECONDITION'],
    outcome: userGone,
  },
  { when: 'Gmail or Directory 404 for the user', source: 'api', status: [404], outcome: userGone },
  // Domain-wide delegation is missing, or lacks a scope we ask for.
  {
    when: 'token endpoint: client ID not authorized for the scopes (unauthorized_client, access_denied)',
    source: 'token',
    codes: ['unauthorized_client', 'access_denied', 'invalid_scope'],
    outcome: delegationMissing,
  },
  {
    when: 'API 401/403: insufficient scopes, domain policy or not authorized',
    source: 'api',
    status: [401, 403],
    outcome: delegationMissing,
  },
];

const fallback: FailureOutcome = { kind: 'retry' };

function sameCode(codes: readonly string[], code: string | null): boolean {
  const wanted = code?.toLowerCase();
  return wanted !== undefined && codes.some((c) => c.toLowerCase() === wanted);
}

export function matchingGoogleRule(failure: GoogleFailure): GoogleRule | null {
  for (const rule of googleFailureRules) {
    if (rule.source && rule.source !== failure.source) continue;
    if (rule.operation && rule.operation !== failure.operation) continue;
    if (rule.status && (failure.httpStatus === null || !rule.status.includes(failure.httpStatus))) continue;
    if (rule.codes && !sameCode(rule.codes, failure.code)) continue;
    if (rule.message && !rule.message.test(failure.message)) continue;
    return rule;
  }
  return null;
}

export function classifyGoogleFailure(failure: GoogleFailure): FailureOutcome {
  return matchingGoogleRule(failure)?.outcome ?? fallback;
}
