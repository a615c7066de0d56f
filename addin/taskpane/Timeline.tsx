import { makeStyles, tokens } from '@fluentui/react-components';
import type { TimelineItem } from '../../shared/api';
import { useI18n } from '../common/i18n';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalXS },
  item: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase200,
  },
  date: { color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap' },
  subject: { gridColumn: '2', color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  hidden: { fontStyle: 'italic' },
});

/** Contact points newest first: date, who, which way, and the subject (null = hidden by the organisation). */
export function Timeline({ items }: { items: TimelineItem[] }) {
  const tr = useI18n();
  const styles = useStyles();
  return (
    <ol className={styles.list}>
      {items.map((item, i) => (
        <li key={`${item.at}-${i}`} className={styles.item} data-testid="timeline-item">
          <time className={styles.date} dateTime={item.at}>
            {tr.date(item.at)}
          </time>
          <span>
            {item.direction === 'sent'
              ? tr.t('contact.timelineSent', { colleague: item.colleague.name })
              : tr.t('contact.timelineReceived', { colleague: item.colleague.name })}
          </span>
          {item.subject !== null ? (
            <span className={styles.subject}>{item.subject || tr.t('contact.noSubject')}</span>
          ) : (
            <span className={`${styles.subject} ${styles.hidden}`}>{tr.t('contact.subjectHidden')}</span>
          )}
        </li>
      ))}
    </ol>
  );
}
