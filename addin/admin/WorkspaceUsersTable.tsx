import {
  Button,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { isErrorKind } from '../../shared/integration-status';
import type { WorkspaceUsersResponse } from '../../shared/workspaces';
import { useI18n } from '../common/i18n';
import { IntegrationStatusCell } from './IntegrationStatusCell';

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/**
 * A Google Workspace's users with their Gmail mailbox's status: retry one in an error kind,
 * unlink one that is linked, start one that is not (unless Google has suspended the account).
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
  return (
    <Table size="small" aria-label={t('workspaces.users')}>
      <TableBody>
        {users.map((u) => (
          <TableRow key={u.id}>
            <TableCell>
              <div>{u.displayName}</div>
              <div className={styles.muted}>{u.mail}</div>
            </TableCell>
            <TableCell>
              <IntegrationStatusCell integration={u.integration} name={u.displayName} />
            </TableCell>
            <TableCell>
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
                <Button size="small" disabled={busy || !enabled || u.suspended} onClick={() => onStart(u.id)}>
                  {t('users.start')}
                </Button>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
