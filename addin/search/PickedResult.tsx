import { Button, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { ColleagueResponse, ContactsResponse } from '../../shared/api';
import { isAbort, type ApiClient } from '../common/api';
import { useI18n } from '../common/i18n';
import { ProblemMessage } from '../common/ProblemMessage';
import { ColleagueList } from '../taskpane/ColleagueList';
import { CompanySection } from '../taskpane/CompanySection';
import { ContactCard } from '../taskpane/ContactCard';
import type { SearchPick } from './SearchResults';

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalS },
  back: { justifySelf: 'start' },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** The card of what was picked: the pane's own person and company cards, or who a colleague knows. */
export function PickedResult({
  pick,
  api,
  onBack,
}: {
  pick: SearchPick;
  api: ApiClient;
  onBack: () => void;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <div className={styles.root} data-testid="search-picked">
      <Button className={styles.back} appearance="transparent" size="small" onClick={onBack}>
        {t('search.back')}
      </Button>
      {pick.kind === 'person' && <PersonCard email={pick.hit.email} api={api} />}
      {pick.kind === 'company' && (
        <CompanySection company={pick.hit} domain={pick.hit.domain} people={[]} api={api}>
          {null}
        </CompanySection>
      )}
      {pick.kind === 'colleague' && <ColleagueView userId={pick.hit.userId} name={pick.hit.name} api={api} />}
    </div>
  );
}

/**
 * Loads one answer for the picked item; a newer pick aborts it. The answer is kept with the key
 * and attempt it was loaded for, so a newer pick shows the spinner until its own answer arrives.
 */
function useAnswer<T>(load: (signal: AbortSignal) => Promise<T>, key: string) {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ for: string; answer: T | null; error: unknown }>({
    for: '',
    answer: null,
    error: null,
  });
  const loader = useRef(load);
  useEffect(() => {
    loader.current = load;
  });
  useEffect(() => {
    const controller = new AbortController();
    const mine = `${attempt}|${key}`;
    loader
      .current(controller.signal)
      .then((answer) => setState({ for: mine, answer, error: null }))
      .catch((error: unknown) => {
        if (!isAbort(error)) setState({ for: mine, answer: null, error });
      });
    return () => controller.abort();
  }, [key, attempt]);
  const current = state.for === `${attempt}|${key}`;
  return {
    answer: current ? state.answer : null,
    error: current ? state.error : null,
    retry: () => setAttempt((n) => n + 1),
  };
}

function PersonCard({ email, api }: { email: string; api: ApiClient }) {
  const { t } = useI18n();
  const { answer, error, retry } = useAnswer<ContactsResponse>(
    (signal) => api.contacts([email], signal),
    email,
  );
  if (error) return <ProblemMessage error={error} onRetry={retry} />;
  if (!answer) return <Spinner size="small" label={t('common.loading')} />;
  const contact = answer.contacts[0];
  if (!contact || contact.internal) return null;
  return <ContactCard contact={contact} api={api} />;
}

/** Who a colleague is in touch with, strongest first: whom to ask for an introduction. */
function ColleagueView({ userId, name, api }: { userId: string; name: string; api: ApiClient }) {
  const tr = useI18n();
  const styles = useStyles();
  const { answer, error, retry } = useAnswer<ColleagueResponse>(
    (signal) => api.colleague(userId, signal),
    userId,
  );
  if (error) return <ProblemMessage error={error} onRetry={retry} />;
  if (!answer) return <Spinner size="small" label={tr.t('common.loading')} />;
  if (answer.people.length === 0) return <p className={styles.muted}>{tr.t('colleague.none', { name })}</p>;
  return (
    <section className={styles.root} aria-label={name} data-testid="colleague-view">
      <h2 className={styles.heading}>{tr.t('colleague.people', { name })}</h2>
      <ColleagueList
        limit={10}
        colleagues={answer.people.map((p) => ({
          userId: p.email,
          name: p.name ?? p.email,
          sent: p.sent,
          received: p.received,
          firstContactAt: '',
          lastContactAt: p.lastContactAt ?? '',
          strength: p.strength,
        }))}
      />
      {answer.companies.length > 0 && (
        <>
          <h2 className={styles.heading}>{tr.t('colleague.companies', { name })}</h2>
          <ul className={styles.list}>
            {answer.companies.map((c) => (
              <li key={c.domain}>
                {c.name} <span className={styles.muted}>{c.domain}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
