import { Badge, makeStyles, ProgressBar, tokens } from '@fluentui/react-components';
import type { MeResponse } from '../../shared/api';
import { useI18n } from '../common/i18n';
import {
  progressText,
  progressValue,
  statusColor,
  statusDetail,
  statusLabel,
} from '../common/integration-text';

const useStyles = makeStyles({
  root: {
    display: 'grid',
    gap: '2px',
    fontSize: tokens.fontSizeBase200,
    padding: `${tokens.spacingVerticalXS} 0`,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    marginTop: tokens.spacingVerticalM,
  },
  line: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  detail: { color: tokens.colorNeutralForeground2 },
});

/** The signed-in person's own mailbox integration, with what it means for them. */
export function OwnStatus({ me }: { me: MeResponse }) {
  const tr = useI18n();
  const styles = useStyles();
  const integration = me.integration;
  const progress = integration?.status === 'syncing' ? integration.initialSync : null;
  const value = progress ? progressValue(progress) : null;
  return (
    <section className={styles.root} aria-label={tr.t('status.heading')} data-testid="own-status">
      <span className={styles.line}>
        <span>{tr.t('status.heading')}</span>
        <Badge appearance="tint" color={statusColor(integration)}>
          {statusLabel(integration, tr.t)}
        </Badge>
      </span>
      <span className={styles.detail}>{statusDetail(integration, tr)}</span>
      {integration?.paused && <span className={styles.detail}>{tr.t('status.paused')}</span>}
      {value !== null && (
        <ProgressBar
          value={value}
          aria-label={tr.t('progress.label', { name: me.user.name })}
          aria-valuetext={progress ? progressText(progress, tr) : undefined}
        />
      )}
    </section>
  );
}
