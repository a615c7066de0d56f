import {
  Button,
  makeStyles,
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

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** The organisation's Google Workspaces: whether every scope is authorized, and their users. */
export function WorkspacesTable({
  workspaces,
  busy,
  onShowUsers,
}: {
  workspaces: WorkspacesResponse['workspaces'];
  busy: boolean;
  onShowUsers: (customerId: string) => void;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <Table size="small" aria-label={t('workspaces.heading')}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t('workspaces.colDomain')}</TableHeaderCell>
          <TableHeaderCell>{t('workspaces.colDelegation')}</TableHeaderCell>
          <TableHeaderCell>{t('tenants.colActions')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {workspaces.map((w) => (
          <TableRow key={w.id}>
            <TableCell>
              <div>{w.primaryDomain}</div>
              <div className={styles.muted}>{w.id}</div>
            </TableCell>
            <TableCell>
              {w.missingScopes.length === 0
                ? t('workspaces.delegationComplete')
                : t('workspaces.delegationMissing', { scopes: w.missingScopes.join(', ') })}
            </TableCell>
            <TableCell>
              <Button size="small" disabled={busy} onClick={() => onShowUsers(w.id)}>
                {t('workspaces.users')}
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
