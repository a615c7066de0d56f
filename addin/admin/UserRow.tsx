import {
  Badge,
  Button,
  Checkbox,
  makeStyles,
  mergeClasses,
  TableCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import type { DirectoryUser } from '../../shared/api';
import { isErrorKind } from '../../shared/integration-status';
import { useI18n } from '../common/i18n';
import { useStackedTableStyles } from '../common/stacked-table';
import { IntegrationStatusCell } from './IntegrationStatusCell';

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  kinds: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
});

/** What can be done to one user; the caller asks for confirmation where it is needed. */
export interface UserActions {
  onStart: (user: DirectoryUser) => void;
  onRetry: (user: DirectoryUser) => void;
  onUnlink: (user: DirectoryUser) => void;
}

/**
 * One user: who they are (a guest or a member without a licence says so), their mailbox's
 * status, and the actions their state allows — start when not started or unlinked, retry in an
 * error kind, unlink while linked.
 */
export function UserRow({
  user,
  selected,
  onSelect,
  enabled,
  actions,
}: {
  user: DirectoryUser;
  selected: boolean;
  onSelect: (on: boolean) => void;
  enabled: boolean;
  actions: UserActions;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  const cards = useStackedTableStyles();
  const status = user.integration?.status ?? null;
  // Guests are never started: their mail is in their own organisation.
  const canStart = !user.guest && (status === null || status === 'unlinked');
  const name = { name: user.displayName };
  return (
    <TableRow className={cards.selectableRow} data-testid={`user-${user.userPrincipalName}`}>
      <TableCell className={cards.selectionCell}>
        <Checkbox
          disabled={user.guest}
          checked={selected}
          onChange={(_e, d) => onSelect(d.checked === true)}
          aria-label={t('users.select', name)}
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
            <span className={styles.muted}>{t(user.guest ? 'users.guestHint' : 'users.unlicensedHint')}</span>
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
              onClick={() => actions.onStart(user)}
              aria-label={t('users.startName', name)}
            >
              {t('users.start')}
            </Button>
          )}
          {isErrorKind(status) && (
            <Button
              size="small"
              disabled={!enabled}
              onClick={() => actions.onRetry(user)}
              aria-label={t('users.retryName', name)}
            >
              {t('users.retry')}
            </Button>
          )}
          {status && status !== 'unlinked' && (
            <Button
              size="small"
              onClick={() => actions.onUnlink(user)}
              aria-label={t('users.unlinkName', name)}
            >
              {t('users.unlink')}
            </Button>
          )}
        </div>
      </TableCell>
    </TableRow>
  );
}
