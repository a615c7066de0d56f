import type { FailureOutcome } from '../../sync/driver';
import type { MicrosoftFailure } from './failures';

/**
 * The one place that decides what a failure talking to Microsoft 365 means for a mailbox
 * integration (ARCHITECTURE.md §5), in the provider-neutral outcomes of sync/driver.ts. Rows are
 * tried in order; the first match wins.
 */

export interface Rule {
  /** What the row is for, in words (also the test name). */
  when: string;
  source?: MicrosoftFailure['source'];
  status?: number[];
  /** Microsoft's error codes, compared case-insensitively (Graph writes `syncStateNotFound` and `SyncStateNotFound`). */
  codes?: string[];
  message?: RegExp;
  outcome: FailureOutcome;
}

const userGone: FailureOutcome = { kind: 'authentication_error', action: 'check_user_exists' };
const noMailbox: FailureOutcome = { kind: 'authentication_error', action: 'assign_exchange_license' };
const networkPolicy: FailureOutcome = { kind: 'unauthorized', action: 'allow_service_ip_addresses' };
const consentMissing: FailureOutcome = { kind: 'unauthorized', action: 'grant_admin_consent' };

export const failureRules: readonly Rule[] = [
  // Conditional Access / IP restrictions on where apps may call from. Checked before other 403s.
  {
    when: 'token endpoint blocks our location (AADSTS53003)',
    source: 'token',
    codes: ['AADSTS53003'],
    outcome: networkPolicy,
  },
  {
    when: 'Graph 403 citing Conditional Access or IP restrictions',
    source: 'graph',
    status: [401, 403],
    // Phrases, no gap of any length between two words: linear on any message.
    message: /conditional access|IP address|network location|location[- ](?:based|polic(?:y|ies)|restrict)/i,
    outcome: networkPolicy,
  },
  // The user or their mailbox does not exist (any more).
  {
    when: 'Graph 404 for the user (Request_ResourceNotFound)',
    source: 'graph',
    status: [404],
    codes: ['Request_ResourceNotFound', 'ResourceNotFound', 'ErrorInvalidUser'],
    outcome: userGone,
  },
  {
    when: 'mailbox not enabled or not supported for REST',
    source: 'graph',
    codes: ['MailboxNotEnabledForRESTAPI', 'MailboxNotSupportedForRESTAPI', 'ErrorNonExistentMailbox'],
    outcome: noMailbox,
  },
  {
    when: 'mailbox inactive, soft-deleted or on-premises',
    source: 'graph',
    message: /inactive, soft-deleted, or (is )?hosted on-premise/i,
    outcome: noMailbox,
  },
  // We may not read this mailbox: the same code, told apart by Exchange's message
  // (auth-limit-mailbox-access.md documents the policy's "Access to OData is disabled").
  {
    when: 'Graph 403 ErrorAccessDenied "Access to OData is disabled" (application access policy / RBAC for Applications)',
    source: 'graph',
    status: [403],
    codes: ['ErrorAccessDenied', 'AccessDenied'],
    message: /Access to OData is disabled|AccessPolicy/i,
    outcome: { kind: 'unauthorized', action: 'check_application_access_policy' },
  },
  {
    when: 'Graph 403 ErrorAccessDenied with any other message ("Access is denied. Check credentials…": Mail.Read missing or revoked)',
    source: 'graph',
    status: [403],
    codes: ['ErrorAccessDenied', 'AccessDenied'],
    outcome: { kind: 'unauthorized', action: 'grant_mail_read_permission' },
  },
  {
    when: 'Graph 403 Authorization_RequestDenied (app role missing from the token)',
    source: 'graph',
    status: [403],
    codes: ['Authorization_RequestDenied'],
    outcome: consentMissing,
  },
  { when: 'any other Graph 403', source: 'graph', status: [403], outcome: consentMissing },
  {
    when: 'token endpoint: app not consented or consent revoked',
    source: 'token',
    codes: [
      'AADSTS65001',
      'AADSTS700016',
      'AADSTS7000229',
      'AADSTS500011',
      'AADSTS90002',
      'invalid_client',
      'unauthorized_client',
    ],
    outcome: consentMissing,
  },
  // Try again later, without a status change.
  {
    when: 'throttled or unavailable (429, 503, 504)',
    status: [429, 503, 504],
    outcome: { kind: 'throttled' },
  },
  // The delta token expired: read the folder again; unique keys absorb the duplicates. Graph
  // answers 410 syncStateNotFound or 400 resyncRequired (errors.md, delta-query-overview.md).
  {
    when: 'delta token expired (410 syncStateNotFound or 400 resyncRequired)',
    codes: ['syncStateNotFound', 'resyncRequired'],
    outcome: { kind: 'resync' },
  },
  { when: 'delta state lost (410 Gone)', source: 'graph', status: [410], outcome: { kind: 'resync' } },
];

const fallback: FailureOutcome = { kind: 'retry' };

function sameCode(codes: readonly string[], code: string | null): boolean {
  const wanted = code?.toLowerCase();
  return wanted !== undefined && codes.some((c) => c.toLowerCase() === wanted);
}

/** The first row that matches, or null (then the failure is retried and may become a Linkage error). */
export function matchingRule(failure: MicrosoftFailure): Rule | null {
  for (const rule of failureRules) {
    if (rule.source && rule.source !== failure.source) continue;
    if (rule.status && (failure.httpStatus === null || !rule.status.includes(failure.httpStatus))) continue;
    if (rule.codes && !sameCode(rule.codes, failure.code)) continue;
    if (rule.message && !rule.message.test(failure.message)) continue;
    return rule;
  }
  return null;
}

export function classifyFailure(failure: MicrosoftFailure): FailureOutcome {
  return matchingRule(failure)?.outcome ?? fallback;
}
