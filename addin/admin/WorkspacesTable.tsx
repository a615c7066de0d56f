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
import type { WorkspacesResponse } from '../../shared/workspaces';
import { useI18n } from '../common/i18n';
import { useStackedTableStyles } from '../common/stacked-table';

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

/**
 * The organisation's Google Workspaces: whether every scope is authorized, their users, detaching
 * one. In a narrow pane each Workspace is a card (common/stacked-table.ts).
 */
export function WorkspacesTable({
  workspaces,
  busy,
  onShowUsers,
  onDetach,
}: {
  workspaces: WorkspacesResponse['workspaces'];
  busy: boolean;
  onShowUsers: (customerId: string) => void;
  onDetach: (customerId: string, primaryDomain: string) => void;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  const cards = useStackedTableStyles();
  return (
    <Table noNativeElements className={cards.table} size="small" aria-label={t('workspaces.heading')}>
      <TableHeader className={cards.header}>
        <TableRow>
          <TableHeaderCell className={cards.wide2}>{t('workspaces.colDomain')}</TableHeaderCell>
          <TableHeaderCell className={cards.wide2}>{t('workspaces.colDelegation')}</TableHeaderCell>
          <TableHeaderCell className={cards.wide2}>{t('tenants.colActions')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {workspaces.map((w) => (
          <TableRow key={w.id} className={cards.row}>
            <TableCell className={mergeClasses(cards.cell, cards.wide2)}>
              <div>{w.primaryDomain}</div>
              <div className={styles.muted}>{w.id}</div>
            </TableCell>
            <TableCell className={mergeClasses(cards.cell, cards.wide2)}>
              {w.missingScopes.length === 0
                ? t('workspaces.delegationComplete')
                : t('workspaces.delegationMissing', { scopes: w.missingScopes.join(', ') })}
            </TableCell>
            <TableCell className={mergeClasses(cards.cell, cards.wide2)}>
              <div className={styles.actions}>
                <Button size="small" disabled={busy} onClick={() => onShowUsers(w.id)}>
                  {t('workspaces.users')}
                </Button>
                <Button size="small" disabled={busy} onClick={() => onDetach(w.id, w.primaryDomain)}>
                  {t('workspaces.detach')}
                </Button>
              </div>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
