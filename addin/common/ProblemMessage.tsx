import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  tokens,
} from '@fluentui/react-components';
import { ApiError, UnreachableError } from './api';
import { useI18n, type Translator } from './i18n';

const useStyles = makeStyles({
  details: {
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    overflowWrap: 'anywhere',
  },
});

/** What went wrong, in the reader's language; the service's own (English) words only as details. */
export function problemText(error: unknown, tr: Translator): string {
  if (error instanceof UnreachableError) return tr.t(error.offline ? 'common.offline' : 'common.unreachable');
  if (error instanceof ApiError) {
    const http = /^http_(\d{3})$/.exec(error.code);
    return http ? tr.t('error.http', { status: http[1]! }) : tr.apiError(error.code);
  }
  return tr.t('common.error', { message: (error as Error)?.message ?? String(error) });
}

/** Offline, unreachable or an API error, in plain words, with a way to try again. */
export function ProblemMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const tr = useI18n();
  const styles = useStyles();
  const intent = error instanceof UnreachableError ? 'warning' : 'error';
  return (
    <MessageBar intent={intent} role="alert" data-testid="problem" layout="multiline">
      <MessageBarBody>
        {problemText(error, tr)}
        {error instanceof ApiError && (
          <details className={styles.details}>
            <summary>{tr.t('common.technicalDetails')}</summary>
            {[
              tr.t('common.errorCode', { code: `${error.code} (HTTP ${error.status})` }),
              error.requestId ? tr.t('common.requestId', { id: error.requestId }) : null,
            ]
              .filter(Boolean)
              .join(' · ')}
            <br />
            <span lang="en">{error.message}</span>
          </details>
        )}
      </MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button onClick={onRetry}>{tr.t('common.retry')}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
