import {
  Avatar,
  Button,
  Card,
  CardHeader,
  makeStyles,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { ExternalContactView, TimelineItem } from '../../shared/api';
import { isAbort, type ApiClient } from '../common/api';
import { useI18n } from '../common/i18n';
import { ProblemMessage } from '../common/ProblemMessage';
import { ColleagueList } from './ColleagueList';
import { ContactFrequencyChart } from './ContactFrequencyChart';
import { Timeline } from './Timeline';

const useStyles = makeStyles({
  card: { display: 'grid', gap: tokens.spacingVerticalS },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: '2px',
    margin: 0,
    fontSize: tokens.fontSizeBase200,
    '& dt': { color: tokens.colorNeutralForeground3 },
    '& dd': { margin: 0 },
  },
  heading: {
    margin: `${tokens.spacingVerticalS} 0 ${tokens.spacingVerticalXS}`,
    fontSize: tokens.fontSizeBase300,
  },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  phones: { listStyle: 'none', margin: 0, padding: 0 },
  link: {
    color: tokens.colorBrandForegroundLink,
    // The theme's high-contrast link colour is for a dark canvas; forced colours choose the canvas.
    '@media (forced-colors: active)': { color: 'LinkText' },
  },
});

/** Everything the organisation knows about one outside person on the email. */
export function ContactCard({ contact, api }: { contact: ExternalContactView; api: ApiClient }) {
  const tr = useI18n();
  const { t } = tr;
  const styles = useStyles();
  const name = contact.name ?? contact.signature?.name ?? contact.email;
  const title = contact.signature?.title ?? null;
  const company = contact.company ?? contact.signature?.company ?? null;
  const headingId = `contact-${contact.email.replace(/[^a-z0-9]/gi, '-')}`;
  const role = title && company ? t('contact.at', { title, company }) : (title ?? company ?? contact.domain);

  return (
    <Card className={styles.card} role="article" aria-labelledby={headingId} data-testid="contact-card">
      <CardHeader
        image={<Avatar name={name} aria-hidden="true" />}
        header={
          <Text as="h3" weight="semibold" id={headingId} style={{ margin: 0 }}>
            {name}
          </Text>
        }
        description={
          <span className={styles.muted}>
            {role} · {contact.email}
          </span>
        }
      />
      {!contact.known ? (
        <p className={styles.muted} data-testid="contact-unknown">
          {t('contact.unknown')}
        </p>
      ) : (
        <>
          <dl className={styles.facts}>
            <dt>{t('contact.firstContact')}</dt>
            <dd>{tr.date(contact.totals.firstContactAt)}</dd>
            <dt>{t('contact.lastContact')}</dt>
            <dd>{tr.date(contact.totals.lastContactAt)}</dd>
            <dt>{t('contact.sent')}</dt>
            <dd data-testid="sent-count">{tr.number(contact.totals.sent)}</dd>
            <dt>{t('contact.received')}</dt>
            <dd data-testid="received-count">{tr.number(contact.totals.received)}</dd>
            {contact.signature && contact.signature.phones.length > 0 && (
              <>
                <dt>{t('contact.phones')}</dt>
                <dd>
                  <ul className={styles.phones}>
                    {contact.signature.phones.map((p) => {
                      const dial = telUri(p);
                      const shown = p.extension
                        ? `${p.number} ${t('contact.extension')} ${p.extension}`
                        : p.number;
                      return (
                        <li key={`${p.type}-${p.number}-${p.extension ?? ''}`}>
                          {dial ? (
                            <a className={styles.link} href={dial}>
                              {shown}
                            </a>
                          ) : (
                            <span>{shown}</span>
                          )}{' '}
                          <span className={styles.muted}>{p.type}</span>
                        </li>
                      );
                    })}
                  </ul>
                </dd>
              </>
            )}
          </dl>
          {contact.signature?.seenAt && (
            <span className={styles.muted}>
              {t('contact.signatureSeen', { date: tr.date(contact.signature.seenAt) })}
            </span>
          )}
          <ContactFrequencyChart contact={contact} />
          {contact.colleagues.length > 0 && (
            <section aria-label={`${t('contact.colleaguesHeading')}: ${name}`}>
              <h4 className={styles.heading}>{t('contact.colleaguesHeading')}</h4>
              <ColleagueList colleagues={contact.colleagues} />
            </section>
          )}
          {contact.recent.length > 0 && (
            <section aria-label={`${t('contact.timelineHeading')}: ${name}`}>
              <h4 className={styles.heading}>{t('contact.timelineHeading')}</h4>
              <Timeline items={contact.recent} />
              <FullHistory email={contact.email} name={name} api={api} />
            </section>
          )}
        </>
      )}
    </Card>
  );
}

/** The whole history on demand, page by page (GET /api/contacts/{email}/contact-points). */
function FullHistory({ email, name, api }: { email: string; name: string; api: ApiClient }) {
  const { t } = useI18n();
  const styles = useStyles();
  const [items, setItems] = useState<TimelineItem[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const load = async (from: string | null) => {
    setBusy(true);
    setError(null);
    try {
      const page = await api.contactPoints(email, from);
      setItems((prev) => [...(from ? (prev ?? []) : []), ...page.items]);
      setCursor(page.nextCursor);
    } catch (err) {
      if (!isAbort(err)) setError(err);
    } finally {
      setBusy(false);
    }
  };
  if (items === null) {
    return (
      <Button
        appearance="transparent"
        size="small"
        onClick={() => void load(null)}
        disabled={busy}
        aria-label={`${t('contact.fullHistory')}: ${name}`}
      >
        {busy ? <Spinner size="extra-tiny" /> : t('contact.fullHistory')}
      </Button>
    );
  }
  return (
    <section aria-label={`${t('contact.historyHeading')}: ${name}`}>
      <h4 className={styles.heading}>{t('contact.historyHeading')}</h4>
      <Timeline items={items} />
      {error !== null && <ProblemMessage error={error} onRetry={() => void load(cursor)} />}
      {cursor && (
        <Button size="small" onClick={() => void load(cursor)} disabled={busy}>
          {t('common.loadMore')}
        </Button>
      )}
    </section>
  );
}

/**
 * What a `tel:` link dials, or null for an internal extension ("x6721") written without its
 * switchboard number: dialled alone it would ring an extension of the reader's own company.
 */
function telUri(phone: { number: string; extension?: string }): string | null {
  const digits = phone.number.replace(/[^+\d]/g, '');
  if (digits.replace('+', '').length < 7) return null;
  // RFC 3966: the extension is a parameter of the number, dialled after it connects.
  const extension = phone.extension?.replace(/\D/g, '');
  return `tel:${digits}${extension ? `;ext=${extension}` : ''}`;
}
