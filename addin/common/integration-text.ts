import type { IntegrationView } from '../../shared/api';
import {
  isErrorKind,
  type ErrorAction,
  type ErrorKind,
  type IntegrationStatus,
} from '../../shared/integration-status';
import type { MessageKey, Translator } from './i18n';

type InitialSync = NonNullable<IntegrationView['initialSync']>;
type BadgeColor = 'success' | 'warning' | 'danger' | 'informative' | 'subtle';

/**
 * The words of each status and error action, keyed by the one list in shared/integration-status.ts:
 * a status or action without its `status.…` / `action.…` message in the resources fails to
 * compile here (and the resource test then asks every language for it).
 */
export const statusKey = (status: IntegrationStatus): MessageKey => `status.${status}`;
export const actionKey = (action: ErrorAction): MessageKey => `action.${action}`;

/** Every error kind is danger; each other state has its own colour (a new one fails to compile). */
const lifecycleColor: Record<Exclude<IntegrationStatus, ErrorKind>, BadgeColor> = {
  queued: 'informative',
  syncing: 'informative',
  active: 'success',
  unlinked: 'subtle',
};

/** The status an admin or user sees, in words, and what to do about it. */
export function statusLabel(integration: IntegrationView | null, t: Translator['t']): string {
  return integration ? t(statusKey(integration.status)) : t('status.notStarted');
}

export function statusColor(integration: IntegrationView | null): BadgeColor {
  const status = integration?.status;
  if (!status) return 'subtle';
  return isErrorKind(status) ? 'danger' : lifecycleColor[status];
}

/** A sentence about the state: progress, last sync, or the error's plain-language action. */
export function statusDetail(integration: IntegrationView | null, tr: Translator): string {
  const { t } = tr;
  if (!integration) return t('status.notStartedAction');
  if (integration.lastError && isErrorKind(integration.status))
    return t(actionKey(integration.lastError.action));
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
