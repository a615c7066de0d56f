import {
  Button,
  makeStyles,
  mergeClasses,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import type { IntegrationView } from '../../shared/api';
import { errorStatuses, integrationStatuses } from '../../shared/integration-status';
import { useI18n } from '../common/i18n';
import { statusKey } from '../common/integration-text';
import { useStackedTableStyles } from '../common/stacked-table';
import { IntegrationStatusCell } from './IntegrationStatusCell';

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300 },
  summary: {
    display: 'flex',
    gap: tokens.spacingHorizontalM,
    flexWrap: 'wrap',
    fontSize: tokens.fontSizeBase200,
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/**
 * Every integration of the directory at a glance (sync progress by status), and the ones in an
 * error state with their action, also for users the directory no longer lists (deleted accounts).
 */
export function AttentionList({
  integrations,
  enabled,
  onRetry,
  onUnlink,
}: {
  integrations: IntegrationView[];
  enabled: boolean;
  onRetry: (i: IntegrationView) => void;
  onUnlink: (i: IntegrationView) => void;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  const cards = useStackedTableStyles();
  const failing = integrations.filter((i) => errorStatuses.has(i.status));
  const counts = integrationStatuses
    .map((status) => [status, integrations.filter((i) => i.status === status).length] as const)
    .filter(([, n]) => n > 0);
  if (integrations.length === 0) return null;
  return (
    <section className={styles.root} aria-labelledby="attention-heading" data-testid="integration-summary">
      <h3 id="attention-heading" className={styles.heading}>
        {t('users.summary')}
      </h3>
      <p className={styles.summary}>
        {counts.map(([status, n]) => (
          <span key={status} data-testid={`summary-${status}`}>
            {t(statusKey(status))}: {n}
          </span>
        ))}
      </p>
      {failing.length > 0 && (
        <Table
          noNativeElements
          className={cards.table}
          size="small"
          aria-label={t('users.attention')}
          data-testid="attention-table"
        >
          <TableHeader className={cards.header}>
            <TableRow>
              <TableHeaderCell className={cards.wide3}>{t('users.colName')}</TableHeaderCell>
              <TableHeaderCell className={cards.wide3}>{t('users.colStatus')}</TableHeaderCell>
              <TableHeaderCell className={cards.wide2}>{t('users.colActions')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {failing.map((i) => (
              <TableRow key={i.userId} className={cards.row} data-testid={`attention-${i.userPrincipalName}`}>
                <TableCell className={mergeClasses(cards.cell, cards.wide3)}>
                  <div>{i.displayName}</div>
                  <div className={styles.muted}>{i.userPrincipalName}</div>
                </TableCell>
                <TableCell className={mergeClasses(cards.cell, cards.wide3)}>
                  <IntegrationStatusCell integration={i} name={i.displayName} />
                </TableCell>
                <TableCell className={mergeClasses(cards.cell, cards.wide2)}>
                  <div className={styles.actions}>
                    <Button
                      size="small"
                      disabled={!enabled}
                      onClick={() => onRetry(i)}
                      aria-label={t('users.retryName', { name: i.displayName })}
                    >
                      {t('users.retry')}
                    </Button>
                    <Button
                      size="small"
                      onClick={() => onUnlink(i)}
                      aria-label={t('users.unlinkName', { name: i.displayName })}
                    >
                      {t('users.unlink')}
                    </Button>
                  </div>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
