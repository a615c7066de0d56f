import { MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../common/api';
import { useI18n } from '../common/i18n';
import type { OfficeHost } from '../common/office';
import { ProblemMessage } from '../common/ProblemMessage';
import { StartConfirmDialog } from './ConfirmDialogs';
import { useWorkspaces } from './useWorkspaces';
import { WorkspacesTable } from './WorkspacesTable';
import { WorkspacesToolbar } from './WorkspacesToolbar';
import { WorkspaceUsersTable } from './WorkspaceUsersTable';

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all' },
});

/**
 * Google Workspace domains of the organisation, in the directories section beside the Entra
 * tenants: the client ID and scopes to authorize for domain-wide delegation, registering a domain
 * (its admin signs in with Google), and starting or unlinking its users' Gmail mailboxes.
 * useWorkspaces holds the state; this section lays out its toolbar, tables and dialog.
 */
export function WorkspacesPanel({
  office,
  api,
  enabled,
}: {
  office: OfficeHost;
  api: ApiClient;
  enabled: boolean;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  const workspaces = useWorkspaces(api, office);
  const [confirmStart, setConfirmStart] = useState<string | null>(null);
  const { state, outcome, error, users, busy } = workspaces;

  if (!state?.configured) return null;
  return (
    <section aria-labelledby="workspaces-heading" className={styles.root} data-testid="workspaces">
      <h2 id="workspaces-heading" className={styles.heading}>
        {t('workspaces.heading')}
      </h2>
      <p className={styles.muted}>{t('workspaces.intro')}</p>
      <div>
        <div>{t('workspaces.clientId')}</div>
        <div className={styles.code} data-testid="workspace-client-id">
          {state.clientId}
        </div>
        <div>{t('workspaces.scopes')}</div>
        <div className={styles.code}>{state.scopes.join(',')}</div>
      </div>
      <WorkspacesToolbar busy={busy} onRegister={workspaces.register} />
      <div aria-live="polite">
        {outcome && (
          <MessageBar intent={outcome.status === 'granted' ? 'success' : 'warning'}>
            <MessageBarBody>{outcome.message}</MessageBarBody>
          </MessageBar>
        )}
        {error !== null && <ProblemMessage error={error} />}
      </div>
      {state.workspaces.length > 0 && (
        <WorkspacesTable workspaces={state.workspaces} busy={busy} onShowUsers={workspaces.showUsers} />
      )}
      {users && (
        <WorkspaceUsersTable
          users={users.page.users}
          busy={busy}
          enabled={enabled}
          onRetry={workspaces.retry}
          onUnlink={workspaces.unlink}
          onStart={setConfirmStart}
        />
      )}
      <StartConfirmDialog
        open={confirmStart !== null}
        count={1}
        onCancel={() => setConfirmStart(null)}
        onConfirm={() => {
          const userId = confirmStart!;
          setConfirmStart(null);
          workspaces.start(userId);
        }}
      />
    </section>
  );
}
