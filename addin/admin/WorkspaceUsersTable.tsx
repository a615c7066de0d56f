import {
  Button,
  makeStyles,
  mergeClasses,
  Table,
  TableBody,
  TableCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { isErrorKind } from '../../shared/integration-status';
import type { WorkspaceUsersResponse } from '../../shared/workspaces';
import { useI18n } from '../common/i18n';
import { useStackedTableStyles } from '../common/stacked-table';
import { IntegrationStatusCell } from './IntegrationStatusCell';

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

/**
 * A Google Workspace's users with their Gmail mailbox's status: retry one in an error kind,
 * unlink one that is linked, start one that is not (unless Google has suspended the account). In a
 * narrow pane each user is a card (common/stacked-table.ts).
 */
export function WorkspaceUsersTable({
  users,
  busy,
  enabled,
  onRetry,
  onUnlink,
  onStart,
}: {
  users: WorkspaceUsersResponse['users'];
  busy: boolean;
  enabled: boolean;
  onRetry: (userId: string) => void;
  onUnlink: (userId: string) => void;
  onStart: (userId: string) => void;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  const cards = useStackedTableStyles();
  return (
    <Table noNativeElements className={cards.table} size="small" aria-label={t('workspaces.users')}>
      <TableBody>
        {users.map((u) => (
          <TableRow key={u.id} className={cards.row}>
            <TableCell className={mergeClasses(cards.cell, cards.wide2)}>
              <div>{u.displayName}</div>
              <div className={styles.muted}>{u.mail}</div>
            </TableCell>
            <TableCell className={mergeClasses(cards.cell, cards.wide2)}>
              <IntegrationStatusCell integration={u.integration} name={u.displayName} />
            </TableCell>
            <TableCell className={mergeClasses(cards.cell, cards.wide2)}>
              <div className={styles.actions}>
                {isErrorKind(u.integration?.status) && (
                  <Button size="small" disabled={busy || !enabled} onClick={() => onRetry(u.id)}>
                    {t('users.retry')}
                  </Button>
                )}
                {u.integration && u.integration.status !== 'unlinked' ? (
                  <Button size="small" disabled={busy} onClick={() => onUnlink(u.id)}>
                    {t('users.unlink')}
                  </Button>
                ) : (
                  <Button
                    size="small"
                    disabled={busy || !enabled || u.suspended}
                    onClick={() => onStart(u.id)}
                  >
                    {t('users.start')}
                  </Button>
                )}
              </div>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
