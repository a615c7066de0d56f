import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Spinner,
  Switch,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { SettingsView } from '../../shared/api';
import { isAbort, type ApiClient } from '../common/api';
import { useI18n } from '../common/i18n';
import { ProblemMessage } from '../common/ProblemMessage';

const useStyles = makeStyles({
  form: { display: 'grid', gap: tokens.spacingVerticalM, maxWidth: '36em' },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
});

const lines = (text: string) =>
  text
    .split(/[\n,]/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);

/** Display setting, exclusions, subject visibility and the backfill window of the organisation. */
export function SettingsPanel({ api }: { api: ApiClient }) {
  const { t } = useI18n();
  const styles = useStyles();
  const [settings, setSettings] = useState<SettingsView | null>(null);
  const [domains, setDomains] = useState('');
  const [addresses, setAddresses] = useState('');
  const [backfill, setBackfill] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const show = (s: SettingsView) => {
    setSettings(s);
    setDomains(s.excludedDomains.join('\n'));
    setAddresses(s.excludedAddresses.join('\n'));
    setBackfill(String(s.backfillDays));
  };

  useEffect(() => {
    const controller = new AbortController();
    api.settings(controller.signal).then(show, (err: unknown) => !isAbort(err) && setError(err));
    return () => controller.abort();
  }, [api]);

  if (!settings) return error !== null ? <ProblemMessage error={error} /> : <Spinner size="small" />;

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      show(
        await api.updateSettings({
          showEmailActivities: settings.showEmailActivities,
          subjectVisibility: settings.subjectVisibility,
          excludedDomains: lines(domains),
          excludedAddresses: lines(addresses),
          backfillDays: Number(backfill),
          allowGuests: settings.allowGuests,
        }),
      );
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={styles.form} onSubmit={(e) => void save(e)} aria-labelledby="settings-heading">
      <h2 id="settings-heading" className={styles.heading}>
        {t('settings.heading')}
      </h2>
      <Field hint={t('settings.showEmailHint')}>
        <Switch
          checked={settings.showEmailActivities}
          onChange={(_e, d) => setSettings({ ...settings, showEmailActivities: d.checked })}
          label={t('settings.showEmail')}
          data-testid="show-email-switch"
        />
      </Field>
      <Field hint={t('settings.allowGuestsHint')}>
        <Switch
          checked={settings.allowGuests}
          onChange={(_e, d) => setSettings({ ...settings, allowGuests: d.checked })}
          label={t('settings.allowGuests')}
          data-testid="allow-guests-switch"
        />
      </Field>
      <Field label={t('settings.subjects')}>
        <RadioGroup
          value={settings.subjectVisibility}
          onChange={(_e, d) => setSettings({ ...settings, subjectVisibility: d.value as 'full' | 'hidden' })}
        >
          <Radio value="full" label={t('settings.subjectsFull')} />
          <Radio value="hidden" label={t('settings.subjectsHidden')} />
        </RadioGroup>
      </Field>
      <Field label={t('settings.excludedDomains')}>
        <Textarea value={domains} onChange={(_e, d) => setDomains(d.value)} resize="vertical" />
      </Field>
      <Field label={t('settings.excludedAddresses')}>
        <Textarea value={addresses} onChange={(_e, d) => setAddresses(d.value)} resize="vertical" />
      </Field>
      <Field label={t('settings.backfill')}>
        <Input type="number" min={1} max={3650} value={backfill} onChange={(_e, d) => setBackfill(d.value)} />
      </Field>
      <div>
        <Button appearance="primary" type="submit" disabled={busy} data-testid="save-settings">
          {t('common.save')}
        </Button>
      </div>
      <div aria-live="polite">
        {saved && (
          <MessageBar intent="success">
            <MessageBarBody>{t('common.saved')}</MessageBarBody>
          </MessageBar>
        )}
        {error !== null && <ProblemMessage error={error} />}
      </div>
    </form>
  );
}
