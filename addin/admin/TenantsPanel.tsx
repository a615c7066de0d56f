import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { MeResponse, TenantView } from '../../shared/api';
import type { ApiClient } from '../common/api';
import { useI18n } from '../common/i18n';
import type { OfficeHost } from '../common/office';
import { ProblemMessage } from '../common/ProblemMessage';
import { ActivitySwitch } from './ActivitySwitch';
import { runAdminConsent, type ConsentOutcome } from './consent';
import { ConsentLink, type LinkToSend } from './ConsentLink';
import { TenantOwnership } from './TenantOwnership';
import { TenantsTable } from './TenantsTable';

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalL },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  form: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', flexWrap: 'wrap' },
  // A GUID fits at 320 px; wider panes give the field more room.
  field: { flex: '1 1 22em', minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Register directories of the company group and add each: in an Office dialog when the admin can
 * sign in as that directory's administrator, or by sending its administrator a link; see each
 * directory's state; switch the product on.
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
  const tr = useI18n();
  const { t } = tr;
  const styles = useStyles();
  const [tenantId, setTenantId] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [busyTenant, setBusyTenant] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ tenantId: string; result: ConsentOutcome } | null>(null);
  const [link, setLink] = useState<LinkToSend | null>(null);
  const [error, setError] = useState<unknown>(null);

  const nameOf = (id: string) => tenants.find((x) => x.id === id)?.displayName ?? id;

  const consent = async (id: string) => {
    setBusyTenant(id);
    setError(null);
    setOutcome(null);
    setLink(null);
    try {
      const registration = await api.registerTenant(id);
      onChanged();
      const result = await runAdminConsent(office, api, id, registration.consentUrl);
      setOutcome({ tenantId: id, result });
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusyTenant(null);
    }
  };

  /** A fresh link for the directory's administrator; each works once, until it expires. */
  const requestLink = async (id: string) => {
    setBusyTenant(id);
    setError(null);
    setOutcome(null);
    setLink(null);
    try {
      const registration = await api.registerTenant(id);
      setLink({
        tenantId: id,
        tenantName: nameOf(id),
        url: registration.consentUrl,
        expiresAt: registration.expiresAt,
      });
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusyTenant(null);
    }
  };

  const submitted = (next: (id: string) => Promise<void>) => {
    const id = tenantId.trim().toLowerCase();
    if (!guid.test(id)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setTenantId('');
    void next(id);
  };

  const anyConsented = tenants.some((x) => x.consent.state === 'granted');

  // A directory's administrator may confirm elsewhere, from a sent link: look again now and then.
  const awaiting = tenants.some((x) => x.membership === 'awaiting_confirmation');
  useEffect(() => {
    if (!awaiting) return;
    const timer = setInterval(onChanged, refreshMs);
    return () => clearInterval(timer);
  }, [awaiting, onChanged, refreshMs]);

  return (
    <div className={styles.root}>
      {me.adminUnverified && !me.organization && (
        <MessageBar intent="info" data-testid="founding-hint">
          <MessageBarBody>{t('admin.founding')}</MessageBarBody>
        </MessageBar>
      )}
      {me.isAdmin && <TenantOwnership api={api} onChanged={onChanged} />}
      <section aria-labelledby="tenants-heading" style={{ display: 'grid', gap: tokens.spacingVerticalS }}>
        <h2 id="tenants-heading" className={styles.heading}>
          {t('tenants.heading')}
        </h2>
        <p className={styles.muted}>{t('tenants.intro')}</p>
        <form
          className={styles.form}
          onSubmit={(event) => {
            event.preventDefault();
            submitted(consent);
          }}
        >
          <Field
            className={styles.field}
            label={t('tenants.idLabel')}
            hint={t('tenants.idHint')}
            validationState={invalid ? 'error' : 'none'}
            validationMessage={invalid ? t('tenants.idInvalid') : undefined}
          >
            <Input
              value={tenantId}
              onChange={(_e, d) => setTenantId(d.value)}
              placeholder="00000000-0000-0000-0000-000000000000"
              data-testid="tenant-id-input"
            />
          </Field>
          <Button appearance="primary" type="submit" disabled={busyTenant !== null}>
            {t('tenants.register')}
          </Button>
          <Button
            type="button"
            disabled={busyTenant !== null}
            onClick={() => submitted(requestLink)}
            data-testid="register-link"
          >
            {t('tenants.registerLink')}
          </Button>
        </form>
        <div aria-live="polite">
          {busyTenant && (
            <MessageBar intent="info">
              <MessageBarBody>{t('tenants.consentOpening')}</MessageBarBody>
            </MessageBar>
          )}
          {outcome && <ConsentMessage outcome={outcome.result} tenant={nameOf(outcome.tenantId)} />}
          {link && <ConsentLink link={link} onDismiss={() => setLink(null)} />}
          {error !== null && <ProblemMessage error={error} />}
        </div>
        {tenants.length === 0 ? (
          <p>{t('tenants.none')}</p>
        ) : (
          <TenantsTable
            tenants={tenants}
            busy={busyTenant !== null}
            onConsent={(id) => void consent(id)}
            onLink={(id) => void requestLink(id)}
          />
        )}
      </section>
      {me.organization && (
        <ActivitySwitch
          api={api}
          enabled={me.organization.activityManagementEnabled}
          anyConsented={anyConsented}
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
