import {
  Button,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { errorStatuses } from '../../shared/integration-status';
import type { WorkspaceUsersResponse } from '../../shared/workspaces';
import { isAbort, type ApiClient } from '../common/api';
import { useI18n } from '../common/i18n';
import { ProblemMessage } from '../common/ProblemMessage';
import { StartConfirmDialog } from './ConfirmDialogs';
import { IntegrationStatusCell } from './IntegrationStatusCell';

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalS },
  pager: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/**
 * The users of one Google Workspace, a page at a time (the Directory API's pages, as the Microsoft
 * 365 users list pages through Graph's): start, retry or unlink each one's Gmail mailbox.
 */
export function WorkspaceUsers({
  api,
  customerId,
  enabled,
}: {
  api: ApiClient;
  customerId: string;
  enabled: boolean;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  // The cursor of every page seen so far: going back re-reads a page, as the users list does.
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [page, setPage] = useState(0);
  const [users, setUsers] = useState<WorkspaceUsersResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [confirmStart, setConfirmStart] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const sequence = useRef(0);

  const cursor = cursors[page] ?? null;
  useEffect(() => {
    const mine = ++sequence.current;
    const controller = new AbortController();
    api.workspaceUsers(customerId, { cursor }, controller.signal).then(
      (result) => {
        if (mine !== sequence.current) return;
        setUsers(result);
        setError(null);
      },
      (err: unknown) => {
        if (!isAbort(err) && mine === sequence.current) setError(err);
      },
    );
    return () => controller.abort();
  }, [api, customerId, cursor, reload]);

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      setReload((n) => n + 1);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const nextCursor = users?.nextCursor ?? null;
  return (
    <div className={styles.root} data-testid="workspace-users">
      {error !== null && <ProblemMessage error={error} />}
      {users && (
        <Table size="small" aria-label={t('workspaces.users')}>
          <TableBody>
            {users.users.map((u) => (
              <TableRow key={u.id}>
                <TableCell>
                  <div>{u.displayName}</div>
                  <div className={styles.muted}>{u.mail}</div>
                </TableCell>
                <TableCell>
                  <IntegrationStatusCell integration={u.integration} name={u.displayName} />
                </TableCell>
                <TableCell>
                  {u.integration && errorStatuses.has(u.integration.status) && (
                    <Button
                      size="small"
                      disabled={busy || !enabled}
                      onClick={() => void act(() => api.retryWorkspaceIntegration(customerId, u.id))}
                    >
                      {t('users.retry')}
                    </Button>
                  )}
                  {u.integration && u.integration.status !== 'unlinked' ? (
                    <Button
                      size="small"
                      disabled={busy}
                      onClick={() => void act(() => api.unlinkWorkspaceIntegration(customerId, u.id))}
                    >
                      {t('users.unlink')}
                    </Button>
                  ) : (
                    <Button
                      size="small"
                      disabled={busy || !enabled || u.suspended}
                      onClick={() => setConfirmStart(u.id)}
                    >
                      {t('users.start')}
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {(page > 0 || nextCursor) && (
        <nav className={styles.pager} aria-label={t('users.page', { page: page + 1 })}>
          <Button size="small" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
            {t('common.previous')}
          </Button>
          <span>{t('users.page', { page: page + 1 })}</span>
          <Button
            size="small"
            disabled={!nextCursor}
            onClick={() => {
              setCursors((prev) => [...prev.slice(0, page + 1), nextCursor]);
              setPage((p) => p + 1);
            }}
            data-testid="workspace-users-next"
          >
            {t('common.next')}
          </Button>
        </nav>
      )}
      <StartConfirmDialog
        open={confirmStart !== null}
        count={1}
        onCancel={() => setConfirmStart(null)}
        onConfirm={() => {
          const userId = confirmStart!;
          setConfirmStart(null);
          void act(() => api.startWorkspaceIntegrations(customerId, [userId]));
        }}
      />
    </div>
  );
}
