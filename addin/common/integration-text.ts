import type { IntegrationView } from '../../shared/api';
import type { MessageKey, Translator } from './i18n';

/** The status an admin or user sees, in words, and what to do about it. */
export function statusLabel(integration: IntegrationView | null, t: Translator['t']): string {
  if (!integration) return t('status.notStarted');
  const keys: Record<IntegrationView['status'], MessageKey> = {
    queued: 'status.queued',
    syncing: 'status.syncing',
    active: 'status.active',
    authentication_error: 'status.authentication_error',
    unauthorized: 'status.unauthorized',
    linkage_error: 'status.linkage_error',
    unlinked: 'status.unlinked',
  };
  return t(keys[integration.status]);
}

export function statusColor(
  integration: IntegrationView | null,
): 'success' | 'warning' | 'danger' | 'informative' | 'subtle' {
  switch (integration?.status) {
    case 'active':
      return 'success';
    case 'queued':
    case 'syncing':
      return 'informative';
    case 'authentication_error':
    case 'unauthorized':
    case 'linkage_error':
      return 'danger';
    default:
      return 'subtle';
  }
}

/** A sentence about the state: progress, last sync, or the error's plain-language action. */
export function statusDetail(integration: IntegrationView | null, tr: Translator): string {
  const { t } = tr;
  if (!integration) return t('status.notStartedAction');
  if (
    integration.lastError &&
    ['authentication_error', 'unauthorized', 'linkage_error'].includes(integration.status)
  )
    return t(`action.${integration.lastError.action}` as MessageKey);
  switch (integration.status) {
    case 'queued':
      return t('status.queuedAction');
    case 'syncing':
      return integration.initialSync
        ? t('status.syncingProgress', {
            messages: tr.number(integration.initialSync.messagesSeen),
            done: integration.initialSync.foldersDone,
            total: integration.initialSync.foldersTotal,
          })
        : t('status.queuedAction');
    case 'active':
      return t('status.activeSince', { date: tr.dateTime(integration.lastSyncAt) });
    case 'unlinked':
      return t('status.unlinkedAction');
    default:
      return '';
  }
}
