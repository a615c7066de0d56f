import { Avatar, Button, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import type { ReactElement, ReactNode } from 'react';
import type { ColleagueHit, CompanySummary, PersonHit, SearchKind, SearchResponse } from '../../shared/api';
import { useI18n } from '../common/i18n';
import type { SearchMode } from './useSearch';

export type SearchPick =
  | { kind: 'person'; hit: PersonHit }
  | { kind: 'company'; hit: CompanySummary }
  | { kind: 'colleague'; hit: ColleagueHit };

const useStyles = makeStyles({
  group: { display: 'grid', gap: tokens.spacingVerticalXS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: '2px' },
  hit: {
    width: '100%',
    minWidth: 0,
    height: 'auto',
    justifyContent: 'flex-start',
    textAlign: 'start',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    fontWeight: tokens.fontWeightRegular,
  },
  text: { display: 'grid', minWidth: 0 },
  name: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  meta: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
});

/** What the box found: people, companies and colleagues, each a button that opens its card. */
export function SearchResults({
  result,
  mode,
  onPick,
  onShowAll,
  onMore,
  loadingMore,
}: {
  result: SearchResponse;
  mode: SearchMode;
  onPick: (pick: SearchPick) => void;
  onShowAll: (kind: SearchKind) => void;
  onMore: () => void;
  loadingMore: boolean;
}) {
  const tr = useI18n();
  const { t } = tr;
  const styles = useStyles();
  const preview = { person: 5, company: 3, colleague: 3 } as const;
  const showAll = (kind: SearchKind, count: number, label: string) =>
    mode === 'all' && count >= preview[kind] ? (
      <Button appearance="transparent" size="small" onClick={() => onShowAll(kind)}>
        {t('search.showAll', { kind: label.toLowerCase() })}
      </Button>
    ) : null;
  return (
    <div className={styles.group} data-testid="search-results">
      {result.people.length > 0 && (
        <ResultGroup
          heading={t('search.people')}
          footer={showAll('person', result.people.length, t('search.people'))}
        >
          {result.people.map((p) => (
            <SearchHit
              key={p.email}
              kind="person"
              image={<Avatar name={p.name ?? p.email} size={28} aria-hidden="true" />}
              name={p.name ?? p.email}
              meta={[
                p.email,
                p.title && p.company ? t('contact.at', { title: p.title, company: p.company }) : p.company,
              ]}
              detail={[
                t('contact.strength', { strength: Math.round(p.strength) }),
                p.knownBestBy && t('search.knownBestBy', { name: p.knownBestBy.name }),
              ]}
              onClick={() => onPick({ kind: 'person', hit: p })}
            />
          ))}
        </ResultGroup>
      )}
      {result.companies.length > 0 && (
        <ResultGroup
          heading={t('search.companies')}
          footer={showAll('company', result.companies.length, t('search.companies'))}
        >
          {result.companies.map((c) => (
            <SearchHit
              key={c.domain}
              kind="company"
              name={c.name}
              meta={[c.domain, tr.plural('company.people', c.people)]}
              detail={[`${t('contact.lastContact')} ${tr.date(c.lastContactAt)}`]}
              onClick={() => onPick({ kind: 'company', hit: c })}
            />
          ))}
        </ResultGroup>
      )}
      {result.colleagues.length > 0 && (
        <ResultGroup
          heading={t('search.colleagues')}
          footer={showAll('colleague', result.colleagues.length, t('search.colleagues'))}
        >
          {result.colleagues.map((c) => (
            <SearchHit
              key={c.userId}
              kind="colleague"
              image={<Avatar name={c.name} size={28} aria-hidden="true" />}
              name={c.name}
              meta={[c.email, t('search.colleagueActivity', { count: tr.number(c.contactPoints) })]}
              onClick={() => onPick({ kind: 'colleague', hit: c })}
            />
          ))}
        </ResultGroup>
      )}
      {mode !== 'all' && result.nextCursor && (
        <Button size="small" onClick={onMore} disabled={loadingMore}>
          {loadingMore ? <Spinner size="extra-tiny" /> : t('search.more')}
        </Button>
      )}
    </div>
  );
}

function ResultGroup({
  heading,
  footer,
  children,
}: {
  heading: string;
  footer: ReactNode;
  children: ReactNode;
}) {
  const styles = useStyles();
  return (
    <section className={styles.group} aria-label={heading}>
      <h2 className={styles.heading}>{heading}</h2>
      <ul className={styles.list}>{children}</ul>
      {footer}
    </section>
  );
}

type Parts = Array<string | null | false | undefined>;
const line = (parts: Parts) => parts.filter(Boolean).join(' · ');

/** One result: its name, what identifies it, and (for people) how well the organisation knows them. */
function SearchHit(props: {
  kind: SearchKind;
  name: string;
  image?: ReactElement;
  meta: Parts;
  detail?: Parts;
  onClick: () => void;
}) {
  const styles = useStyles();
  return (
    <li>
      <Button
        appearance="subtle"
        className={styles.hit}
        icon={props.image}
        onClick={props.onClick}
        data-testid={`search-hit-${props.kind}`}
      >
        <span className={styles.text}>
          <span className={styles.name}>{props.name}</span>
          <span className={styles.meta}>{line(props.meta)}</span>
          {props.detail && <span className={styles.meta}>{line(props.detail)}</span>}
        </span>
      </Button>
    </li>
  );
}
