import {
  Badge,
  Button,
  makeStyles,
  mergeClasses,
  TableCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import type { TenantView } from '../../shared/api';
import { useI18n, type MessageKey } from '../common/i18n';
import { useStackedTableStyles } from '../common/stacked-table';

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  state: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

const membershipColor = {
  awaiting_confirmation: 'warning',
  confirmed: 'success',
  detached: 'danger',
} as const;
const consentColor = { pending: 'warning', granted: 'success', denied: 'danger' } as const;
// A state without its words in the resources fails to compile.
const membershipKey = (m: TenantView['membership']): MessageKey => `tenants.membership.${m}`;
const consentKey = (c: TenantView['consent']['state']): MessageKey => `tenants.state.${c}`;

/**
 * One directory: where it stands with the organisation and its consent, its domains, how many of
 * its users are started, and what the admin can do next.
 */
export function TenantRow({
  tenant,
  busy,
  onConsent,
  onLink,
}: {
  tenant: TenantView;
  busy: boolean;
  onConsent: (tenantId: string) => void;
  onLink: (tenantId: string) => void;
}) {
  const { t, dateTime, number } = useI18n();
  const styles = useStyles();
  const cards = useStackedTableStyles();
  const name = tenant.displayName ?? tenant.id;
  const started = Object.entries(tenant.counts)
    .filter(([status]) => status !== 'unlinked')
    .reduce((n, [, c]) => n + c, 0);
  const member = tenant.membership === 'confirmed';
  const consentLabel = member ? t('tenants.consentAgain') : t('tenants.consent');
  return (
    <TableRow className={cards.row} data-testid={`tenant-${tenant.id}`} data-membership={tenant.membership}>
      <TableCell className={mergeClasses(cards.cell, cards.wide3)}>
        <div>{tenant.displayName ?? t('tenants.unnamed')}</div>
        <div className={styles.muted}>{tenant.id}</div>
      </TableCell>
      <TableCell className={mergeClasses(cards.cell, cards.wide3)}>
        <div className={styles.state}>
          <Badge
            appearance="filled"
            color={membershipColor[tenant.membership]}
            data-testid="membership-state"
          >
            {t(membershipKey(tenant.membership))}
          </Badge>
          {tenant.membership !== 'detached' && (
            <Badge appearance="tint" color={consentColor[tenant.consent.state]} data-testid="consent-state">
              {t(consentKey(tenant.consent.state))}
            </Badge>
          )}
        </div>
        <div className={styles.muted} data-testid="membership-detail">
          {member && tenant.confirmedBy && t('tenants.confirmedBy', { user: tenant.confirmedBy })}
          {tenant.membership === 'awaiting_confirmation' &&
            t('tenants.pendingUntil', { time: dateTime(tenant.pendingUntil) })}
          {tenant.detached &&
            t('tenants.detachedBy', { user: tenant.detached.by, time: dateTime(tenant.detached.at) })}
        </div>
        {tenant.consent.error && <div className={styles.muted}>{tenant.consent.error}</div>}
      </TableCell>
      <TableCell className={mergeClasses(cards.cell, cards.wide2)}>
        <span className={cards.label} aria-hidden="true">
          {t('tenants.colDomains')}
        </span>
        {tenant.verifiedDomains.join(', ')}
      </TableCell>
      <TableCell className={cards.cell}>
        {member && (
          <>
            <span className={cards.label} aria-hidden="true">
              {t('tenants.colUsers')}
            </span>
            {number(started)}
          </>
        )}
      </TableCell>
      <TableCell className={mergeClasses(cards.cell, cards.wide2)}>
        <div className={styles.actions}>
          <Button
            size="small"
            disabled={busy}
            onClick={() => onConsent(tenant.id)}
            aria-label={`${consentLabel}: ${name}`}
          >
            {consentLabel}
          </Button>
          {!member && (
            <Button
              size="small"
              disabled={busy}
              onClick={() => onLink(tenant.id)}
              aria-label={`${t('tenants.linkAction')}: ${name}`}
              data-testid="get-link"
            >
              {t('tenants.linkAction')}
            </Button>
          )}
        </div>
      </TableCell>
    </TableRow>
  );
}
