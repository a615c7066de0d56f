import {
  Button,
  makeStyles,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { AuditEntry } from '../../shared/api';
import { isAbort, type ApiClient } from '../common/api';
import { useI18n } from '../common/i18n';
import { ProblemMessage } from '../common/ProblemMessage';

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalM },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  muted: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** Who did what to which directory or user, newest first. */
export function AuditPanel({ api }: { api: ApiClient }) {
  const tr = useI18n();
  const { t } = tr;
  const styles = useStyles();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = async (from: string | null, signal?: AbortSignal) => {
    try {
      const page = await api.audit(from, signal);
      setEntries((prev) => [...(from ? (prev ?? []) : []), ...page.entries]);
      setCursor(page.nextCursor);
      setError(null);
    } catch (err) {
      if (!isAbort(err)) setError(err);
    }
  };
  useEffect(() => {
    const controller = new AbortController();
    void load(null, controller.signal);
    return () => controller.abort();
  }, [api]);

  return (
    <section className={styles.root} aria-labelledby="audit-heading">
      <h2 id="audit-heading" className={styles.heading}>
        {t('audit.heading')}
      </h2>
      {error !== null && <ProblemMessage error={error} onRetry={() => void load(null)} />}
      {entries === null ? (
        error === null && <Spinner size="small" />
      ) : entries.length === 0 ? (
        <p>{t('audit.none')}</p>
      ) : (
        <Table aria-label={t('audit.heading')} size="small" data-testid="audit-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('audit.when')}</TableHeaderCell>
              <TableHeaderCell>{t('audit.who')}</TableHeaderCell>
              <TableHeaderCell>{t('audit.what')}</TableHeaderCell>
              <TableHeaderCell>{t('audit.target')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {entries.map((e, i) => (
              <TableRow key={`${e.at}-${i}`}>
                <TableCell>{tr.dateTime(e.at)}</TableCell>
                <TableCell>{e.actor.userPrincipalName}</TableCell>
                <TableCell>{e.action}</TableCell>
                <TableCell className={styles.muted}>
                  {[e.target.tenantId, e.target.userId].filter(Boolean).join(' / ')}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {cursor && (
        <div>
          <Button onClick={() => void load(cursor)}>{t('common.loadMore')}</Button>
        </div>
      )}
    </section>
  );
}
