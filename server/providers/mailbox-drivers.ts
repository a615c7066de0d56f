import type { Config } from '../config';
import type { IntegrationDoc } from '../integrations/store';
import type { GraphClients } from './microsoft/graph';
import { DriverError, type MailboxDriver } from '../sync/driver';
import { GraphMailboxDriver } from './microsoft/graph-driver';
import type { RequestBudget } from '../sync/request-budget';
import { GmailMailboxDriver } from './google/gmail-driver';

/**
 * The one place that knows which provider serves an integration: everything else (workers, admin
 * routes) asks here for a driver and speaks only the neutral MailboxDriver interface. `sync`
 * drivers leave every retry to the sync engine's budget; `admin` ones answer an admin request and
 * wait at most a few seconds. A sync's `graphBudget` holds its Microsoft Graph requests within
 * Graph's limits per mailbox and across the app (Gmail's quotas are the Gmail driver's own).
 */
export function mailboxDriverFor(
  config: Config,
  graph: GraphClients,
  integration: IntegrationDoc,
  use: 'sync' | 'admin',
  graphBudget?: RequestBudget,
): MailboxDriver {
  const maxThrottleWaitMs = use === 'sync' ? config.sync.maxThrottleWaitMs : 10_000;
  if (integration.provider === 'google') {
    const account = config.google.serviceAccount;
    if (!account || !integration.mail)
      return unavailable('Google Workspace is not configured on this service');
    return new GmailMailboxDriver(config.google, account, integration.mail, {
      pageSize: config.sync.pageSize,
      maxThrottleWaitMs,
    });
  }
  const client = use === 'sync' ? graph.sync(integration.tenantId) : graph.interactive(integration.tenantId);
  return new GraphMailboxDriver(client, integration.userId, {
    graphBaseUrl: config.microsoft.graphBaseUrl,
    pageSize: config.sync.pageSize,
    maxThrottleWaitMs,
    budget: graphBudget,
  });
}

/** A driver whose every call fails the same way (retried, then a Linkage error with this message). */
function unavailable(message: string): MailboxDriver {
  const fail = () =>
    Promise.reject(
      new DriverError({ kind: 'retry' }, { code: null, httpStatus: null, message, retryAfterMs: null }),
    );
  return {
    pushNotifications: false,
    readChanges: fail,
    readBodies: fail,
    readHeaders: fail,
    subscribe: fail,
    renewSubscription: fail,
    unsubscribe: () => Promise.resolve(),
  };
}
