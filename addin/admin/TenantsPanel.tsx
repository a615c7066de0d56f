import { MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import type { MeResponse, TenantView } from '../../shared/api';
import type { ApiClient } from '../common/api';
import { useI18n } from '../common/i18n';
import type { OfficeHost } from '../common/office';
import { ProblemMessage } from '../common/ProblemMessage';
import { ActivitySwitch } from './ActivitySwitch';
import type { ConsentOutcome } from './consent';
import { ConsentLink } from './ConsentLink';
import { TenantOwnership } from './TenantOwnership';
import { TenantsTable } from './TenantsTable';
import { TenantsToolbar } from './TenantsToolbar';
import { useTenantRegistration } from './useTenantRegistration';

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalL },
  section: { display: 'grid', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/**
 * Register directories of the company group and add each: in an Office dialog when the admin can
 * sign in as that directory's administrator, or by sending its administrator a link; see each
 * directory's state; switch the product on. useTenantRegistration holds the state; this section
 * lays out its toolbar, table and messages.
 */
export function TenantsPanel({
  office,
  api,
  me,
  tenants,
  onChanged,
  refreshMs = 10_000,
}: {
  office: OfficeHost;
  api: ApiClient;
  me: MeResponse;
  tenants: TenantView[];
  onChanged: () => void;
  /** How often the list is read again while a directory awaits its administrator's confirmation. */
  refreshMs?: number;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  const registration = useTenantRegistration({ office, api, tenants, onChanged, refreshMs });
  const consent = (id: string) => void registration.consent(id);
  const requestLink = (id: string) => void registration.requestLink(id);

  return (
    <div className={styles.root}>
      {me.adminUnverified && !me.organization && (
        <MessageBar intent="info" data-testid="founding-hint">
          <MessageBarBody>{t('admin.founding')}</MessageBarBody>
        </MessageBar>
      )}
      {me.isAdmin && <TenantOwnership api={api} onChanged={onChanged} />}
      <section aria-labelledby="tenants-heading" className={styles.section}>
        <h2 id="tenants-heading" className={styles.heading}>
          {t('tenants.heading')}
        </h2>
        <p className={styles.muted}>{t('tenants.intro')}</p>
        <TenantsToolbar busy={registration.busy} onConsent={consent} onLink={requestLink} />
        <div aria-live="polite">
          {registration.busy && (
            <MessageBar intent="info">
              <MessageBarBody>{t('tenants.consentOpening')}</MessageBarBody>
            </MessageBar>
          )}
          {registration.outcome && (
            <ConsentMessage outcome={registration.outcome.result} tenant={registration.outcome.tenantName} />
          )}
          {registration.link && <ConsentLink link={registration.link} onDismiss={registration.dismissLink} />}
          {registration.error !== null && <ProblemMessage error={registration.error} />}
        </div>
        {tenants.length === 0 ? (
          <p>{t('tenants.none')}</p>
        ) : (
          <TenantsTable tenants={tenants} busy={registration.busy} onConsent={consent} onLink={requestLink} />
        )}
      </section>
      {me.organization && (
        <ActivitySwitch
          api={api}
          enabled={me.organization.activityManagementEnabled}
          anyConsented={tenants.some((x) => x.consent.state === 'granted')}
          onChanged={onChanged}
        />
      )}
    </div>
  );
}

function ConsentMessage({ outcome, tenant }: { outcome: ConsentOutcome; tenant: string }) {
  const { t } = useI18n();
  if (outcome.status === 'granted')
    return (
      <MessageBar intent="success" data-testid="consent-outcome">
        <MessageBarBody>{t('tenants.consentGranted', { tenant })}</MessageBarBody>
      </MessageBar>
    );
  return (
    <MessageBar intent="warning" data-testid="consent-outcome">
      <MessageBarBody>
        {outcome.status === 'closed'
          ? t('tenants.consentClosed')
          : t('tenants.consentDenied', { message: outcome.message ?? outcome.status })}
      </MessageBarBody>
    </MessageBar>
  );
}
