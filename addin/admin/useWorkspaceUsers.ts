import { useEffect, useRef, useState } from 'react';
import type { WorkspaceUsersResponse } from '../../shared/workspaces';
import { isAbort, type ApiClient } from '../common/api';

/**
 * One Google Workspace's users, a page at a time (the Directory API's pages, as the Microsoft 365
 * users list pages through Graph's), and the actions on their Gmail mailboxes; each action reads
 * the page again. Only the newest answer fills the table.
 */
export function useWorkspaceUsers(api: ApiClient, customerId: string) {
  // The cursor of every page seen so far: going back re-reads a page, as the users list does.
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [page, setPage] = useState(0);
  const [users, setUsers] = useState<WorkspaceUsersResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
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

  const act = (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    void work()
      .then(() => setReload((n) => n + 1))
      .catch(setError)
      .finally(() => setBusy(false));
  };
  const nextCursor = users?.nextCursor ?? null;

  return {
    users,
    busy,
    error,
    page,
    hasNext: nextCursor !== null,
    next() {
      if (!nextCursor) return;
      setCursors((prev) => [...prev.slice(0, page + 1), nextCursor]);
      setPage((p) => p + 1);
    },
    previous: () => setPage((p) => Math.max(0, p - 1)),
    retry: (userId: string) => act(() => api.retryWorkspaceIntegration(customerId, userId)),
    unlink: (userId: string) => act(() => api.unlinkWorkspaceIntegration(customerId, userId)),
    start: (userId: string) => act(() => api.startWorkspaceIntegrations(customerId, [userId])),
  };
}
