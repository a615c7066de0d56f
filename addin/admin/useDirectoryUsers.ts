import { useCallback, useEffect, useRef, useState } from 'react';
import type { DirectoryUser, IntegrationView, TenantView } from '../../shared/api';
import { inProgress } from '../../shared/integration-status';
import { isAbort, type ApiClient } from '../common/api';

/** How long typing must pause before the search is sent. */
const searchDebounceMs = 300;

/**
 * The users section's state and what it asks the API: a consented directory's users by debounced
 * search and cursor pages, all of that directory's integrations, a selection that spans pages and
 * searches, polling while anything is queued or syncing, and the actions on users. The table and
 * the toolbar only show what this holds and call back.
 */
export function useDirectoryUsers(api: ApiClient, tenants: TenantView[], pollMs: number) {
  const consented = tenants.filter((x) => x.consent.state === 'granted');
  const [chosenTenant, setChosenTenant] = useState('');
  // The first consented directory until the admin picks one (consent may arrive after mounting).
  const tenantId = chosenTenant || consented[0]?.id || '';
  const [search, setSearch] = useState('');
  const [appliedSearch, setAppliedSearch] = useState('');
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [page, setPage] = useState(0);
  const [users, setUsers] = useState<DirectoryUser[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [integrations, setIntegrations] = useState<IntegrationView[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const sequence = useRef(0);
  // Users seen on any page, so a selection spanning pages still knows who has no licence.
  const seen = useRef(new Map<string, DirectoryUser>());

  // A new search starts again at the first page, once typing pauses.
  useEffect(() => {
    const timer = setTimeout(() => {
      setAppliedSearch(search.trim());
      setCursors([null]);
      setPage(0);
    }, searchDebounceMs);
    return () => clearTimeout(timer);
  }, [search]);

  const cursor = cursors[page] ?? null;
  useEffect(() => {
    if (!tenantId) return;
    // Only the newest request may fill the table: an older answer can arrive after it.
    const mine = ++sequence.current;
    const controller = new AbortController();
    api
      .directoryUsers(tenantId, { search: appliedSearch || undefined, cursor }, controller.signal)
      .then((result) => {
        if (mine !== sequence.current) return;
        for (const u of result.users) seen.current.set(u.id, u);
        setUsers(result.users);
        setNextCursor(result.nextCursor);
        setError(null);
      })
      .catch((err: unknown) => {
        if (!isAbort(err) && mine === sequence.current) setError(err);
      });
    return () => controller.abort();
  }, [api, tenantId, appliedSearch, cursor, reload]);

  // All of the directory's integrations: progress by status, and errors of users no longer listed.
  useEffect(() => {
    if (!tenantId) return;
    const controller = new AbortController();
    api.integrations({ tenantId }, controller.signal).then(
      (r) => setIntegrations(r.integrations),
      () => undefined,
    );
    return () => controller.abort();
  }, [api, tenantId, reload]);

  // Read again while any user on the page is queued or syncing, so progress moves on screen.
  const busy =
    (users?.some((u) => u.integration && inProgress.has(u.integration.status)) ?? false) ||
    integrations.some((i) => inProgress.has(i.status));
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => setReload((n) => n + 1), pollMs);
    return () => clearInterval(timer);
  }, [busy, pollMs]);

  const refresh = useCallback(() => setReload((n) => n + 1), []);
  const act = async (work: () => Promise<unknown>, done?: string) => {
    setError(null);
    setNotice(null);
    try {
      await work();
      if (done) setNotice(done);
    } catch (err) {
      setError(err);
    }
    refresh();
  };

  // Guests are never started: their mail is in their own organisation.
  const pageIds = users?.filter((u) => !u.guest).map((u) => u.id) ?? [];
  const allSelected = pageIds.length > 0 && pageIds.every((id) => selected.has(id));

  return {
    consented,
    tenantId,
    tenantName: consented.find((x) => x.id === tenantId)?.displayName ?? tenantId,
    chooseTenant(id: string) {
      setChosenTenant(id);
      setCursors([null]);
      setPage(0);
      setSelected(new Set());
      setUsers(null);
    },
    search,
    setSearch,
    users,
    integrations,
    page,
    hasNext: nextCursor !== null,
    nextPage() {
      setCursors((prev) => [...prev.slice(0, page + 1), nextCursor]);
      setPage((p) => p + 1);
    },
    previousPage: () => setPage((p) => Math.max(0, p - 1)),
    selected,
    selection: allSelected ? true : pageIds.some((id) => selected.has(id)) ? ('mixed' as const) : false,
    select(id: string, on: boolean) {
      setSelected((prev) => {
        const next = new Set(prev);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      });
    },
    /** Selects every startable user of the page, or clears them when all already are. */
    selectPage() {
      setSelected((prev) => {
        const next = new Set(prev);
        for (const id of pageIds) {
          if (allSelected) next.delete(id);
          else next.add(id);
        }
        return next;
      });
    },
    /** How many of these users have no licence, as far as any page read showed. */
    unlicensedAmong: (ids: string[]) => ids.filter((id) => seen.current.get(id)?.licensed === false).length,
    error,
    notice,
    refresh,
    /** Starts these users (the admin confirmed, unlicensed ones included); the selection is spent. */
    start(ids: string[], confirmUnlicensed: boolean, done: string) {
      setSelected(new Set());
      const options = { confirmUnlicensed };
      return act(
        () =>
          ids.length === 1
            ? api.startIntegration(tenantId, ids[0]!, undefined, options)
            : api.startIntegrations(tenantId, ids, undefined, options),
        done,
      );
    },
    retry: (userId: string) => act(() => api.retryIntegration(tenantId, userId)),
    unlink: (userId: string) => act(() => api.unlinkIntegration(tenantId, userId)),
  };
}

export type DirectoryUsers = ReturnType<typeof useDirectoryUsers>;
