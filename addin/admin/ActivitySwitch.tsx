import { MessageBar, MessageBarBody, makeStyles, Switch, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ActivityManagementResponse, ApiClient } from '../common/api';
import { useI18n } from '../common/i18n';
import { ProblemMessage } from '../common/ProblemMessage';

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  note: { margin: 0, color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** The organisation-wide switch; switching it on sends the admin a notification email. */
export function ActivitySwitch({
  api,
  enabled,
  anyConsented,
  onChanged,
}: {
  api: ApiClient;
  enabled: boolean;
  anyConsented: boolean;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [answer, setAnswer] = useState<ActivityManagementResponse | null>(null);
  const toggle = async (next: boolean) => {
    setBusy(true);
    setError(null);
    try {
      setAnswer(await api.setActivityManagement(next));
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const notification = answer?.notification;
  return (
    <section className={styles.root} aria-labelledby="activity-heading">
      <h2 id="activity-heading" className={styles.heading}>
        {t('activity.heading')}
      </h2>
      <Switch
        checked={enabled}
        disabled={busy || (!enabled && !anyConsented)}
        onChange={(_e, data) => void toggle(data.checked)}
        label={enabled ? t('activity.enabled') : t('activity.disabled')}
        aria-describedby="activity-note"
        data-testid="activity-switch"
      />
      <p id="activity-note" className={styles.note}>
        {anyConsented ? t('activity.emailNote') : t('activity.needsConsent')}
      </p>
      {notification?.sentTo && (
        <MessageBar intent="success" data-testid="activity-notification">
          <MessageBarBody>{t('activity.notificationSent', { to: notification.sentTo })}</MessageBarBody>
        </MessageBar>
      )}
      {notification?.error && (
        <MessageBar intent="warning" data-testid="activity-notification">
          <MessageBarBody>{t('activity.notificationFailed', { error: notification.error })}</MessageBarBody>
        </MessageBar>
      )}
      {error !== null && <ProblemMessage error={error} />}
    </section>
  );
}
