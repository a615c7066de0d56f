import {
  Button,
  makeStyles,
  mergeClasses,
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
import { useStackedTableStyles } from '../common/stacked-table';

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
  const cards = useStackedTableStyles();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Which page to read: the first (again, on retry) or the one after `from`.
  const [request, setRequest] = useState<{ from: string | null; attempt: number }>({
    from: null,
    attempt: 0,
  });

  useEffect(() => {
    const controller = new AbortController();
    api.audit(request.from, controller.signal).then(
      (page) => {
        setEntries((prev) => [...(request.from ? (prev ?? []) : []), ...page.entries]);
        setCursor(page.nextCursor);
        setError(null);
      },
      (err: unknown) => !isAbort(err) && setError(err),
    );
    return () => controller.abort();
  }, [api, request]);
  const read = (from: string | null) => setRequest((r) => ({ from, attempt: r.attempt + 1 }));

  const cell = (label: string, value: string, className?: string) => (
    <TableCell className={mergeClasses(cards.cell, className)}>
      <span className={cards.label} aria-hidden="true">
        {label}
      </span>
      {value}
    </TableCell>
  );
  return (
    <section className={styles.root} aria-labelledby="audit-heading">
      <h2 id="audit-heading" className={styles.heading}>
        {t('audit.heading')}
      </h2>
      {error !== null && <ProblemMessage error={error} onRetry={() => read(null)} />}
      {entries === null ? (
        error === null && <Spinner size="small" />
      ) : entries.length === 0 ? (
        <p>{t('audit.none')}</p>
      ) : (
        <Table
          noNativeElements
          className={cards.table}
          aria-label={t('audit.heading')}
          size="small"
          data-testid="audit-table"
        >
          <TableHeader className={cards.header}>
            <TableRow>
              <TableHeaderCell className={cards.wide2}>{t('audit.when')}</TableHeaderCell>
              <TableHeaderCell className={cards.wide2}>{t('audit.who')}</TableHeaderCell>
              <TableHeaderCell className={cards.wide2}>{t('audit.what')}</TableHeaderCell>
              <TableHeaderCell className={cards.wide3}>{t('audit.target')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {entries.map((e, i) => (
              <TableRow key={`${e.at}-${i}`} className={cards.row}>
                {cell(t('audit.when'), tr.dateTime(e.at), cards.wide2)}
                {cell(t('audit.who'), e.actor.userPrincipalName, cards.wide2)}
                {cell(t('audit.what'), e.action, cards.wide2)}
                {cell(
                  t('audit.target'),
                  [e.target.tenantId, e.target.userId].filter(Boolean).join(' / '),
                  mergeClasses(cards.wide3, styles.muted),
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {cursor && (
        <div>
          <Button onClick={() => read(cursor)}>{t('common.loadMore')}</Button>
        </div>
      )}
    </section>
  );
}
