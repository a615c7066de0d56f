import { Badge, makeStyles, ProgressBar, tokens } from '@fluentui/react-components';
import type { IntegrationView } from '../../shared/api';
import { useI18n } from '../common/i18n';
import {
  progressText,
  progressValue,
  statusColor,
  statusDetail,
  statusLabel,
} from '../common/integration-text';

const useStyles = makeStyles({
  root: { display: 'grid', gap: '2px', maxWidth: '28em' },
  detail: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  code: {
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase100,
    fontFamily: tokens.fontFamilyMonospace,
  },
});

/**
 * Status badge, the plain-language action for errors (with Graph's code), progress while syncing,
 * and a waiting first sync's place in line with when it should start.
 */
export function IntegrationStatusCell({
  integration,
  name,
}: {
  integration: IntegrationView | null;
  name: string;
}) {
  const tr = useI18n();
  const styles = useStyles();
  const progress = integration?.status === 'syncing' ? integration.initialSync : null;
  const value = progress ? progressValue(progress) : null;
  return (
    <div className={styles.root}>
      <span>
        <Badge
          appearance="filled"
          color={statusColor(integration)}
          data-testid="status-badge"
          data-status={integration?.status ?? 'not_started'}
        >
          {statusLabel(integration, tr.t)}
        </Badge>
      </span>
      {integration && <span className={styles.detail}>{statusDetail(integration, tr)}</span>}
      {integration?.lastError && (
        <span className={styles.code}>
          {tr.t('users.graphCode', {
            code:
              [integration.lastError.graphCode, integration.lastError.httpStatus]
                .filter(Boolean)
                .join(' / ') || '—',
          })}
        </span>
      )}
      {integration && integration.counts.messages > 0 && (
        <span className={styles.detail}>
          {tr.t('users.counts', {
            messages: tr.plural('users.emails', integration.counts.messages),
            points: tr.plural('users.contactPoints', integration.counts.contactPoints),
          })}
        </span>
      )}
      {integration?.paused && <span className={styles.detail}>{tr.t('status.paused')}</span>}
      {integration?.queue && (
        <span className={styles.detail} data-testid="queue-place">
          {integration.queue.estimatedStartAt
            ? tr.t('users.queue', {
                position: tr.number(integration.queue.position),
                time: tr.dateTime(integration.queue.estimatedStartAt),
              })
            : tr.t('users.queueNoEstimate', { position: tr.number(integration.queue.position) })}
        </span>
      )}
      {value !== null && (
        <ProgressBar
          value={value}
          aria-label={tr.t('progress.label', { name })}
          aria-valuetext={progress ? progressText(progress, tr) : undefined}
        />
      )}
    </div>
  );
}
