import type { IntegrationView } from '../../shared/api';
import { isErrorKind } from '../../shared/integration-status';
import type { MessageKey, Translator } from './i18n';

type InitialSync = NonNullable<IntegrationView['initialSync']>;

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
  const status = integration?.status;
  if (isErrorKind(status)) return 'danger';
  if (status === 'active') return 'success';
  if (status === 'queued' || status === 'syncing') return 'informative';
  return 'subtle';
}

/** A sentence about the state: progress, last sync, or the error's plain-language action. */
export function statusDetail(integration: IntegrationView | null, tr: Translator): string {
  const { t } = tr;
  if (!integration) return t('status.notStartedAction');
  if (integration.lastError && isErrorKind(integration.status))
    return t(`action.${integration.lastError.action}` as MessageKey);
  switch (integration.status) {
    case 'queued':
      return t('status.queuedAction');
    case 'syncing':
      return integration.initialSync ? progressText(integration.initialSync, tr) : t('status.queuedAction');
    case 'active':
      return t('status.activeSince', { date: tr.dateTime(integration.lastSyncAt) });
    case 'unlinked':
      return t('status.unlinkedAction');
    default:
      return '';
  }
}

/** "1,200 of 5,400 emails read · about 3 minutes left", or the folders done while the total is unknown. */
export function progressText(progress: InitialSync, tr: Translator): string {
  if (progress.messagesTotal === null)
    return [
      tr.plural('progress.read', progress.messagesSeen),
      tr.t('progress.folders', { done: progress.foldersDone, total: progress.foldersTotal }),
    ].join(' · ');
  const read = tr.plural('progress.readOf', progress.messagesTotal, {
    seen: tr.number(progress.messagesSeen),
  });
  return progress.secondsLeft === null
    ? read
    : `${read} · ${tr.t('progress.timeLeft', { duration: tr.duration(progress.secondsLeft) })}`;
}

/** The progress bar's fill: messages of the total, or folders while the total is unknown. */
export function progressValue(progress: InitialSync): number | null {
  if (progress.messagesTotal !== null)
    return progress.messagesTotal === 0 ? 1 : progress.messagesSeen / progress.messagesTotal;
  return progress.foldersTotal > 0 ? progress.foldersDone / progress.foldersTotal : null;
}
