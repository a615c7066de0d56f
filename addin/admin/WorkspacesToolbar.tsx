import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useI18n } from '../common/i18n';

const useStyles = makeStyles({
  form: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', flexWrap: 'wrap' },
});

const domainPattern = /^[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+$/;

/** Adding a Google Workspace by its domain; only a well-formed (lower-cased) domain is passed on. */
export function WorkspacesToolbar({
  busy,
  onRegister,
}: {
  busy: boolean;
  onRegister: (domain: string) => void;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  const [domain, setDomain] = useState('');
  const [invalid, setInvalid] = useState(false);
  return (
    <form
      className={styles.form}
      onSubmit={(event) => {
        event.preventDefault();
        const name = domain.trim().toLowerCase();
        const wellFormed = domainPattern.test(name);
        setInvalid(!wellFormed);
        if (wellFormed) onRegister(name);
      }}
    >
      <Field
        label={t('workspaces.domainLabel')}
        validationState={invalid ? 'error' : 'none'}
        validationMessage={invalid ? t('workspaces.domainInvalid') : undefined}
      >
        <Input value={domain} onChange={(_e, d) => setDomain(d.value)} placeholder="example.com" />
      </Field>
      <Button appearance="primary" type="submit" disabled={busy}>
        {t('workspaces.register')}
      </Button>
    </form>
  );
}
