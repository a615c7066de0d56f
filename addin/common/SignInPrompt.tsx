import { Button, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useI18n, type MessageKey } from './i18n';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, alignItems: 'flex-start' },
});

/** Shown when no token can be had silently; the click is the user gesture a popup needs. */
export function SignInPrompt({
  signIn,
  onSignedIn,
  messageKey = 'auth.signInNeeded',
}: {
  signIn: () => Promise<void>;
  onSignedIn: () => void;
  messageKey?: MessageKey;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const click = async () => {
    setBusy(true);
    setError(null);
    try {
      await signIn();
      onSignedIn();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className={styles.root} aria-live="polite">
      <p>{t(messageKey)}</p>
      <Button appearance="primary" onClick={() => void click()} disabled={busy}>
        {busy ? t('auth.signingIn') : t('auth.signIn')}
      </Button>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{t('auth.failed', { message: error })}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
