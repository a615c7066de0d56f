import {
  Badge,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  mergeClasses,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { MeResponse, TenantView } from '../../shared/api';
import type { ApiClient } from '../common/api';
import { useI18n, type MessageKey } from '../common/i18n';
import type { OfficeHost } from '../common/office';
import { ProblemMessage } from '../common/ProblemMessage';
import { useStackedTableStyles } from '../common/stacked-table';
import { ActivitySwitch } from './ActivitySwitch';
import { runAdminConsent, type ConsentOutcome } from './consent';

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalL },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  form: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', flexWrap: 'wrap' },
  // A GUID fits at 320 px; wider panes give the field more room.
  field: { flex: '1 1 22em', minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const stateColor = { pending: 'warning', granted: 'success', denied: 'danger' } as const;

/** Register directories of the company group, consent to each in an Office dialog, switch the product on. */
export function TenantsPanel({
  office,
  api,
  me,
  tenants,
  onChanged,
}: {
  office: OfficeHost;
  api: ApiClient;
  me: MeResponse;
  tenants: TenantView[];
  onChanged: () => void;
}) {
  const tr = useI18n();
  const { t } = tr;
  const styles = useStyles();
  const cards = useStackedTableStyles();
  const [tenantId, setTenantId] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [busyTenant, setBusyTenant] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ tenantId: string; result: ConsentOutcome } | null>(null);
  const [error, setError] = useState<unknown>(null);

  const consent = async (id: string) => {
    setBusyTenant(id);
    setError(null);
    setOutcome(null);
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

  const register = (event: React.FormEvent) => {
    event.preventDefault();
    const id = tenantId.trim().toLowerCase();
    if (!guid.test(id)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setTenantId('');
    void consent(id);
  };

  const nameOf = (id: string) => tenants.find((x) => x.id === id)?.displayName ?? id;
  const anyConsented = tenants.some((x) => x.consent.state === 'granted');

  return (
    <div className={styles.root}>
      <section aria-labelledby="tenants-heading" style={{ display: 'grid', gap: tokens.spacingVerticalS }}>
        <h2 id="tenants-heading" className={styles.heading}>
          {t('tenants.heading')}
        </h2>
        <p className={styles.muted}>{t('tenants.intro')}</p>
        <form className={styles.form} onSubmit={register}>
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
        </form>
        <div aria-live="polite">
          {busyTenant && (
            <MessageBar intent="info">
              <MessageBarBody>{t('tenants.consentOpening')}</MessageBarBody>
            </MessageBar>
          )}
          {outcome && <ConsentMessage outcome={outcome.result} tenant={nameOf(outcome.tenantId)} />}
          {error !== null && <ProblemMessage error={error} />}
        </div>
        {tenants.length === 0 ? (
          <p>{t('tenants.none')}</p>
        ) : (
          <Table
            noNativeElements
            className={cards.table}
            aria-label={t('tenants.listLabel')}
            size="small"
            data-testid="tenants-table"
          >
            <TableHeader className={cards.header}>
              <TableRow>
                <TableHeaderCell className={cards.wide3}>{t('tenants.colName')}</TableHeaderCell>
                <TableHeaderCell className={cards.wide2}>{t('tenants.colState')}</TableHeaderCell>
                <TableHeaderCell className={cards.wide2}>{t('tenants.colDomains')}</TableHeaderCell>
                <TableHeaderCell>{t('tenants.colUsers')}</TableHeaderCell>
                <TableHeaderCell className={cards.wide2}>{t('tenants.colActions')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {tenants.map((tenant) => {
                const started = Object.entries(tenant.counts)
                  .filter(([status]) => status !== 'unlinked')
                  .reduce((n, [, c]) => n + c, 0);
                return (
                  <TableRow key={tenant.id} className={cards.row} data-testid={`tenant-${tenant.id}`}>
                    <TableCell className={mergeClasses(cards.cell, cards.wide3)}>
                      <div>{tenant.displayName ?? t('tenants.unnamed')}</div>
                      <div className={styles.muted}>{tenant.id}</div>
                    </TableCell>
                    <TableCell className={mergeClasses(cards.cell, cards.wide2)}>
                      <Badge
                        appearance="tint"
                        color={stateColor[tenant.consent.state]}
                        data-testid="consent-state"
                      >
                        {t(`tenants.state.${tenant.consent.state}` as MessageKey)}
                      </Badge>
                      {tenant.consent.error && <div className={styles.muted}>{tenant.consent.error}</div>}
                    </TableCell>
                    <TableCell className={mergeClasses(cards.cell, cards.wide2)}>
                      <span className={cards.label} aria-hidden="true">
                        {t('tenants.colDomains')}
                      </span>
                      {tenant.verifiedDomains.join(', ')}
                    </TableCell>
                    <TableCell className={cards.cell}>
                      <span className={cards.label} aria-hidden="true">
                        {t('tenants.colUsers')}
                      </span>
                      {tr.number(started)}
                    </TableCell>
                    <TableCell className={mergeClasses(cards.cell, cards.wide2)}>
                      <Button
                        size="small"
                        disabled={busyTenant !== null}
                        onClick={() => void consent(tenant.id)}
                        aria-label={`${tenant.consent.state === 'granted' ? t('tenants.consentAgain') : t('tenants.consent')}: ${tenant.displayName ?? tenant.id}`}
                      >
                        {tenant.consent.state === 'granted'
                          ? t('tenants.consentAgain')
                          : t('tenants.consent')}
                      </Button>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
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
