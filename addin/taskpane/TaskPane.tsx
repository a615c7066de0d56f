import { MessageBar, MessageBarBody, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { CompanySummary, ExternalContactView } from '../../shared/api';
import { ApiError, type ApiClient } from '../common/api';
import { SignInRequiredError } from '../common/auth';
import { useI18n } from '../common/i18n';
import type { MailItem, OfficeHost } from '../common/office';
import { ProblemMessage } from '../common/ProblemMessage';
import { SignInPrompt } from '../common/SignInPrompt';
import { SearchPanel } from '../search/SearchPanel';
import { CompanySection } from './CompanySection';
import { ContactCard } from './ContactCard';
import { OwnStatus } from './OwnStatus';
import { useContactLookup, type LookupState } from './useContactLookup';

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalM },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  subject: {
    margin: 0,
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
  },
  cards: { display: 'grid', gap: tokens.spacingVerticalM },
});

export interface TaskPaneProps {
  office: OfficeHost;
  api: ApiClient;
  signIn: () => Promise<void>;
}

/** Follows the selected email (ItemChanged keeps a pinned pane current). */
export function useMailItem(office: OfficeHost): MailItem | null {
  const [item, setItem] = useState<MailItem | null>(() => office.currentItem());
  useEffect(() => office.onItemChanged(setItem), [office]);
  return item;
}

/** The end user's pane: one card per outside person on the selected email, grouped by company. */
export function TaskPane({ office, api, signIn }: TaskPaneProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const item = useMailItem(office);
  const { state, retry } = useContactLookup(api, item, office.userEmail);
  const onSignedIn = useCallback(() => retry(), [retry]);
  // While the search box holds a query, its results take the email's place.
  const [searching, setSearching] = useState(false);
  return (
    <div className={styles.root} aria-busy={state.kind === 'loading'}>
      <SearchPanel api={api} signIn={signIn} onActiveChange={setSearching} />
      {!searching && (
        <>
          <h1 className={styles.title}>{t('pane.title')}</h1>
          {item && item.subject && <p className={styles.subject}>{item.subject}</p>}
          <div aria-live="polite">
            <PaneBody
              state={state}
              api={api}
              retry={retry}
              signIn={signIn}
              onSignedIn={onSignedIn}
              office={office}
            />
          </div>
        </>
      )}
    </div>
  );
}

function PaneBody({
  state,
  api,
  retry,
  signIn,
  onSignedIn,
  office,
}: {
  state: LookupState;
  api: ApiClient;
  retry: () => void;
  signIn: () => Promise<void>;
  onSignedIn: () => void;
  office: OfficeHost;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  switch (state.kind) {
    case 'no-item':
      return <p>{office.kind === 'none' ? t('common.openInOutlook') : t('pane.noItem')}</p>;
    case 'loading':
      return <Spinner size="small" label={t('pane.loadingContacts')} />;
    case 'failed':
      if (state.error instanceof SignInRequiredError)
        return <SignInPrompt signIn={signIn} onSignedIn={onSignedIn} />;
      if (state.error instanceof ApiError && state.error.code === 'tenant_not_registered')
        return <Info text={t('pane.notRegistered')} />;
      return <ProblemMessage error={state.error} onRetry={retry} />;
    case 'no-external':
      return (
        <>
          <p data-testid="no-external">{t('pane.noExternal')}</p>
          <OwnStatus me={state.me} />
        </>
      );
    case 'ready': {
      const { me, result } = state;
      if (!me.organization) return <Info text={t('pane.notRegistered')} />;
      if (result.hiddenByDisplaySetting)
        return (
          <>
            <Info text={t('pane.hidden')} testId="hidden-by-setting" />
            <OwnStatus me={me} />
          </>
        );
      return (
        <>
          {!me.organization.activityManagementEnabled && <Info text={t('pane.disabled')} />}
          <div className={styles.cards}>
            {groupByCompany(result.contacts, result.companies).map((group) => (
              <CompanySection
                key={group.domain}
                domain={group.domain}
                company={group.company}
                people={group.people}
                api={api}
              >
                {group.people.map((c) => (
                  <ContactCard key={c.email} contact={c} api={api} />
                ))}
              </CompanySection>
            ))}
          </div>
          <OwnStatus me={me} />
        </>
      );
    }
  }
}

function Info({ text, testId }: { text: string; testId?: string }) {
  return (
    <MessageBar intent="info" data-testid={testId}>
      <MessageBarBody>{text}</MessageBarBody>
    </MessageBar>
  );
}

export interface CompanyGroup {
  domain: string;
  company: CompanySummary | null;
  people: ExternalContactView[];
}

/** External people grouped by their company's domain, in the order they appear on the email. */
export function groupByCompany(
  contacts: Array<ExternalContactView | { email: string; internal: true }>,
  companies: CompanySummary[],
): CompanyGroup[] {
  const byDomain = new Map<string, CompanyGroup>();
  for (const c of contacts) {
    if (c.internal) continue;
    const group = byDomain.get(c.domain) ?? {
      domain: c.domain,
      company: companies.find((co) => co.domain === c.domain) ?? null,
      people: [],
    };
    group.people.push(c);
    byDomain.set(c.domain, group);
  }
  return [...byDomain.values()];
}
