import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../common/api';
import { useI18n } from '../common/i18n';
import { ProblemMessage } from '../common/ProblemMessage';
import { StartConfirmDialog } from './ConfirmDialogs';
import { useWorkspaceUsers } from './useWorkspaceUsers';
import { WorkspaceUsersTable } from './WorkspaceUsersTable';

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalS },
  pager: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

/** The users of one Google Workspace: their table, its pager and the start confirmation. */
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
  const list = useWorkspaceUsers(api, customerId);
  const [confirmStart, setConfirmStart] = useState<string | null>(null);
  return (
    <div className={styles.root} data-testid="workspace-users">
      {list.error !== null && <ProblemMessage error={list.error} />}
      {list.users && (
        <WorkspaceUsersTable
          users={list.users.users}
          busy={list.busy}
          enabled={enabled}
          onRetry={list.retry}
          onUnlink={list.unlink}
          onStart={setConfirmStart}
        />
      )}
      {(list.page > 0 || list.hasNext) && (
        <nav className={styles.pager} aria-label={t('users.page', { page: list.page + 1 })}>
          <Button size="small" disabled={list.page === 0} onClick={list.previous}>
            {t('common.previous')}
          </Button>
          <span>{t('users.page', { page: list.page + 1 })}</span>
          <Button
            size="small"
            disabled={!list.hasNext}
            onClick={list.next}
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
          list.start(userId);
        }}
      />
    </div>
  );
}
