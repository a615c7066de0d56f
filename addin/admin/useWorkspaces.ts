import { useEffect, useState } from 'react';
import type { ConsentResult } from '../../shared/api';
import type { WorkspacesResponse } from '../../shared/workspaces';
import type { ApiClient } from '../common/api';
import { useI18n } from '../common/i18n';
import type { OfficeHost } from '../common/office';
import { runWorkspaceSignIn } from './consent';

/**
 * The Google Workspace section's state and what it asks the API: whether the service offers
 * Google Workspace (and with which client ID and scopes), the organisation's Workspaces,
 * registering one through its admin's Google sign-in, detaching one, and whose users are shown
 * (useWorkspaceUsers pages through them).
 */
export function useWorkspaces(api: ApiClient, office: OfficeHost) {
  const { plural } = useI18n();
  const [state, setState] = useState<WorkspacesResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ConsentResult | null>(null);
  const [detached, setDetached] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [usersOf, setUsersOf] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    // Failing to load means the service does not offer Google Workspace to this pane.
    api.workspaces(controller.signal).then(setState, () => setState(null));
    return () => controller.abort();
  }, [api, reload]);

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

  return {
    state,
    busy,
    outcome,
    detached,
    error,
    usersOf,
    /** Registers the domain and runs its admin's Google sign-in in an Office dialog. */
    register(domain: string) {
      setOutcome(null);
      void act(async () => {
        const registration = await api.registerWorkspace(domain);
        setOutcome(await runWorkspaceSignIn(office, registration.signInUrl));
        setReload((n) => n + 1);
      });
    },
    showUsers: (id: string) => setUsersOf(id),
    /** Detaches the Workspace (after the admin confirmed) and says how many mailboxes stopped. */
    detach(id: string) {
      setDetached(null);
      void act(async () => {
        const result = await api.detachWorkspace(id);
        setUsersOf((shown) => (shown === id ? null : shown));
        setDetached(
          plural('workspaces.detached', result.integrationsStopped, {
            domain: result.workspace.primaryDomain,
          }),
        );
        setReload((n) => n + 1);
      });
    },
  };
}
