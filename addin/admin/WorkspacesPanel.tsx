import { MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../common/api';
import { useI18n } from '../common/i18n';
import type { OfficeHost } from '../common/office';
import { ProblemMessage } from '../common/ProblemMessage';
import { DetachWorkspaceDialog } from './DetachWorkspaceDialog';
import { useWorkspaces } from './useWorkspaces';
import { WorkspacesTable } from './WorkspacesTable';
import { WorkspacesToolbar } from './WorkspacesToolbar';
import { WorkspaceUsers } from './WorkspaceUsers';

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all' },
});

/**
 * Google Workspace domains of the organisation, in the directories section beside the Entra
 * tenants: the client ID and scopes to authorize for domain-wide delegation, registering a domain
 * (its admin signs in with Google), detaching one, and its users' Gmail mailboxes (WorkspaceUsers).
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
  const [confirmDetach, setConfirmDetach] = useState<{ id: string; domain: string } | null>(null);
  const { state, outcome, detached, error, usersOf, busy } = workspaces;

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
        {detached && (
          <MessageBar intent="success" data-testid="workspace-detached">
            <MessageBarBody>{detached}</MessageBarBody>
          </MessageBar>
        )}
        {error !== null && <ProblemMessage error={error} />}
      </div>
      {state.workspaces.length > 0 && (
        <WorkspacesTable
          workspaces={state.workspaces}
          busy={busy}
          onShowUsers={workspaces.showUsers}
          onDetach={(id, domain) => setConfirmDetach({ id, domain })}
        />
      )}
      {usersOf && <WorkspaceUsers key={usersOf} api={api} customerId={usersOf} enabled={enabled} />}
      <DetachWorkspaceDialog
        domain={confirmDetach?.domain ?? null}
        onCancel={() => setConfirmDetach(null)}
        onConfirm={() => {
          const id = confirmDetach!.id;
          setConfirmDetach(null);
          workspaces.detach(id);
        }}
      />
    </section>
  );
}
