import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { ApiError, UnreachableError } from './api';
import { useI18n } from './i18n';

/** Offline, unreachable or an API error, in plain words, with a way to try again. */
export function ProblemMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  let text: string;
  let intent: 'warning' | 'error' = 'error';
  if (error instanceof UnreachableError) {
    text = error.offline ? t('common.offline') : t('common.unreachable');
    intent = 'warning';
  } else if (error instanceof ApiError) {
    text = t('common.error', { message: error.message });
  } else {
    text = t('common.error', { message: (error as Error)?.message ?? String(error) });
  }
  return (
    <MessageBar intent={intent} role="alert" data-testid="problem">
      <MessageBarBody>{text}</MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button onClick={onRetry}>{t('common.retry')}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
