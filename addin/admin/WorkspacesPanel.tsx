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
import type { WorkspacesResponse } from '../../shared/workspaces';
import type { ApiClient } from '../common/api';
import { useI18n } from '../common/i18n';
import type { OfficeHost } from '../common/office';
import { ProblemMessage } from '../common/ProblemMessage';
import { DetachWorkspaceDialog } from './DetachWorkspaceDialog';
import { WorkspaceUsers } from './WorkspaceUsers';

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  form: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all' },
});

const domainPattern = /^[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+$/;

/** The Google sign-in dialog: our page redirects to Google; the landing page reports back. */
function runWorkspaceSignIn(office: OfficeHost, url: string): Promise<ConsentResult | null> {
  return new Promise((resolve, reject) => {
    let handle: { close(): void } | null = null;
    let done = false;
    const finish = (result: ConsentResult | null) => {
      if (done) return;
      done = true;
      handle?.close();
      resolve(result);
    };
    office
      .openDialog(url, {
        onMessage(raw) {
          try {
            finish(JSON.parse(raw) as ConsentResult);
          } catch {
            finish(null);
          }
        },
        onClosed: () => finish(null),
      })
      .then((h) => {
        handle = h;
        if (done) h.close();
      }, reject);
  });
}

/**
 * Google Workspace domains of the organisation, in the directories section beside the Entra
 * tenants: the client ID and scopes to authorize for domain-wide delegation, registering a domain
 * (its admin signs in with Google), detaching one, and its users' Gmail mailboxes (WorkspaceUsers).
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
  const tr = useI18n();
  const { t } = tr;
  const styles = useStyles();
  const [state, setState] = useState<WorkspacesResponse | null>(null);
  const [domain, setDomain] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ConsentResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Whose users are listed below the Workspaces.
  const [usersOf, setUsersOf] = useState<string | null>(null);
  const [confirmDetach, setConfirmDetach] = useState<{ id: string; domain: string } | null>(null);
  const [detached, setDetached] = useState<string | null>(null);

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

  const detach = (id: string) => {
    setConfirmDetach(null);
    setDetached(null);
    void act(async () => {
      const outcome = await api.detachWorkspace(id);
      if (usersOf === id) setUsersOf(null);
      setDetached(
        tr.plural('workspaces.detached', outcome.integrationsStopped, {
          domain: outcome.workspace.primaryDomain,
        }),
      );
      load();
    });
  };

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
        {detached && (
          <MessageBar intent="success" data-testid="workspace-detached">
            <MessageBarBody>{detached}</MessageBarBody>
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
                  <Button size="small" disabled={busy} onClick={() => setUsersOf(w.id)}>
                    {t('workspaces.users')}
                  </Button>
                  <Button
                    size="small"
                    disabled={busy}
                    onClick={() => setConfirmDetach({ id: w.id, domain: w.primaryDomain })}
                  >
                    {t('workspaces.detach')}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {usersOf && <WorkspaceUsers key={usersOf} api={api} customerId={usersOf} enabled={enabled} />}
      <DetachWorkspaceDialog
        domain={confirmDetach?.domain ?? null}
        onCancel={() => setConfirmDetach(null)}
        onConfirm={() => detach(confirmDetach!.id)}
      />
    </section>
  );
}
