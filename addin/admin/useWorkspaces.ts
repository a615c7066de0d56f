import { useEffect, useState } from 'react';
import type { ConsentResult } from '../../shared/api';
import type { WorkspacesResponse, WorkspaceUsersResponse } from '../../shared/workspaces';
import type { ApiClient } from '../common/api';
import type { OfficeHost } from '../common/office';
import { runWorkspaceSignIn } from './consent';

/**
 * The Google Workspace section's state and what it asks the API: whether the service offers
 * Google Workspace (and with which client ID and scopes), the organisation's Workspaces,
 * registering one through its admin's Google sign-in, and one Workspace's users with the actions
 * on their Gmail mailboxes (each read the users again).
 */
export function useWorkspaces(api: ApiClient, office: OfficeHost) {
  const [state, setState] = useState<WorkspacesResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ConsentResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [users, setUsers] = useState<{ id: string; page: WorkspaceUsersResponse } | null>(null);
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
  const showUsers = (id: string) => act(async () => setUsers({ id, page: await api.workspaceUsers(id) }));
  /** Acts on one user of the Workspace whose users are shown, then shows them again. */
  const onUser = (work: (customerId: string) => Promise<unknown>) => {
    const customerId = users?.id;
    if (!customerId) return;
    void act(async () => {
      await work(customerId);
      await showUsers(customerId);
    });
  };

  return {
    state,
    busy,
    outcome,
    error,
    users,
    /** Registers the domain and runs its admin's Google sign-in in an Office dialog. */
    register(domain: string) {
      setOutcome(null);
      void act(async () => {
        const registration = await api.registerWorkspace(domain);
        setOutcome(await runWorkspaceSignIn(office, registration.signInUrl));
        setReload((n) => n + 1);
      });
    },
    showUsers: (id: string) => void showUsers(id),
    retry: (userId: string) => onUser((id) => api.retryWorkspaceIntegration(id, userId)),
    unlink: (userId: string) => onUser((id) => api.unlinkWorkspaceIntegration(id, userId)),
    start: (userId: string) => onUser((id) => api.startWorkspaceIntegrations(id, [userId])),
  };
}
