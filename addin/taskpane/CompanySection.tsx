import { Button, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { CompanyResponse, CompanySummary, ExternalContactView } from '../../shared/api';
import { isAbort, type ApiClient } from '../common/api';
import { useI18n } from '../common/i18n';
import { ProblemMessage } from '../common/ProblemMessage';

const useStyles = makeStyles({
  section: {
    display: 'grid',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalS,
    borderLeft: `3px solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
});

/** One company on the email: everyone there, and on request the colleagues who know them. */
export function CompanySection({
  company,
  people,
  api,
  children,
}: {
  company: CompanySummary | null;
  domain: string;
  people: ExternalContactView[];
  api: ApiClient;
  children: React.ReactNode;
}) {
  const tr = useI18n();
  const { t } = tr;
  const styles = useStyles();
  const name = company?.name ?? people[0]?.company ?? people[0]?.domain ?? '';
  const headingId = `company-${(company?.domain ?? people[0]?.domain ?? '').replace(/[^a-z0-9]/gi, '-')}`;
  return (
    <section className={styles.section} aria-labelledby={headingId} data-testid="company-section">
      <h2 className={styles.heading} id={headingId}>
        {name}
      </h2>
      {company && (
        <span className={styles.muted}>
          {company.domain} · {tr.plural('company.people', company.people)} ·{' '}
          {t('company.since', { date: tr.date(company.firstContactAt) })}
        </span>
      )}
      {children}
      {company && <CompanyColleagues domain={company.domain} name={name} api={api} />}
    </section>
  );
}

function CompanyColleagues({ domain, name, api }: { domain: string; name: string; api: ApiClient }) {
  const tr = useI18n();
  const styles = useStyles();
  const [detail, setDetail] = useState<CompanyResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const load = async () => {
    setBusy(true);
    setError(null);
    try {
      setDetail(await api.company(domain));
    } catch (err) {
      if (!isAbort(err)) setError(err);
    } finally {
      setBusy(false);
    }
  };
  if (error !== null) return <ProblemMessage error={error} onRetry={() => void load()} />;
  if (!detail) {
    return (
      <Button
        appearance="secondary"
        size="small"
        onClick={() => void load()}
        disabled={busy}
        data-testid="company-show"
      >
        {busy ? <Spinner size="extra-tiny" /> : tr.t('company.show', { name })}
      </Button>
    );
  }
  const partial = detail.company !== null && detail.people.length < detail.company.people;
  return (
    <div data-testid="company-detail">
      {partial && <p className={styles.muted}>{tr.plural('company.partial', detail.people.length)}</p>}
      <h3 className={styles.muted}>{tr.t('company.colleagues', { name })}</h3>
      <ul className={styles.list}>
        {detail.colleagues.slice(0, 5).map((c) => (
          <li key={c.userId}>
            {c.name} — {tr.t('contact.sentReceived', { sent: c.sent, received: c.received })}
          </li>
        ))}
      </ul>
      <h3 className={styles.muted}>{tr.t('company.peopleList', { name })}</h3>
      <ul className={styles.list}>
        {detail.people.slice(0, 10).map((p) => (
          <li key={p.email}>
            {p.name ?? p.email}
            {p.title ? ` (${p.title})` : ''} — {tr.date(p.lastContactAt)}
          </li>
        ))}
      </ul>
    </div>
  );
}
