import { makeStyles, ProgressBar, tokens } from '@fluentui/react-components';
import type { ColleagueRelationship } from '../../shared/api';
import { useI18n } from '../common/i18n';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalS },
  row: { display: 'grid', gap: '2px' },
  line: { display: 'flex', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  meta: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** The colleagues who know a contact best, strongest first, with the strength as a bar. */
export function ColleagueList({
  colleagues,
  limit = 3,
}: {
  colleagues: ColleagueRelationship[];
  limit?: number;
}) {
  const tr = useI18n();
  const styles = useStyles();
  return (
    <ul className={styles.list}>
      {colleagues.slice(0, limit).map((c) => {
        const label = tr.t('contact.strength', { strength: Math.round(c.strength) });
        return (
          <li key={c.userId} className={styles.row} data-testid="colleague">
            <span className={styles.line}>
              <span>{c.name}</span>
              <span className={styles.meta}>
                {tr.t('contact.sentReceived', { sent: c.sent, received: c.received })}
              </span>
            </span>
            <ProgressBar
              value={Math.max(0, Math.min(100, c.strength)) / 100}
              thickness="medium"
              aria-label={`${c.name}: ${label}`}
            />
            <span className={styles.meta}>
              {label} · {tr.t('contact.lastContact')} {tr.date(c.lastContactAt)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
