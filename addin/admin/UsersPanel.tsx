import {
  Badge,
  Button,
  Checkbox,
  Field,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  SearchBox,
  Select,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DirectoryUser, IntegrationView, TenantView } from '../../shared/api';
import { inProgress, isErrorKind } from '../../shared/integration-status';
import { isAbort, type ApiClient } from '../common/api';
import { useI18n } from '../common/i18n';
import { ProblemMessage } from '../common/ProblemMessage';
import { useStackedTableStyles } from '../common/stacked-table';
import { StartConfirmDialog, UnlinkConfirmDialog } from './ConfirmDialogs';
import { AttentionList } from './AttentionList';
import { IntegrationStatusCell } from './IntegrationStatusCell';

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalM },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  toolbar: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', flexWrap: 'wrap' },
  pager: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  field: { flex: '1 1 14em', minWidth: 0 },
  kinds: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
});

/** The directory's users: search, pages, checkboxes, start in bulk or per row, retry, unlink. */
export function UsersPanel({
  api,
  tenants,
  enabled,
  pollMs = 3_000,
}: {
  api: ApiClient;
  tenants: TenantView[];
  enabled: boolean;
  pollMs?: number;
}) {
  const tr = useI18n();
  const { t } = tr;
  const styles = useStyles();
  const cards = useStackedTableStyles();
  const consented = tenants.filter((x) => x.consent.state === 'granted');
  const [chosenTenant, setTenantId] = useState<string>('');
  // The first consented directory until the admin picks one (consent may arrive after mounting).
  const tenantId = chosenTenant || consented[0]?.id || '';
  const [search, setSearch] = useState('');
  const [appliedSearch, setAppliedSearch] = useState('');
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [page, setPage] = useState(0);
  const [users, setUsers] = useState<DirectoryUser[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Who the start dialog asks about, and how many of them have no licence (the dialog names that).
  const [confirmStart, setConfirmStart] = useState<{ ids: string[]; unlicensed: number } | null>(null);
  const [confirmUnlink, setConfirmUnlink] = useState<{ userId: string; displayName: string } | null>(null);
  const [integrations, setIntegrations] = useState<IntegrationView[]>([]);
  const [reload, setReload] = useState(0);
  const sequence = useRef(0);
  // Users seen on any page, so a selection spanning pages still knows who has no licence.
  const seen = useRef(new Map<string, DirectoryUser>());

  // Debounced search; a new search starts again at the first page.
  useEffect(() => {
    const timer = setTimeout(() => {
      setAppliedSearch(search.trim());
      setCursors([null]);
      setPage(0);
    }, 300);
    return () => clearTimeout(timer);
  }, [search]);

  const cursor = cursors[page] ?? null;
  useEffect(() => {
    if (!tenantId) return;
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

  // Refresh while any user on the page is queued or syncing, so progress moves on screen.
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

  if (consented.length === 0) return <p>{t('users.needsConsent')}</p>;
  const tenantName = consented.find((x) => x.id === tenantId)?.displayName ?? tenantId;
  // Guests are never started: their mail is in their own organisation.
  const pageIds = users?.filter((u) => !u.guest).map((u) => u.id) ?? [];
  const askToStart = (ids: string[]) =>
    setConfirmStart({ ids, unlicensed: ids.filter((id) => seen.current.get(id)?.licensed === false).length });
  const allSelected = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  const someSelected = pageIds.some((id) => selected.has(id));

  return (
    <section className={styles.root} aria-labelledby="users-heading">
      <h2 id="users-heading" className={styles.heading}>
        {t('users.heading')}
      </h2>
      {!enabled && (
        <MessageBar intent="warning">
          <MessageBarBody>{t('users.needsEnabled')}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.toolbar}>
        <Field label={t('users.tenant')} className={styles.field}>
          <Select
            value={tenantId}
            onChange={(_e, d) => {
              setTenantId(d.value);
              setCursors([null]);
              setPage(0);
              setSelected(new Set());
              setUsers(null);
            }}
            data-testid="users-tenant"
          >
            {consented.map((x) => (
              <option key={x.id} value={x.id}>
                {x.displayName ?? x.id}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('users.search')} className={styles.field}>
          <SearchBox value={search} onChange={(_e, d) => setSearch(d.value)} data-testid="users-search" />
        </Field>
        <Button
          appearance="primary"
          disabled={!enabled || selected.size === 0}
          onClick={() => askToStart([...selected])}
          data-testid="start-selected"
        >
          {t('users.startSelected', { count: tr.number(selected.size) })}
        </Button>
      </div>
      <div aria-live="polite">
        {notice && (
          <MessageBar intent="success">
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        )}
        {error !== null && <ProblemMessage error={error} onRetry={refresh} />}
      </div>
      <AttentionList
        integrations={integrations}
        enabled={enabled}
        onRetry={(i) => void act(() => api.retryIntegration(tenantId, i.userId))}
        onUnlink={(i) => setConfirmUnlink(i)}
      />
      {users === null ? (
        <Spinner size="small" label={t('common.loading')} />
      ) : users.length === 0 ? (
        <p>{t('users.none')}</p>
      ) : (
        <Table
          noNativeElements
          className={cards.table}
          aria-label={t('users.tableLabel', { tenant: tenantName })}
          size="small"
          data-testid="users-table"
        >
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={cards.selectAllCell}>
                <Checkbox
                  checked={allSelected ? true : someSelected ? 'mixed' : false}
                  onChange={() =>
                    setSelected((prev) => {
                      const next = new Set(prev);
                      for (const id of pageIds) {
                        if (allSelected) next.delete(id);
                        else next.add(id);
                      }
                      return next;
                    })
                  }
                  aria-label={t('users.selectAll')}
                />
                <span className={cards.label} aria-hidden="true">
                  {t('users.selectAll')}
                </span>
              </TableHeaderCell>
              <TableHeaderCell className={mergeClasses(cards.wide3, cards.narrowHidden)}>
                {t('users.colName')}
              </TableHeaderCell>
              <TableHeaderCell className={mergeClasses(cards.wide3, cards.narrowHidden)}>
                {t('users.colStatus')}
              </TableHeaderCell>
              <TableHeaderCell className={mergeClasses(cards.wide2, cards.narrowHidden)}>
                {t('users.colActions')}
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {users.map((user) => {
              const status = user.integration?.status ?? null;
              const canStart = !user.guest && (status === null || status === 'unlinked');
              return (
                <TableRow
                  key={user.id}
                  className={cards.selectableRow}
                  data-testid={`user-${user.userPrincipalName}`}
                >
                  <TableCell className={cards.selectionCell}>
                    <Checkbox
                      disabled={user.guest}
                      checked={selected.has(user.id)}
                      onChange={(_e, d) =>
                        setSelected((prev) => {
                          const next = new Set(prev);
                          if (d.checked) next.add(user.id);
                          else next.delete(user.id);
                          return next;
                        })
                      }
                      aria-label={t('users.select', { name: user.displayName })}
                    />
                  </TableCell>
                  <TableCell className={mergeClasses(cards.cell, cards.wide3)}>
                    <div>{user.displayName}</div>
                    <div className={styles.muted}>{user.mail ?? user.userPrincipalName}</div>
                    {user.jobTitle && <div className={styles.muted}>{user.jobTitle}</div>}
                    {(user.guest || !user.licensed) && (
                      <div className={styles.kinds}>
                        {user.guest ? (
                          <Badge appearance="outline" color="informative" data-testid="guest-badge">
                            {t('users.guest')}
                          </Badge>
                        ) : (
                          <Badge appearance="outline" color="warning" data-testid="unlicensed-badge">
                            {t('users.unlicensed')}
                          </Badge>
                        )}
                        <span className={styles.muted}>
                          {t(user.guest ? 'users.guestHint' : 'users.unlicensedHint')}
                        </span>
                      </div>
                    )}
                  </TableCell>
                  <TableCell className={mergeClasses(cards.cell, cards.wide3)}>
                    <IntegrationStatusCell integration={user.integration} name={user.displayName} />
                  </TableCell>
                  <TableCell className={mergeClasses(cards.cell, cards.wide2)}>
                    <div className={styles.actions}>
                      {canStart && (
                        <Button
                          size="small"
                          disabled={!enabled}
                          onClick={() => askToStart([user.id])}
                          aria-label={t('users.startName', { name: user.displayName })}
                        >
                          {t('users.start')}
                        </Button>
                      )}
                      {isErrorKind(status) && (
                        <Button
                          size="small"
                          disabled={!enabled}
                          onClick={() => void act(() => api.retryIntegration(tenantId, user.id))}
                          aria-label={t('users.retryName', { name: user.displayName })}
                        >
                          {t('users.retry')}
                        </Button>
                      )}
                      {status && status !== 'unlinked' && (
                        <Button
                          size="small"
                          onClick={() => setConfirmUnlink({ userId: user.id, displayName: user.displayName })}
                          aria-label={t('users.unlinkName', { name: user.displayName })}
                        >
                          {t('users.unlink')}
                        </Button>
                      )}
                    </div>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
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
          data-testid="next-page"
        >
          {t('common.next')}
        </Button>
      </nav>
      <StartConfirmDialog
        open={confirmStart !== null}
        count={confirmStart?.ids.length ?? 0}
        notice={
          confirmStart?.unlicensed ? tr.plural('users.unlicensedNotice', confirmStart.unlicensed) : null
        }
        onCancel={() => setConfirmStart(null)}
        onConfirm={() => {
          const ids = confirmStart?.ids ?? [];
          // The dialog named the users without a licence: confirming starts them too.
          const options = { confirmUnlicensed: (confirmStart?.unlicensed ?? 0) > 0 };
          setConfirmStart(null);
          setSelected(new Set());
          void act(
            () =>
              ids.length === 1
                ? api.startIntegration(tenantId, ids[0]!, undefined, options)
                : api.startIntegrations(tenantId, ids, undefined, options),
            tr.plural('users.started', ids.length),
          );
        }}
      />
      <UnlinkConfirmDialog
        open={confirmUnlink !== null}
        name={confirmUnlink?.displayName ?? ''}
        onCancel={() => setConfirmUnlink(null)}
        onConfirm={() => {
          const user = confirmUnlink!;
          setConfirmUnlink(null);
          void act(() => api.unlinkIntegration(tenantId, user.userId));
        }}
      />
    </section>
  );
}
