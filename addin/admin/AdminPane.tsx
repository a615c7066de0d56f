import {
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Tab,
  TabList,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { MeResponse, TenantView } from '../../shared/api';
import { isAbort, type ApiClient } from '../common/api';
import { SignInRequiredError } from '../common/auth';
import { useI18n } from '../common/i18n';
import type { OfficeHost } from '../common/office';
import { ProblemMessage } from '../common/ProblemMessage';
import { SignInPrompt } from '../common/SignInPrompt';
import { AuditPanel } from './AuditPanel';
import { SettingsPanel } from './SettingsPanel';
import { TenantsPanel } from './TenantsPanel';
import { WorkspacesPanel } from './WorkspacesPanel';
import { UsersPanel } from './UsersPanel';

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalM },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  muted: { margin: 0, color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  // Four tabs do not fit in one line of a 320 px pane (or in Japanese at 348 px).
  tabs: { flexWrap: 'wrap' },
});

type Section = 'tenants' | 'users' | 'settings' | 'audit';

export interface AdminPaneProps {
  office: OfficeHost;
  api: ApiClient;
  signIn: () => Promise<void>;
}

/** The admin's whole set-up: directories and consent, the switch, users, settings, audit log. */
export function AdminPane({ office, api, signIn }: AdminPaneProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const [me, setMe] = useState<MeResponse | null>(null);
  const [tenants, setTenants] = useState<TenantView[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [section, setSection] = useState<Section>('tenants');
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      const profile = await api.me(controller.signal);
      setMe(profile);
      // A directory detached by its admin takes them out of the organisation: nothing of it stays shown.
      setTenants(
        profile.isAdmin && profile.organization ? (await api.tenants(controller.signal)).tenants : [],
      );
      setError(null);
    })().catch((err: unknown) => !isAbort(err) && setError(err));
    return () => controller.abort();
  }, [api, version]);

  if (error instanceof SignInRequiredError)
    return <SignInPrompt signIn={signIn} onSignedIn={refresh} messageKey="auth.signInNeededAdmin" />;
  if (!me)
    return error !== null ? <ProblemMessage error={error} onRetry={refresh} /> : <Spinner size="small" />;
  // Before its app is consented, the directory cannot say who its admins are: such a user may
  // still register their own directory, whose confirming sign-in checks they are its admin.
  const founding = me.adminUnverified && !me.organization;
  if (!me.isAdmin && !founding)
    return (
      <MessageBar intent="warning">
        <MessageBarBody>{t('admin.notAdmin')}</MessageBarBody>
      </MessageBar>
    );

  const enabled = me.organization?.activityManagementEnabled ?? false;
  return (
    <div className={styles.root}>
      <h1 className={styles.title}>{t('admin.title')}</h1>
      <p className={styles.muted}>
        {t('admin.signedInAs', { name: `${me.user.name} (${me.user.userPrincipalName})` })}
      </p>
      {error !== null && <ProblemMessage error={error} onRetry={refresh} />}
      <TabList
        className={styles.tabs}
        selectedValue={section}
        onTabSelect={(_e, d) => setSection(d.value as Section)}
        aria-label={t('admin.tabs')}
      >
        <Tab value="tenants">{t('admin.tab.tenants')}</Tab>
        <Tab value="users" disabled={!me.organization}>
          {t('admin.tab.users')}
        </Tab>
        <Tab value="settings" disabled={!me.organization}>
          {t('admin.tab.settings')}
        </Tab>
        <Tab value="audit" disabled={!me.organization}>
          {t('admin.tab.audit')}
        </Tab>
      </TabList>
      <div role="tabpanel" aria-label={t(`admin.tab.${section}`)}>
        {section === 'tenants' && (
          <>
            <TenantsPanel office={office} api={api} me={me} tenants={tenants} onChanged={refresh} />
            <WorkspacesPanel office={office} api={api} enabled={enabled} />
          </>
        )}
        {section === 'users' && <UsersPanel api={api} tenants={tenants} enabled={enabled} />}
        {section === 'settings' && <SettingsPanel api={api} />}
        {section === 'audit' && <AuditPanel api={api} />}
      </div>
    </div>
  );
}
