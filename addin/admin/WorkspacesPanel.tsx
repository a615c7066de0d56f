import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ConsentResult } from '../../shared/api';
import type { WorkspacesResponse, WorkspaceUsersResponse } from '../../shared/workspaces';
import type { ApiClient } from '../common/api';
import { useI18n } from '../common/i18n';
import type { OfficeHost } from '../common/office';
import { ProblemMessage } from '../common/ProblemMessage';
import { StartConfirmDialog } from './ConfirmDialogs';
import { runWorkspaceSignIn } from './consent';
import { WorkspaceUsersTable } from './WorkspaceUsersTable';

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  form: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all' },
});

const domainPattern = /^[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+$/;

/**
 * Google Workspace domains of the organisation, in the directories section beside the Entra
 * tenants: the client ID and scopes to authorize for domain-wide delegation, registering a domain
 * (its admin signs in with Google), and starting or unlinking its users' Gmail mailboxes.
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
  const [state, setState] = useState<WorkspacesResponse | null>(null);
  const [domain, setDomain] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ConsentResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [users, setUsers] = useState<{ id: string; page: WorkspaceUsersResponse } | null>(null);
  const [confirmStart, setConfirmStart] = useState<string | null>(null);

  const [reload, setReload] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    // Failing to load means the service does not offer Google Workspace to this pane.
    api.workspaces(controller.signal).then(setState, () => setState(null));
    return () => controller.abort();
  }, [api, reload]);
  const load = () => setReload((n) => n + 1);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const register = (event: React.FormEvent) => {
    event.preventDefault();
    const name = domain.trim().toLowerCase();
    if (!domainPattern.test(name)) return setInvalid(true);
    setInvalid(false);
    setOutcome(null);
    void act(async () => {
      const registration = await api.registerWorkspace(name);
      setOutcome(await runWorkspaceSignIn(office, registration.signInUrl));
      load();
    });
  };

  const showUsers = (id: string) => act(async () => setUsers({ id, page: await api.workspaceUsers(id) }));

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
      <form className={styles.form} onSubmit={register}>
        <Field
          label={t('workspaces.domainLabel')}
          validationState={invalid ? 'error' : 'none'}
          validationMessage={invalid ? t('workspaces.domainInvalid') : undefined}
        >
          <Input value={domain} onChange={(_e, d) => setDomain(d.value)} placeholder="example.com" />
        </Field>
        <Button appearance="primary" type="submit" disabled={busy}>
          {t('workspaces.register')}
        </Button>
      </form>
      <div aria-live="polite">
        {outcome && (
          <MessageBar intent={outcome.status === 'granted' ? 'success' : 'warning'}>
            <MessageBarBody>{outcome.message}</MessageBarBody>
          </MessageBar>
        )}
        {error !== null && <ProblemMessage error={error} />}
      </div>
      {state.workspaces.length > 0 && (
        <Table size="small" aria-label={t('workspaces.heading')}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('workspaces.colDomain')}</TableHeaderCell>
              <TableHeaderCell>{t('workspaces.colDelegation')}</TableHeaderCell>
              <TableHeaderCell>{t('tenants.colActions')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {state.workspaces.map((w) => (
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
                  <Button size="small" disabled={busy} onClick={() => void showUsers(w.id)}>
                    {t('workspaces.users')}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {users && (
        <WorkspaceUsersTable
          users={users.page.users}
          busy={busy}
          enabled={enabled}
          onRetry={(userId) =>
            void act(async () => {
              await api.retryWorkspaceIntegration(users.id, userId);
              await showUsers(users.id);
            })
          }
          onUnlink={(userId) =>
            void act(async () => {
              await api.unlinkWorkspaceIntegration(users.id, userId);
              await showUsers(users.id);
            })
          }
          onStart={setConfirmStart}
        />
      )}
      <StartConfirmDialog
        open={confirmStart !== null}
        count={1}
        onCancel={() => setConfirmStart(null)}
        onConfirm={() => {
          const userId = confirmStart!;
          const customerId = users!.id;
          setConfirmStart(null);
          void act(async () => {
            await api.startWorkspaceIntegrations(customerId, [userId]);
            await showUsers(customerId);
          });
        }}
      />
    </section>
  );
}
