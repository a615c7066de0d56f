import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useI18n } from '../common/i18n';

const useStyles = makeStyles({
  form: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', flexWrap: 'wrap' },
  // A GUID fits at 320 px; wider panes give the field more room.
  field: { flex: '1 1 22em', minWidth: 0 },
});

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Adding a directory by its tenant ID: register it and grant consent in a dialog, or register it
 * and get a link for its administrator. Only a well-formed ID (lower-cased) is passed on.
 */
export function TenantsToolbar({
  busy,
  onConsent,
  onLink,
}: {
  busy: boolean;
  onConsent: (tenantId: string) => void;
  onLink: (tenantId: string) => void;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  const [tenantId, setTenantId] = useState('');
  const [invalid, setInvalid] = useState(false);

  const submitted = (next: (id: string) => void) => {
    const id = tenantId.trim().toLowerCase();
    if (!guid.test(id)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setTenantId('');
    next(id);
  };

  return (
    <form
      className={styles.form}
      onSubmit={(event) => {
        event.preventDefault();
        submitted(onConsent);
      }}
    >
      <Field
        className={styles.field}
        label={t('tenants.idLabel')}
        hint={t('tenants.idHint')}
        validationState={invalid ? 'error' : 'none'}
        validationMessage={invalid ? t('tenants.idInvalid') : undefined}
      >
        <Input
          value={tenantId}
          onChange={(_e, d) => setTenantId(d.value)}
          placeholder="00000000-0000-0000-0000-000000000000"
          data-testid="tenant-id-input"
        />
      </Field>
      <Button appearance="primary" type="submit" disabled={busy}>
        {t('tenants.register')}
      </Button>
      <Button type="button" disabled={busy} onClick={() => submitted(onLink)} data-testid="register-link">
        {t('tenants.registerLink')}
      </Button>
    </form>
  );
}
