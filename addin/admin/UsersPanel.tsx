import { Button, makeStyles, MessageBar, MessageBarBody, Spinner, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { TenantView } from '../../shared/api';
import type { ApiClient } from '../common/api';
import { useI18n } from '../common/i18n';
import { statusKey } from '../common/integration-text';
import { ProblemMessage } from '../common/ProblemMessage';
import { AttentionList } from './AttentionList';
import { StartConfirmDialog, UnlinkConfirmDialog } from './ConfirmDialogs';
import { useDirectoryUsers } from './useDirectoryUsers';
import { UsersTable } from './UsersTable';
import { UsersToolbar } from './UsersToolbar';

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalM },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  pager: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

/**
 * The directory's users: search, pages, checkboxes, start in bulk or per row, retry, unlink.
 * useDirectoryUsers holds the state; this section lays out its toolbar, table and dialogs.
 */
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
  const directory = useDirectoryUsers(api, tenants, pollMs);
  // Who the start dialog asks about, and how many of them have no licence (the dialog names that).
  const [confirmStart, setConfirmStart] = useState<{ ids: string[]; unlicensed: number } | null>(null);
  const [confirmUnlink, setConfirmUnlink] = useState<{ userId: string; displayName: string } | null>(null);

  if (directory.consented.length === 0) return <p>{t('users.needsConsent')}</p>;
  const askToStart = (ids: string[]) => setConfirmStart({ ids, unlicensed: directory.unlicensedAmong(ids) });
  const unlicensedNotice = confirmStart?.unlicensed
    ? tr.plural('users.unlicensedNotice', confirmStart.unlicensed, {
        // Without a licence there is no mailbox, which the error table calls an Authentication error.
        kind: t(statusKey('authentication_error')),
      })
    : null;

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
      <UsersToolbar
        tenants={directory.consented}
        tenantId={directory.tenantId}
        onTenant={directory.chooseTenant}
        search={directory.search}
        onSearch={directory.setSearch}
        selectedCount={directory.selected.size}
        enabled={enabled}
        onStartSelected={() => askToStart([...directory.selected])}
      />
      <div aria-live="polite">
        {directory.notice && (
          <MessageBar intent="success">
            <MessageBarBody>{directory.notice}</MessageBarBody>
          </MessageBar>
        )}
        {directory.error !== null && <ProblemMessage error={directory.error} onRetry={directory.refresh} />}
      </div>
      <AttentionList
        integrations={directory.integrations}
        enabled={enabled}
        onRetry={(i) => void directory.retry(i.userId)}
        onUnlink={(i) => setConfirmUnlink(i)}
      />
      {directory.users === null ? (
        <Spinner size="small" label={t('common.loading')} />
      ) : directory.users.length === 0 ? (
        <p>{t('users.none')}</p>
      ) : (
        <UsersTable
          users={directory.users}
          tenantName={directory.tenantName}
          selected={directory.selected}
          selection={directory.selection}
          onSelect={directory.select}
          onSelectPage={directory.selectPage}
          enabled={enabled}
          actions={{
            onStart: (user) => askToStart([user.id]),
            onRetry: (user) => void directory.retry(user.id),
            onUnlink: (user) => setConfirmUnlink({ userId: user.id, displayName: user.displayName }),
          }}
        />
      )}
      <nav className={styles.pager} aria-label={t('users.page', { page: directory.page + 1 })}>
        <Button size="small" disabled={directory.page === 0} onClick={directory.previousPage}>
          {t('common.previous')}
        </Button>
        <span>{t('users.page', { page: directory.page + 1 })}</span>
        <Button
          size="small"
          disabled={!directory.hasNext}
          onClick={directory.nextPage}
          data-testid="next-page"
        >
          {t('common.next')}
        </Button>
      </nav>
      <StartConfirmDialog
        open={confirmStart !== null}
        count={confirmStart?.ids.length ?? 0}
        notice={unlicensedNotice}
        onCancel={() => setConfirmStart(null)}
        onConfirm={() => {
          const { ids, unlicensed } = confirmStart!;
          setConfirmStart(null);
          // The dialog named the users without a licence: confirming starts them too.
          void directory.start(ids, unlicensed > 0, tr.plural('users.started', ids.length));
        }}
      />
      <UnlinkConfirmDialog
        open={confirmUnlink !== null}
        name={confirmUnlink?.displayName ?? ''}
        onCancel={() => setConfirmUnlink(null)}
        onConfirm={() => {
          const { userId } = confirmUnlink!;
          setConfirmUnlink(null);
          void directory.unlink(userId);
        }}
      />
    </section>
  );
}
